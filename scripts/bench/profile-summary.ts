// Reads a V8 CPU profile of the production server (`npm run bench -- --profile <dir>` writes them) and prints
// where the time went: self and inclusive milliseconds per area of the stack (session, tRPC, superjson, zod,
// Next, the database driver, our services, ...), per file and per function. The production build's chunks
// are minified, so each frame is mapped back to its source through the build's source maps first.
//
//   npx tsx scripts/bench/profile-summary.ts <file.cpuprofile | dir> [--phase <name>] [--top <n>]
//
// With a directory, every .cpuprofile in it is read (Next may start more than one process) and the
// phases the bench recorded (phases.json: each measured run's start and end on the monotonic clock the
// profiler also uses) cut the samples to each measured run, so start-up and sign-in are left out.
// Summarise before the next build: the frames are mapped through the source maps in .next, and chunks that a
// new build replaced no longer map (their time shows as 'unattributed' or under the wrong file).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
export interface Phase {
  name: string;
  /** Microseconds on the monotonic clock (process.hrtime), the profiler's clock. */
  fromUs: number;
  toUs: number;
  requests?: number;
}

/** Where a frame's code comes from, after source maps: a repository path, a package path, or a V8 pseudo-frame. */
export interface Frame {
  source: string;
  line: number;
  name: string;
}

/**
 * The areas of the stack, first match wins. Frames of native code (no source: JSON.parse, a RegExp) are
 * charged to the area of the JavaScript that called them.
 */
