// Drives one endpoint and keeps every response time, so p95 is exact (autocannon reports p97.5). Two
// shapes of load: connections back to back (autocannon: the most the server can take), and users who
// pause between requests (a closed loop with random think times: what "N concurrent users" means).
import { Agent, request as httpRequest } from 'node:http';
import autocannon, { type Request } from 'autocannon';
import { percentile, type LoadFigures } from './stats';

export interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  /**
   * Users, not a loop: each of `connections` users waits a random time (exponential, this mean) before each
   * request, so they do not all send in the same instant. Absent: connections back to back, no pause.
   */
  thinkTimeMs?: number;
  /** Builds each request; `context` is per connection (autocannon keeps one per client). */
  request: (context: Record<string, unknown>) => { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}

export async function drive(spec: LoadSpec): Promise<LoadFigures> {
  if (spec.thinkTimeMs !== undefined) return driveUsers({ ...spec, thinkTimeMs: spec.thinkTimeMs });
  const samples: number[] = [];
  const request: Request = {
    setupRequest: (req, context) => {
      const r = spec.request(context as Record<string, unknown>);
      return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body ?? '' };
    },
    onResponse: (status, body, context) => spec.onResponse?.(status, body, context as Record<string, unknown>),
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: spec.url, connections: spec.connections, duration: spec.duration, requests: [request], timeout: 30, pipelining: 1 },
      (error, res) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => samples.push(responseTime));
  });
  return {
    requestsPerSecond: result.requests.total / Math.max(1e-9, result.duration),
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    connections: spec.connections,
  };
}

/** An exponential wait with the given mean: arrivals from independent users. `random` is injectable for tests. */
export function thinkTime(meanMs: number, random: () => number = Math.random): number {
  return -Math.log(1 - random()) * meanMs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request on a user's own kept-alive connection; resolves with the status and body. */
function send(agent: Agent, url: URL, r: ReturnType<LoadSpec['request']>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { agent, host: url.hostname, port: url.port, method: r.method, path: r.path, headers: { ...r.headers, ...(r.body ? { 'content-length': Buffer.byteLength(r.body) } : {}) }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(r.body);
  });
}

async function driveUsers(spec: LoadSpec & { thinkTimeMs: number }): Promise<LoadFigures> {
  const url = new URL(spec.url);
  const samples: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const endAt = started + spec.duration * 1000;
  const user = async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const context: Record<string, unknown> = {};
    try {
      for (;;) {
        // A pause that would run past the end is cut short, so the run lasts its duration and the rate is true.
        await sleep(Math.min(thinkTime(spec.thinkTimeMs), Math.max(0, endAt - performance.now())));
        if (performance.now() >= endAt) return;
        const r = spec.request(context);
        const sent = performance.now();
        try {
          const { status, body } = await send(agent, url, r);
          samples.push(performance.now() - sent);
          if (status < 200 || status > 299) non2xx++;
          spec.onResponse?.(status, body, context);
        } catch {
          errors++;
        }
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, user));
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: samples.length / Math.max(1e-9, seconds),
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    requests: samples.length + errors,
    errors,
    non2xx,
    connections: spec.connections,
    thinkTimeMs: spec.thinkTimeMs,
  };
}
