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

export interface PreviousRun {
  generatedAt: string;
  machine?: { loadAverageAtStart?: number[] };
  endpoints: ComparedEndpoint[];
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
