// The figures of this bench run beside the previous run's (the latest.json it replaces), endpoint by endpoint,
// so a change (such as the read audit) shows its cost where the figures are published.

export interface ComparedFigures {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  requestsPerSecond: number | null;
}

export interface ComparedEndpoint {
  key: string;
  label: string;
  ours: ComparedFigures;
  bare: ComparedFigures;
}

export interface ComparedPage {
  page: string;
  path: string;
  jsGzipBytes: number;
  files: { file: string; gzipBytes: number }[];
}

export interface PreviousRun {
  generatedAt: string;
  machine?: { loadAverageAtStart?: number[] };
  endpoints: ComparedEndpoint[];
  pages?: ComparedPage[];
  sharedByAllPages?: { gzipBytes: number };
  /** One audit (older runs: the check-in page only) or one per budgeted page. */
  lighthouse?: LighthouseFigures | LighthouseFigures[] | null;
}

/** The patient's pages with a JavaScript budget: their own scripts above the floor every page loads. */
export const BUDGETED_PAGES: readonly string[] = ['/sign-in', '/patient', '/patient/check-in', '/patient/plan', '/patient/trends'];
export const PAGE_BUDGET_KB = 25;

export interface LighthouseFigures {
  url: string;
  performance: number | null;
  accessibility?: number | null;
  firstContentfulPaintMs: number | null;
  largestContentfulPaintMs: number | null;
  totalBlockingTimeMs: number | null;
  lcpElement?: string | null;
  lcpPhases?: Record<string, number> | null;
  runs?: { performance: number | null; largestContentfulPaintMs: number | null }[];
  error?: string;
}

const kb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 1024).toFixed(1)} KB`);

/** The budgeted pages' own JavaScript then and now (then: the previous run's pages less its floor). */
export function pagesComparison(previous: PreviousRun | null, now: readonly ComparedPage[], floorBytes: number): string {
  if (!previous?.pages?.length) return '';
  const floorThen = previous.sharedByAllPages?.gzipBytes ?? null;
  const rows = now.filter((p) => BUDGETED_PAGES.includes(p.path)).map((p) => {
    const before = previous.pages?.find((b) => b.path === p.path);
    const ownThen = before && floorThen !== null ? before.jsGzipBytes - floorThen : null;
    return `| ${p.page} | ${kb(before?.jsGzipBytes)} → ${kb(p.jsGzipBytes)} | ${kb(ownThen)} → ${kb(p.jsGzipBytes - floorBytes)} |`;
  });
  return [
    `Patient pages beside the previous run (${previous.generatedAt.slice(0, 16).replace('T', ' ')} UTC); floor then ${kb(floorThen)}, now ${kb(floorBytes)}:`,
    '',
    '| Page | First-load JS then → now | Own above the floor then → now |',
    '|---|--:|--:|',
    ...rows,
    '',
  ].join('\n');
}

const phaseNames: Record<string, string> = { TTFB: 'first byte', 'Load Delay': 'load delay', 'Load Time': 'load time', 'Render Delay': 'render delay' };

/** Lighthouse's figures per page, and what the largest paint is and where its time goes. */
export function lighthouseSection(audits: readonly LighthouseFigures[]): string {
  if (!audits.length) return 'Lighthouse: skipped.\n';
  const path = (url: string) => new URL(url).pathname;
  return [
    'Lighthouse 12, mobile (emulated phone, simulated slow 4G and a slowed CPU); where a page had several runs, its figures are',
    "the median run's (Lighthouse's own choice of it) and each run's performance score and largest paint are listed:",
    '',
    '| Page | Performance | Accessibility | FCP | LCP | TBT | Runs: performance, LCP | Largest paint: element, and where its time goes |',
    '|---|--:|--:|--:|--:|--:|---|---|',
    ...audits.map((a) => {
      const phases = a.lcpPhases ? Object.entries(a.lcpPhases).map(([k, v]) => `${phaseNames[k] ?? k} ${ms(v)}`).join(', ') : '';
      const element = (a.lcpElement ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 120);
      const runs = a.runs && a.runs.length > 1 ? a.runs.map((r) => `${r.performance ?? '–'}, ${ms(r.largestContentfulPaintMs)}`).join('; ') : '–';
      return `| \`${path(a.url)}\` | ${a.performance ?? '–'} | ${a.accessibility ?? '–'} | ${ms(a.firstContentfulPaintMs)} | ${ms(a.largestContentfulPaintMs)} | ${ms(a.totalBlockingTimeMs)} | ${runs} | ${element ? `\`${element}\`` : '–'}${phases ? `; ${phases}` : ''}${a.error ? ` (${a.error})` : ''} |`;
    }),
    '',
  ].join('\n');
}

const ms = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n < 10 ? `${n.toFixed(1)} ms` : `${Math.round(n)} ms`);
const perSecond = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : `${Math.round(n)}`);
const change = (before: number | null | undefined, now: number | null | undefined) =>
  before && now !== null && now !== undefined && Number.isFinite(before) && Number.isFinite(now) ? `${now >= before ? '+' : '−'}${Math.abs(Math.round(((now - before) / before) * 100))}%` : '–';

/** Reads a previous run's results (latest.json), or null when there is none or it is not one. */
export function previousRunFrom(text: string | null): PreviousRun | null {
  if (!text) return null;
  try {
    const run = JSON.parse(text) as Partial<PreviousRun>;
    return typeof run.generatedAt === 'string' && Array.isArray(run.endpoints) ? (run as PreviousRun) : null;
  } catch {
    return null;
  }
}

/**
 * A markdown section: each endpoint both runs measured, its p50, p95 and req/s then and now, and the bare
 * server's p95 then and now (how busy the machine was: the bare server has no framework to slow it). `note`
 * says what changed in the app since the previous run.
 */
export function comparisonSection(previous: PreviousRun | null, now: ComparedEndpoint[], note: string | null, nowLoad: number[]): string {
  if (!previous) return '';
  const rows = now.flatMap((e) => {
    const before = previous.endpoints.find((p) => p.key === e.key);
    if (!before) return [];
    return [
      `| ${e.label} | ${ms(before.ours.p50)} → ${ms(e.ours.p50)} | ${ms(before.ours.p95)} → ${ms(e.ours.p95)} (${change(before.ours.p95, e.ours.p95)}) | ` +
        `${perSecond(before.ours.requestsPerSecond)} → ${perSecond(e.ours.requestsPerSecond)} | ${ms(before.bare.p95)} → ${ms(e.bare.p95)} |`,
    ];
  });
  if (!rows.length) return '';
  const when = previous.generatedAt.slice(0, 16).replace('T', ' ');
  const load = (l: number[] | undefined) => (l?.length ? l.join(' / ') : '–');
  return [
    `#### Beside the previous run (${when} UTC)`,
    '',
    ...(note ? [`Changed since: ${note}.`, ''] : []),
    `Load average at start: then ${load(previous.machine?.loadAverageAtStart)}, now ${load(nowLoad)}. The bare server's p95 shows how busy the machine was each time.`,
    '',
    '| Endpoint | p50 then → now | p95 then → now | Req/s then → now | Bare p95 then → now |',
    '|---|--:|--:|--:|--:|',
    ...rows,
    '',
  ].join('\n');
}