export const AREAS: readonly (readonly [string, RegExp])[] = [
  ['session & auth (Auth.js, JWT, session check)', /^(server\/auth\/|node_modules\/(next-auth|@auth\/core|jose|@panva\/hkdf|oauth4webapi|cookie|preact|preact-render-to-string)\/)/],
  ['tRPC: our setup, tiers, routers (server/api)', /^server\/api\//],
  ['tRPC library', /^node_modules\/@trpc\//],
  ['superjson', /^node_modules\/(superjson|copy-anything|is-what)\//],
  ['zod', /^node_modules\/zod\//],
  ['route handler (app/)', /^app\//],
  ['proxy.ts', /^proxy\.ts$/],
  ['i18n (catalogues, formatting)', /^(i18n\/|messages\/|node_modules\/(use-intl|next-intl|@formatjs|intl-messageformat)\/)/],
  ['Next.js', /^node_modules\/next\//],
  ['React', /^node_modules\/(react|react-dom|scheduler)\//],
  ['Drizzle ORM', /^node_modules\/drizzle-orm\//],
  ['postgres.js', /^node_modules\/postgres\//],
  ['our services (server/)', /^server\//],
  ['pure code (lib/)', /^lib\//],
  ['db/ (schema, driver setup)', /^db\//],
  ['other packages', /^node_modules\//],
  // AsyncLocalStorage (Next keeps each request's context in it) runs on promise hooks in Node 20: a cost on every promise.
  ['Node: async context (AsyncLocalStorage, promise hooks)', /^node:(async_hooks|internal\/async_hooks|internal\/async_local_storage)/],
  ['Node: event loop (ticks, timers)', /^node:(timers|internal\/timers|internal\/process\/task_queues)/],
  ['Node: fetch API (undici Request, Response, Headers)', /^node:internal\/deps\/undici/],
  ['Node: web streams', /^node:internal\/webstreams/],
  ['Node: http, net, streams', /^node:(_http|http|net|stream|internal\/(http|streams|stream_base|net|js_stream|url))/],
  ['Node: crypto', /^node:(crypto|internal\/crypto)/],
  ['Node: console, fs', /^node:(internal\/console|internal\/fs|fs|console|tty|internal\/tty)/],
  ['Node: other', /^node:/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['V8 and native (program)', /^\(program\)$/],
  ['idle', /^\(idle\)$/],
];

export function areaOf(source: string): string {
  for (const [name, test] of AREAS) if (test.test(source)) return name;
  return 'unattributed';
}

/** A source path from a map ('../../../node_modules/%40trpc/server/src/x.ts', 'webpack://next/dist/...') made repository-relative. */
export function normaliseSource(raw: string, root: string): string {
  let s = decodeURIComponent(raw).replace(/^webpack:\/\/\/?(_N_E\/)?/, '').replace(/^turbopack:\/\/\/?(\[project\]\/)?/, '');
  if (s.startsWith('file://')) s = fileURLToPath(s);
  if (path.isAbsolute(s)) s = path.relative(root, s);
  s = s.replace(/^(\.\.\/)+/, '').replace(/^\.\//, '');
  // Packages bundled from a nested layout (pnpm-style folders) keep only the package's own path.
  s = s.replace(/^.*node_modules\/\.[^/]+\/[^/]+\/node_modules\//, 'node_modules/');
  // Drizzle ships maps naming its own src/ folder.
  if (s.startsWith('node_modules/src/')) s = `node_modules/drizzle-orm/${s.slice('node_modules/'.length)}`;
  // Next's precompiled runtimes map to paths inside the next package.
  if (/^(next\/)?dist\//.test(s) || s.startsWith('next/')) s = `node_modules/next/${s.replace(/^next\//, '')}`;
  return s;
}

/** Maps minified frames to their sources, reading each file's source map once. */
export class FrameResolver {
  private maps = new Map<string, SourceMap | null>();
  constructor(private root: string) {}

  private mapFor(file: string): SourceMap | null {
    if (this.maps.has(file)) return this.maps.get(file) ?? null;
    let map: SourceMap | null = null;
    try {
      const mapFile = `${file}.map`;
      if (existsSync(mapFile)) map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as never);
    } catch {
      map = null;
    }
    this.maps.set(file, map);
    return map;
  }

  resolve(frame: CpuProfileNode['callFrame']): Frame {
    const { url, functionName, lineNumber, columnNumber } = frame;
    if (!url) return { source: functionName.startsWith('(') ? functionName : '', line: 0, name: functionName || '(anonymous)' };
    if (url.startsWith('node:')) return { source: url, line: lineNumber + 1, name: functionName || '(anonymous)' };
    let file: string;
    try {
      file = url.startsWith('file://') ? fileURLToPath(url) : url;
    } catch {
      return { source: url, line: lineNumber + 1, name: functionName };
    }
    if (!path.isAbsolute(file)) return { source: file, line: lineNumber + 1, name: functionName };
    const map = this.mapFor(file);
    const entry = map?.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
    if (entry?.originalSource) {
      let source = normaliseSource(entry.originalSource, this.root);
      // A package's own map names paths inside the package ('src/server/base-server.ts' in next's runtime).
      const pkg = /^node_modules\/((@[^/]+\/)?[^/]+)\//.exec(path.relative(this.root, file))?.[1];
      if (pkg && !source.startsWith('node_modules/')) source = `node_modules/${pkg}/${source}`;
      return { source: source.replace(/\/\.\//g, '/'), line: (entry.originalLine ?? 0) + 1, name: functionName || entry.name || '(anonymous)' };
    }
    return { source: normaliseSource(file, this.root), line: lineNumber + 1, name: functionName || '(anonymous)' };
  }
}

export interface Summary {
  /** Milliseconds of samples in the window, idle included. */
  totalMs: number;
  busyMs: number;
  requests: number | null;
  areas: { area: string; selfMs: number; inclusiveMs: number }[];
  files: { source: string; area: string; selfMs: number }[];
  functions: { fn: string; area: string; selfMs: number }[];
}

/** Self and inclusive time per area, file and function, over the samples inside `window` (all when absent). */
export function summarise(profiles: CpuProfile[], resolver: FrameResolver, window?: Phase): Summary {
  const selfArea = new Map<string, number>();
  const inclArea = new Map<string, number>();
  const selfFile = new Map<string, { area: string; us: number }>();
  const selfFn = new Map<string, { area: string; us: number }>();
  let total = 0;
  let idle = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const frames = new Map<number, Frame>();
    const frameOf = (id: number): Frame => {
      let f = frames.get(id);
      if (!f) {
        const node = byId.get(id);
        f = node ? resolver.resolve(node.callFrame) : { source: '', line: 0, name: '?' };
        frames.set(id, f);
      }
      return f;
    };
    // A native frame takes its caller's area; the root takes none.
    const areaCache = new Map<number, string | null>();
    const areaOfNode = (id: number): string | null => {
      if (areaCache.has(id)) return areaCache.get(id) ?? null;
      const f = frameOf(id);
      let area: string | null;
      if (f.name === '(root)') area = null;
      else if (f.source) area = areaOf(f.source);
      else {
        const up = parent.get(id);
        area = up === undefined ? 'unattributed' : (areaOfNode(up) ?? 'unattributed');
      }
      areaCache.set(id, area);
      return area;
    };
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      const delta = profile.timeDeltas[i] ?? 0;
      t += delta;
      if (window && (t < window.fromUs || t > window.toUs)) continue;
      // The time until the next sample is this sample's (V8 stamps a sample when it is taken).
      const us = profile.timeDeltas[i + 1] ?? 0;
      const leaf = profile.samples[i];
      if (leaf === undefined) continue;
      total += us;
      const leafArea = areaOfNode(leaf) ?? 'unattributed';
      if (leafArea === 'idle') {
        idle += us;
        continue;
      }
      selfArea.set(leafArea, (selfArea.get(leafArea) ?? 0) + us);
      const f = frameOf(leaf);
      const fileKey = f.source || `(native code called from: ${leafArea})`;
      const file = selfFile.get(fileKey) ?? { area: leafArea, us: 0 };
      file.us += us;
      selfFile.set(fileKey, file);
      const fnKey = `${f.name} ${f.source ? `${f.source}:${f.line}` : `(native, called from: ${leafArea})`}`;
      const fn = selfFn.get(fnKey) ?? { area: leafArea, us: 0 };
      fn.us += us;
      selfFn.set(fnKey, fn);
      const seen = new Set<string>();
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
        const a = areaOfNode(id);
        if (a && !seen.has(a)) {
          seen.add(a);
          inclArea.set(a, (inclArea.get(a) ?? 0) + us);
        }
      }
    }
  }
  const ms = (us: number) => us / 1000;
  return {
    totalMs: ms(total),
    busyMs: ms(total - idle),
    requests: window?.requests ?? null,
    areas: [...new Set([...selfArea.keys(), ...inclArea.keys()])]
      .filter((a) => a !== 'idle')
      .map((area) => ({ area, selfMs: ms(selfArea.get(area) ?? 0), inclusiveMs: ms(inclArea.get(area) ?? 0) }))
      .sort((a, b) => b.selfMs - a.selfMs),
    files: [...selfFile].map(([source, v]) => ({ source, area: v.area, selfMs: ms(v.us) })).sort((a, b) => b.selfMs - a.selfMs),
    functions: [...selfFn].map(([fn, v]) => ({ fn, area: v.area, selfMs: ms(v.us) })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

export function formatSummary(title: string, s: Summary, top: number): string {
  const pct = (v: number) => `${((100 * v) / Math.max(1e-9, s.busyMs)).toFixed(1)}%`;
  const perReq = (v: number) => (s.requests ? (v / s.requests).toFixed(2) : '–');
  const lines = [
    `## ${title}`,
    '',
    `Samples over ${(s.totalMs / 1000).toFixed(1)} s, busy (not idle) ${(s.busyMs / 1000).toFixed(1)} s${s.requests ? `, ${s.requests} requests: ${(s.busyMs / s.requests).toFixed(2)} ms of CPU per request` : ''}.`,
    '',
    '| Area | Self ms | Self % of busy | Self ms / request | Inclusive ms | Inclusive % |',
    '|---|--:|--:|--:|--:|--:|',
    ...s.areas.map((a) => `| ${a.area} | ${a.selfMs.toFixed(0)} | ${pct(a.selfMs)} | ${perReq(a.selfMs)} | ${a.inclusiveMs.toFixed(0)} | ${pct(a.inclusiveMs)} |`),
    '',
    `Top ${top} files by self time:`,
    '',
    '| File | Area | Self ms | % |',
    '|---|---|--:|--:|',
    ...s.files.slice(0, top).map((f) => `| ${f.source} | ${f.area} | ${f.selfMs.toFixed(0)} | ${pct(f.selfMs)} |`),
    '',
    `Top ${top} functions by self time:`,
    '',
    '| Function | Area | Self ms | % |',
    '|---|---|--:|--:|',
    ...s.functions.slice(0, top).map((f) => `| \`${f.fn}\` | ${f.area} | ${f.selfMs.toFixed(0)} | ${pct(f.selfMs)} |`),
    '',
  ];
  return lines.join('\n');
}

function main() {
  const args = process.argv.slice(2);
  let target: string | undefined;
  let only: string | undefined;
  let top = 25;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--phase') only = args[++i];
    else if (a === '--top') top = Number(args[++i]) || top;
    else target = a;
  }
  if (!target) {
    console.error('usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile | dir> [--phase <name>] [--top <n>]');
    process.exit(2);
  }
  const files = readdirSyncSafe(target);
  // Every process's samples are added up: during a measured run only the server is busy.
  const profiles = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile);
  const phasesFile = path.join(files.length && target.endsWith('.cpuprofile') ? path.dirname(target) : target, 'phases.json');
  const phases: Phase[] = existsSync(phasesFile) ? (JSON.parse(readFileSync(phasesFile, 'utf8')) as { phases: Phase[] }).phases : [];
  const resolver = new FrameResolver(process.cwd());
  const chosen = phases.filter((p) => !only || p.name === only);
  if (chosen.length === 0) console.log(formatSummary(`Whole profile (${files.map((f) => path.basename(f)).join(', ')})`, summarise(profiles, resolver), top));
  for (const phase of chosen) console.log(formatSummary(phase.name, summarise(profiles, resolver, phase), top));
}

function readdirSyncSafe(target: string): string[] {
  if (target.endsWith('.cpuprofile')) return [target];
  return readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) main();
