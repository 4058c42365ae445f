// Drives one endpoint with autocannon and keeps every response time, so p95 is exact (autocannon reports p97.5).
import autocannon, { type Request } from 'autocannon';
import { percentile, type LoadFigures } from './stats';

export interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  /** Builds each request; `context` is per connection (autocannon keeps one per client). */
  request: (context: Record<string, unknown>) => { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}

export async function drive(spec: LoadSpec): Promise<LoadFigures> {
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
