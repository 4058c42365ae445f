// The bench's comparison with the previous run: endpoints both runs measured, then → now.
import { describe, expect, it } from 'vitest';
import { comparisonSection, previousRunFrom, type ComparedEndpoint } from './compare';

const endpoint = (key: string, p95: number, bareP95: number): ComparedEndpoint => ({
  key, label: key, ours: { p50: p95 / 2, p95, p99: p95 * 1.2, requestsPerSecond: 30 }, bare: { p50: 5, p95: bareP95, p99: 9, requestsPerSecond: 33 },
});

describe('the comparison with the previous run', () => {
  it('puts each endpoint both runs measured then → now, with the note and the machine’s load', () => {
    const previous = previousRunFrom(JSON.stringify({ generatedAt: '2026-11-24T14:46:32.880Z', machine: { loadAverageAtStart: [2.53, 1.66, 1.87] }, endpoints: [endpoint('triage-list', 57, 44), endpoint('gone', 1, 1)] }));
    const md = comparisonSection(previous, [endpoint('triage-list', 60, 45), endpoint('new', 3, 3)], 'read audit on', [1, 2, 3]);
    expect(md).toContain('#### Beside the previous run (2026-11-24 14:46 UTC)\n\nChanged since: read audit on.');
    expect(md).toContain('| triage-list | 29 ms → 30 ms | 57 ms → 60 ms (+5%) | 30 → 30 | 44 ms → 45 ms |');
    expect(md).not.toContain('| new |');
    expect(md).not.toContain('| gone |');
    expect(md).toContain('then 2.53 / 1.66 / 1.87, now 1 / 2 / 3');
  });

  it('is empty without a previous run, or with a file that is not one', () => {
    expect(comparisonSection(previousRunFrom(null), [endpoint('a', 1, 1)], null, [])).toBe('');
    expect(previousRunFrom('not json')).toBeNull();
    expect(previousRunFrom('{"endpoints": 3}')).toBeNull();
  });
});
