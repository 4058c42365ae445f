// What each page ships: the first-load JavaScript (gzip) seen by Chromium, and Lighthouse's mobile score.
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface PageWeight {
  page: string; path: string; scripts: number; jsBytes: number; jsGzipBytes: number; status: number;
  /** The largest scripts, to see where the weight is. */
  largest: { file: string; gzipBytes: number }[];
  /** Every script, to find what all pages share. */
  files: { file: string; gzipBytes: number }[];
}

export interface PageVisit { page: string; path: string; cookie: string | null }

function cookiesFor(header: string | null, host: string) {
  if (!header) return [];
  return header.split('; ').map((pair) => {
    const i = pair.indexOf('=');
    return { name: pair.slice(0, i), value: pair.slice(i + 1), domain: host, path: '/', httpOnly: true, secure: pair.startsWith('__Secure-') || pair.startsWith('__Host-'), sameSite: 'Lax' as const };
  });
}

/** Loads each page in a fresh browser context (an empty cache: a first load) and sums its scripts, gzip -6 as served. */
export async function pageWeights(base: string, visits: readonly PageVisit[]): Promise<PageWeight[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromeFlags.filter((f) => f !== '--headless=new') });
  const host = new URL(base).hostname;
  const weights: PageWeight[] = [];
  try {
    for (const visit of visits) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      await context.addCookies(cookiesFor(visit.cookie, host).map((c) => ({ ...c, url: undefined })));
      const page = await context.newPage();
      const scripts = new Map<string, Promise<Buffer | null>>();
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.set(response.url(), response.body().catch(() => null));
      });
      const response = await page.goto(new URL(visit.path, base).toString(), { waitUntil: 'networkidle' });
      let jsBytes = 0;
      let jsGzipBytes = 0;
      const sizes: { file: string; gzipBytes: number }[] = [];
      for (const [scriptUrl, pending] of scripts) {
        const body = await pending;
        if (!body) continue;
        const gzipBytes = gzipSync(body, { level: 6 }).length;
        jsBytes += body.length;
        jsGzipBytes += gzipBytes;
        sizes.push({ file: new URL(scriptUrl).pathname, gzipBytes });
      }
      const files = sizes.sort((a, b) => b.gzipBytes - a.gzipBytes);
      weights.push({ page: visit.page, path: visit.path, scripts: scripts.size, jsBytes, jsGzipBytes, status: response?.status() ?? 0, largest: files.slice(0, 5), files });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return weights;
}

export interface LighthouseResult {
  url: string; performance: number | null; accessibility: number | null;
  firstContentfulPaintMs: number | null; largestContentfulPaintMs: number | null; totalBlockingTimeMs: number | null;
  /** The largest paint's element, as Lighthouse names it (a CSS path and the start of its HTML). */
  lcpElement: string | null;
  /** Where the largest paint's time goes: Lighthouse's phases (time to first byte, resource load, render delay). */
  lcpPhases: Record<string, number> | null;
  /** Each run's performance score and largest paint; the figures above are the median run's. */
  runs?: { performance: number | null; largestContentfulPaintMs: number | null }[];
  error?: string;
}

interface LcpDetails { items?: { type?: string; items?: { node?: { selector?: string; snippet?: string }; phase?: string; timing?: number }[] }[] }

/** The element and phases Lighthouse gives for the largest paint (its details are a list of two tables). */
function largestPaintOf(details: unknown): { element: string | null; phases: Record<string, number> | null } {
  const tables = (details as LcpDetails | undefined)?.items ?? [];
  let element: string | null = null;
  let phases: Record<string, number> | null = null;
  for (const table of tables) {
    for (const row of table.items ?? []) {
      if (row.node && !element) element = `${row.node.selector ?? ''} ${row.node.snippet ?? ''}`.trim();
      if (row.phase && typeof row.timing === 'number') (phases ??= {})[row.phase] = Math.round(row.timing);
    }
  }
  return { element, phases };
}

/**
 * Runs of Lighthouse per page. Its simulated figures come from one observed load each (how long each task
 * and response took on this machine, which requests started before the paint), so one run can land a few
 * points either side; Lighthouse's own advice is the median of several runs (its `computeMedianRun`).
 */
export const LIGHTHOUSE_RUNS = 3;

/**
 * Lighthouse 12 (default mobile: emulated phone, simulated slow 4G and CPU) on one page, signed in by
 * cookie: `runs` runs, each in a fresh browser; the figures are those of the median run, with every run's
 * performance score beside them.
 */
export async function lighthouseScore(url: string, cookie: string | null, runs = LIGHTHOUSE_RUNS): Promise<LighthouseResult> {
  const { launch } = await import('chrome-launcher');
  const { default: lighthouse } = await import('lighthouse');
  const { computeMedianRun } = await import('lighthouse/core/lib/median-run.js');
  const none = { url, performance: null, accessibility: null, firstContentfulPaintMs: null, largestContentfulPaintMs: null, totalBlockingTimeMs: null, lcpElement: null, lcpPhases: null };
  const results: Awaited<ReturnType<typeof lighthouse>>[] = [];
  for (let run = 0; run < runs; run++) {
    const chrome = await launch({ chromePath: CHROMIUM, chromeFlags });
    try {
      results.push(
        await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          extraHeaders: cookie ? { Cookie: cookie } : undefined,
        }),
      );
    } finally {
      chrome.kill();
    }
  }
  // A run Lighthouse could not record (it says so in runtimeError) is left out; the median is of the rest.
  const all = results.flatMap((r) => (r?.lhr ? [r.lhr] : []));
  const lhrs = all.filter((l) => !l.runtimeError);
  if (!lhrs.length) return { ...none, error: all.find((l) => l.runtimeError)?.runtimeError?.message ?? 'no result' };
  const lhr = computeMedianRun(lhrs);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? null;
  const scoreOf = (l: typeof lhr, id: string) => {
    const value = l.categories[id]?.score;
    return typeof value === 'number' ? Math.round(value * 100) : null;
  };
  const lcp = largestPaintOf(lhr.audits['largest-contentful-paint-element']?.details);
  return {
    url,
    performance: scoreOf(lhr, 'performance'),
    accessibility: scoreOf(lhr, 'accessibility'),
    firstContentfulPaintMs: audit('first-contentful-paint'),
    largestContentfulPaintMs: audit('largest-contentful-paint'),
    totalBlockingTimeMs: audit('total-blocking-time'),
    lcpElement: lcp.element,
    lcpPhases: lcp.phases,
    runs: lhrs.map((l) => ({ performance: scoreOf(l, 'performance'), largestContentfulPaintMs: l.audits['largest-contentful-paint']?.numericValue ?? null })),
    ...(lhrs.length < all.length || all.length < runs ? { error: `${runs - lhrs.length} of ${runs} runs not recorded` } : {}),
  };
}
