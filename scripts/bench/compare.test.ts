// The bench's comparison with the previous run: endpoints both runs measured, then → now.
import { describe, expect, it } from 'vitest';
import { comparisonSection, lighthouseSection, pagesComparison, previousRunFrom, type ComparedEndpoint, type ComparedPage } from './compare';

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

const page = (path: string, kb: number): ComparedPage => ({ page: path, path, jsGzipBytes: kb * 1024, files: [] });

describe('the patient pages beside the previous run', () => {
  it("sets each budgeted page's first-load and own JavaScript then → now, each against its own run's floor", () => {
    const previous = previousRunFrom(JSON.stringify({
      generatedAt: '2026-12-07T15:51:00.000Z', endpoints: [], sharedByAllPages: { gzipBytes: 136 * 1024 },
      pages: [page('/patient/check-in', 200), page('/account', 188)],
    }));
    const md = pagesComparison(previous, [page('/patient/check-in', 150), page('/patient/trends', 140), page('/account', 180)], 130 * 1024);
    expect(md).toContain('floor then 136.0 KB, now 130.0 KB');
    expect(md).toContain('| /patient/check-in | 200.0 KB → 150.0 KB | 64.0 KB → 20.0 KB |');
    expect(md).toContain('| /patient/trends | – → 140.0 KB | – → 10.0 KB |');
    expect(md).not.toContain('/account');
  });

  it('is empty when the previous run weighed no pages', () => {
    expect(pagesComparison(previousRunFrom(JSON.stringify({ generatedAt: '2026-12-07T15:51:00.000Z', endpoints: [] })), [page('/patient', 140)], 130 * 1024)).toBe('');
  });
});

describe('the Lighthouse section', () => {
  it("gives each page's scores, paints and what its largest paint is and waits for", () => {
    const md = lighthouseSection([{
      url: 'http://127.0.0.1:3160/patient/check-in', performance: 97, accessibility: 100, firstContentfulPaintMs: 900, largestContentfulPaintMs: 1200, totalBlockingTimeMs: 40,
      lcpElement: 'form > p <p class="a|b">', lcpPhases: { TTFB: 500, 'Load Delay': 0, 'Load Time': 0, 'Render Delay': 700 },
      runs: [{ performance: 95, largestContentfulPaintMs: 1900 }, { performance: 97, largestContentfulPaintMs: 1200 }, { performance: 98, largestContentfulPaintMs: 1100 }],
    }, {
      url: 'http://127.0.0.1:3160/sign-in', performance: 99, accessibility: 100, firstContentfulPaintMs: 800, largestContentfulPaintMs: 900, totalBlockingTimeMs: 0,
    }]);
    expect(md).toContain('| `/patient/check-in` | 97 | 100 | 900 ms | 1200 ms | 40 ms | 95, 1900 ms; 97, 1200 ms; 98, 1100 ms | `form > p <p class="a\\|b">`; first byte 500 ms, load delay 0.0 ms, load time 0.0 ms, render delay 700 ms |');
    expect(md).toContain('| `/sign-in` | 99 | 100 | 800 ms | 900 ms | 0.0 ms | – | – |');
    expect(lighthouseSection([])).toBe('Lighthouse: skipped.\n');
  });
});
