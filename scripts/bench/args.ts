// Command-line options of `npm run bench`, parsed without side effects so they can be tested.

export interface BenchOptions {
  /** 1 = 2,000 patients, 40 clinicians, 180 days of check-ins each. */
  scale: number;
  /** Reuse the existing production build instead of building when it is missing or stale. */
  build: boolean;
  /** Reuse the seeded data of the last run (same scale) instead of seeding again. */
  seed: boolean;
  lighthouse: boolean;
  /** Drive the endpoints (false: query plans, page weights and Lighthouse only, to check a page quickly). */
  load: boolean;
  /** Seconds each endpoint is driven for (after a short warm-up). */
  duration: number;
  /**
   * Seconds each user-load run lasts: users pausing a second send few requests, and a p95 of 80 samples
   * swings with one slow request, so these runs are longer.
   */
  userDuration: number;
  /** Concurrent connections per endpoint. */
  connections: { submit: number; triage: number; trends: number; planSave: number };
  /** First port tried for the app; the bare server takes the next free one. */
  port: number;
  outDir: string;
  /** What changed in the app since the previous run, printed beside the comparison with it. */
  note: string | null;
  /**
   * Only these load runs (ENDPOINT_KEYS), for measuring a change quickly: no query plans, no pages, and
   * nothing written to the results or docs/benchmark.md (a partial run is not a benchmark run). null: all.
   */
  endpoints: string[] | null;
  /**
   * A folder for CPU profiles: the app runs under `node --cpu-prof` and writes its profile there on exit,
   * beside phases.json (when each measured run started and ended), for scripts/bench/profile-summary.ts.
   * Implies the write paths' capacity runs unless `endpoints` names others.
   */
  profileDir: string | null;
}

/** The load runs, in the order the bench drives them. */
export const ENDPOINT_KEYS = ['checkin-submit', 'checkin-submit-capacity', 'triage-list', 'triage-list-capacity', 'trends-180', 'plan-save'] as const;
/** What --profile drives when no --endpoints are given: the write paths, back to back. */
export const PROFILE_ENDPOINTS = ['checkin-submit-capacity', 'plan-save'];

export const defaultOptions: BenchOptions = {
  scale: 1,
  build: true,
  seed: true,
  lighthouse: true,
  load: true,
  duration: 10,
  userDuration: 30,
  // The submit target names 32 concurrent users; a clinic has far fewer clinicians at their desks at once.
  connections: { submit: 32, triage: 8, trends: 16, planSave: 8 },
  port: 3160,
  outDir: 'bench/results',
  note: null,
  endpoints: null,
  profileDir: null,
};

export const usage = `npm run bench -- [options]
  --scale <n>          size of the synthetic clinic (1 = 2,000 patients; 0.1 quick; 10 = 3.6 million check-ins)
  --duration <s>       seconds per back-to-back run (default ${defaultOptions.duration})
  --user-duration <s>  seconds per run of users pausing between requests (default ${defaultOptions.userDuration})
  --connections <n>    the same concurrency for every endpoint (default: submit 32, triage 8, trends 16, plan save 8)
  --port <n>           first port to try (default ${defaultOptions.port})
  --out <dir>          where latest.json and latest.md go (default ${defaultOptions.outDir})
  --no-build           reuse the existing production build
  --no-seed            reuse the data of the last run
  --no-lighthouse      skip the Lighthouse audits
  --no-load            skip the load runs (query plans, page weights and Lighthouse only)
  --note <text>        what changed since the previous run (shown beside the comparison with it)
  --endpoints <keys>   only these load runs, comma-separated (${ENDPOINT_KEYS.join(', ')}):
                       no query plans or pages, and no results or docs written
  --profile <dir>      run the app under node --cpu-prof, writing its profile and phases.json to <dir>
                       (the write paths' capacity runs unless --endpoints says otherwise; nothing else written);
                       summarise with: npx tsx scripts/bench/profile-summary.ts <dir>`;

function numberArg(name: string, raw: string | undefined, check: (n: number) => boolean, rule: string): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new Error(`--${name} needs ${rule} (got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}).`);
  }
  return value;
}

/** Parses argv (without node and the script); throws an Error with a readable message on a bad option. */
export function parseArgs(argv: readonly string[]): BenchOptions | 'help' {
  const options: BenchOptions = { ...defaultOptions, connections: { ...defaultOptions.connections } };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--scale':
        options.scale = numberArg('scale', value(), (n) => n >= 0.005 && n <= 20, 'a number from 0.005 to 20');
        break;
      case '--duration':
        options.duration = numberArg('duration', value(), (n) => Number.isInteger(n) && n >= 1 && n <= 600, 'whole seconds from 1 to 600');
        break;
      case '--user-duration':
        options.userDuration = numberArg('user-duration', value(), (n) => Number.isInteger(n) && n >= 1 && n <= 600, 'whole seconds from 1 to 600');
        break;
      case '--connections': {
        const n = numberArg('connections', value(), (c) => Number.isInteger(c) && c >= 1 && c <= 512, 'a whole number from 1 to 512');
        options.connections = { submit: n, triage: n, trends: n, planSave: n };
        break;
      }
      case '--port':
        options.port = numberArg('port', value(), (n) => Number.isInteger(n) && n >= 1024 && n <= 65000, 'a port from 1024 to 65000');
        break;
      case '--out': {
        const dir = value();
        if (!dir || dir.startsWith('--')) throw new Error('--out needs a folder.');
        options.outDir = dir;
        break;
      }
      case '--note': {
        const text = value();
        if (!text || text.startsWith('--')) throw new Error('--note needs a text.');
        options.note = text;
        break;
      }
      case '--endpoints': {
        const list = (value() ?? '').split(',').map((k) => k.trim()).filter(Boolean);
        const unknown = list.filter((k) => !(ENDPOINT_KEYS as readonly string[]).includes(k));
        if (list.length === 0 || unknown.length) throw new Error(`--endpoints needs one or more of ${ENDPOINT_KEYS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}.`);
        options.endpoints = list;
        break;
      }
      case '--profile': {
        const dir = value();
        if (!dir || dir.startsWith('--')) throw new Error('--profile needs a folder.');
        options.profileDir = dir;
        break;
      }
      case '--no-build':
        options.build = false;
        break;
      case '--no-seed':
        options.seed = false;
        break;
      case '--no-lighthouse':
        options.lighthouse = false;
        break;
      case '--no-load':
        options.load = false;
        break;
      default:
        throw new Error(`Unknown option ${JSON.stringify(arg)}.\n${usage}`);
    }
  }
  if (options.profileDir && !options.endpoints) options.endpoints = [...PROFILE_ENDPOINTS];
  return options;
}

/** The clinic's size at a scale: patients and clinicians scale together, so each clinician keeps ~200 patients. */
export function clinicSize(scale: number) {
  const patients = Math.max(20, Math.round(2000 * scale));
  const clinicians = Math.max(4, Math.round(40 * scale));
  return { patients, clinicians, days: 180, teamSize: 4 };
}
