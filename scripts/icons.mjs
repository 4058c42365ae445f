// Draws the installable app's icons (public/icons/, named by app/manifest.ts) and the Apple touch icon
// (app/apple-icon.png, linked by Next from its name) from the same mark as app/icon.svg: a step line going
// down, white on the brand teal. Run `node scripts/icons.mjs` after changing the mark; the PNGs are committed.
// The maskable icon fills its square and keeps the mark inside the central safe circle (40% radius), so a
// phone may cut it to any shape. sharp comes with Next (its image optimiser), so this adds no package.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const root = path.join(import.meta.dirname, '..');
const out = path.join(root, 'public', 'icons');
const TEAL = '#115e59';
const STEPS = 'M7 9h6v5h6v5h6';

/** The app icon as drawn in app/icon.svg (a 32-unit square with rounded corners). */
const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${TEAL}"/><path d="${STEPS}" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
/** Full bleed, the mark centred and scaled to 85%: its farthest corner (10.5 units out) stays inside the safe circle (12.8). */
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${TEAL}"/><g transform="translate(16 16) scale(0.85) translate(-16 -14)"><path d="${STEPS}" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></g></svg>`;

mkdirSync(out, { recursive: true });
const icons = [
  ['public/icons/icon-192.png', rounded, 192],
  ['public/icons/icon-512.png', rounded, 512],
  ['public/icons/icon-maskable-512.png', maskable, 512],
  // iOS rounds the corners itself, so it gets the full-bleed square.
  ['app/apple-icon.png', maskable, 180],
];
for (const [file, svg, size] of icons) {
  await sharp(Buffer.from(svg), { density: (72 * size) / 32 }).resize(size, size).png({ compressionLevel: 9 }).toFile(path.join(root, file));
  console.log(`${file} ${size}×${size}`);
}
