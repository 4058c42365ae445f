import { describe, expect, it } from 'vitest';
import { thinkTime } from './load';
import { formatKb, formatMs, signedKb, formatRatio, loadTable, metTarget, percentile, ratio, sharedByAll, type EndpointResult, type LoadFigures } from './stats';

describe('percentile', () => {
  it('is the nearest rank of the sorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 .. 1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('handles one sample and none', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('formatting', () => {
  it('shows milliseconds with a decimal only below 10', () => {
    expect(formatMs(4.26)).toBe('4.3 ms');
    expect(formatMs(42.6)).toBe('43 ms');
    expect(formatMs(Number.NaN)).toBe('–');
    expect(formatMs(null)).toBe('–');
  });

  it('divides ours by bare, and gives no ratio without a usable bare figure', () => {
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(30, 0)).toBeNull();
    expect(ratio(Number.NaN, 10)).toBeNull();
    expect(ratio(undefined, 10)).toBeNull();
    expect(formatRatio(3.14159)).toBe('3.1×');
    expect(formatRatio(12.6)).toBe('13×');
    expect(formatRatio(null)).toBe('–');
  });

  it('shows kilobytes of 1024 bytes', () => {
    expect(formatKb(120 * 1024)).toBe('120.0 KB');
    expect([signedKb(410), signedKb(-1229), signedKb(20)]).toEqual(['+0.4 KB', '−1.2 KB', '±0.0 KB']);
  });
});

const figures = (over: Partial<LoadFigures> = {}): LoadFigures => ({
  requestsPerSecond: 100, p50: 10, p95: 40, p99: 60, requests: 1000, errors: 0, non2xx: 0, connections: 32, ...over,
});

describe('targets and the table', () => {
  const result: EndpointResult = { key: 'checkin-submit', label: 'Check-in submit', ours: figures(), bare: figures({ requestsPerSecond: 400, p95: 10 }), targetP95Ms: 50 };

  it('meets a target only under the p95 bound and without errors', () => {
    expect(metTarget(result)).toBe(true);
    expect(metTarget({ ...result, ours: figures({ p95: 50 }) })).toBe(false);
    expect(metTarget({ ...result, ours: figures({ non2xx: 1 }) })).toBe(false);
    expect(metTarget({ ...result, targetP95Ms: undefined })).toBeNull();
  });

  it('prints ours, bare and the ratios in one row per endpoint', () => {
    const table = loadTable([result]);
    const row = table.split('\n')[2];
    expect(row).toBe('| Check-in submit | 32 | 100 | 10 ms | 40 ms | 60 ms | 0 | 400 | 10 ms | 10 ms | 60 ms | 0.3× | 4.0× | p95 < 50 ms: met |');
  });

  it('shows users by their think time, and a loop by its connections', () => {
    const users = loadTable([{ ...result, ours: figures({ thinkTimeMs: 1000 }) }]).split('\n')[2];
    expect(users?.startsWith('| Check-in submit | 32 users, 1 s apart | 100 |')).toBe(true);
  });
});

describe('sharedByAll', () => {
  it('sums the scripts every page loads, and nothing else', () => {
    const page = (...files: [string, number][]) => ({ files: files.map(([file, gzipBytes]) => ({ file, gzipBytes })) });
    expect(sharedByAll([page(['react', 100], ['next', 50], ['form', 7]), page(['next', 50], ['react', 100], ['chart', 90])])).toEqual({ files: ['react', 'next'], gzipBytes: 150 });
    expect(sharedByAll([])).toEqual({ files: [], gzipBytes: 0 });
  });
});

describe('thinkTime', () => {
  it('is exponential with the given mean: users pause at random, not in step', () => {
    expect(thinkTime(1000, () => 0)).toBeCloseTo(0, 9);
    expect(thinkTime(1000, () => 1 - Math.exp(-1))).toBeCloseTo(1000, 6);
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const waits = Array.from({ length: 20000 }, () => thinkTime(1000, random));
    expect(waits.reduce((a, b) => a + b, 0) / waits.length).toBeGreaterThan(950);
    expect(waits.reduce((a, b) => a + b, 0) / waits.length).toBeLessThan(1050);
  });
});
