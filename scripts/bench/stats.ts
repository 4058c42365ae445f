// Figures of a run: percentiles, ratios and the markdown table, as pure functions.

/** Nearest-rank percentile of unsorted samples (p in 0..100); NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** ours / bare as "3.2×"; a dash when either side is missing or the bare side is zero. */
export function ratio(ours: number | null | undefined, bare: number | null | undefined): number | null {
  if (ours === null || ours === undefined || bare === null || bare === undefined) return null;
  if (!Number.isFinite(ours) || !Number.isFinite(bare) || bare <= 0) return null;
  return ours / bare;
}

export function formatRatio(value: number | null): string {
  if (value === null) return '–';
  return value >= 10 ? `${Math.round(value)}×` : `${value.toFixed(1)}×`;
}

export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** A difference in KB with its sign: '+0.4 KB', '−1.2 KB', '±0.0 KB'. */
export function signedKb(bytes: number): string {
  const kb = (bytes / 1024).toFixed(1);
  return Number(kb) === 0 ? '±0.0 KB' : bytes > 0 ? `+${kb} KB` : `−${kb.slice(1)} KB`;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  connections: number;
  /** Users pausing a random time of this mean between requests; absent: connections back to back. */
  thinkTimeMs?: number;
  /** CPU ms per request of the server's processes and of the database's backends during the run (Linux). */
  cpu?: { serverMsPerRequest: number; databaseMsPerRequest: number };
}

export interface EndpointResult {
  key: string;
  label: string;
  ours: LoadFigures;
  bare: LoadFigures;
  /** The target, when the issue sets one: p95 under this many ms. */
  targetP95Ms?: number;
}

export function metTarget(result: EndpointResult): boolean | null {
  if (result.targetP95Ms === undefined) return null;
  return result.ours.errors + result.ours.non2xx === 0 && result.ours.p95 < result.targetP95Ms;
}

/** "32" for connections back to back, "32 users, 1 s apart" for users pausing between requests. */
export function loadOf(f: Pick<LoadFigures, 'connections' | 'thinkTimeMs'>): string {
  return f.thinkTimeMs === undefined ? String(f.connections) : `${f.connections} users, ${formatSeconds(f.thinkTimeMs)} apart`;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The load table: ours beside bare, and ours / bare for requests/s (lower is worse) and latencies (higher is worse). */
export function loadTable(results: readonly EndpointResult[]): string {
  const lines = [
    '| Endpoint | Load | Req/s | p50 | p95 | p99 | Errors | Bare req/s | Bare p50 | Bare p95 | Bare p99 | Ratio req/s | Ratio p95 | Target |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const r of results) {
    const met = metTarget(r);
    const target = r.targetP95Ms === undefined ? '' : `p95 < ${r.targetP95Ms} ms: ${met ? 'met' : 'missed'}`;
    lines.push(
      `| ${r.label} | ${loadOf(r.ours)} | ${r.ours.requestsPerSecond.toFixed(0)} | ${formatMs(r.ours.p50)} | ${formatMs(r.ours.p95)} | ${formatMs(r.ours.p99)} | ${r.ours.errors + r.ours.non2xx} | ` +
        `${r.bare.requestsPerSecond.toFixed(0)} | ${formatMs(r.bare.p50)} | ${formatMs(r.bare.p95)} | ${formatMs(r.bare.p99)} | ` +
        `${formatRatio(ratio(r.ours.requestsPerSecond, r.bare.requestsPerSecond))} | ${formatRatio(ratio(r.ours.p95, r.bare.p95))} | ${target} |`,
    );
  }
  return lines.join('\n');
}

/**
 * CPU milliseconds per request, the server's and the database's, ours beside bare. On a shared machine this
 * moves far less than requests/s does; bare / ours of the total is what the capacity ratio would be if the
 * two had the machine to themselves.
 */
export function cpuTable(results: readonly EndpointResult[]): string {
  const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(1));
  const total = (x: LoadFigures) => (x.cpu ? x.cpu.serverMsPerRequest + x.cpu.databaseMsPerRequest : undefined);
  const lines = [
    '| Endpoint | Server ms/req | Database ms/req | Total | Bare server | Bare database | Bare total | Bare / ours (total) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of results) {
    const [ours, bare] = [total(r.ours), total(r.bare)];
    lines.push(
      `| ${r.label} | ${f(r.ours.cpu?.serverMsPerRequest)} | ${f(r.ours.cpu?.databaseMsPerRequest)} | ${f(ours)} | ${f(r.bare.cpu?.serverMsPerRequest)} | ` +
        `${f(r.bare.cpu?.databaseMsPerRequest)} | ${f(bare)} | ${formatRatio(ratio(bare, ours))} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The scripts every weighed page loads, and their gzip bytes: the framework's runtime and the root layout,
 * which no page can go below.
 */
export function sharedByAll(pages: readonly { files: readonly { file: string; gzipBytes: number }[] }[]): { files: string[]; gzipBytes: number } {
  const [first, ...rest] = pages;
  if (!first) return { files: [], gzipBytes: 0 };
  const shared = first.files.filter((f) => rest.every((p) => p.files.some((g) => g.file === f.file)));
  return { files: shared.map((f) => f.file), gzipBytes: shared.reduce((n, f) => n + f.gzipBytes, 0) };
}
