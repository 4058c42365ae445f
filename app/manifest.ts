// The web app manifest (/manifest.webmanifest): Taperline installs as a phone app that opens on the
// person's home ('/' sends each role to theirs) and, offline, on the check-in (public/sw.js). It names no
// person and holds no data, so it is the same for everyone and needs no sign-in.
import type { MetadataRoute } from 'next';

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Taperline',
    short_name: 'Taperline',
    description: 'A shared portal for tapering oral baclofen, for patients and their care team.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: '#115e59',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
