// The generated docs pages: the latest bench run under its method, and each reliability part's figures with its date.
import { describe, expect, it } from 'vitest';
import { benchmarkDoc } from './benchmark-doc';
import { reliabilityDoc } from './reliability-doc';

describe('docs pages', () => {
  it('puts the latest bench run, with its date, under the method', () => {
    const doc = benchmarkDoc('### Bench run 2026-11-24 14:46 UTC, scale 1\n\n| a | b |\n');
    expect(doc).toMatch(/^# Benchmark\n/);
    expect(doc).toContain('## Latest run\n\nBench run 2026-11-24 14:46 UTC, scale 1\n\n| a | b |\n');
  });

  it('lists each reliability part with the date it ran and its figures', () => {
    const doc = reliabilityDoc({
      edge: { at: '2026-12-07T03:10:00.000Z', batch500Ms: 17.26, status: 400, nested: { a: 1 } },
      fuzz: { at: '2026-12-07T03:00:00.000Z', calls: 2250, seed: 20261124 },
    });
    expect(doc).toContain('### edge (2026-12-07 03:10 UTC)\n\n- batch500Ms: 17.3\n- status: 400\n- nested: `{"a":1}`');
    expect(doc).toContain('### fuzz (2026-12-07 03:00 UTC)\n\n- calls: 2,250\n- seed: 20261124');
    expect(doc.indexOf('### edge')).toBeLessThan(doc.indexOf('### fuzz'));
  });

  it('says when no reliability run was recorded', () => {
    expect(reliabilityDoc({})).toContain('No run recorded yet');
  });
});
