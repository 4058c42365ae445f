// Charts without a chart library: the patient's plan and trends on a 390 px phone are server-drawn svg with a name,
// a description and their table, pass axe, and load no chart code; the prescriber on a desktop gets the same charts
// first and loads the interactive read-out only on asking. Screenshots under test-results/screens/, with each page's
// first-load JavaScript (gzip) in weights.json beside them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import planMessages from '../messages/en/plan.json' with { type: 'json' };
import taperMessages from '../messages/en/taper.json' with { type: 'json' };
import trendsMessages from '../messages/en/trends.json' with { type: 'json' };
import { BAD_WEEK } from './bad-week';
import { expectAccessible, signIn, staff, STAFF_PASSWORD } from './fixtures';

const SCREENS = 'test-results/screens';
const tk = taperMessages.Taper.chart;
const tr = trendsMessages.Trends;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

interface Weight { path: string; scripts: number; gzipKB: number; chartLibrary: boolean }
const weights: Record<string, Weight> = {};

/**
 * Opens a page in a fresh context (an empty cache: a first load) with the signed-in cookies, and weighs its scripts
 * as the bench does (gzip -6). Scripts loaded after the page (next/dynamic) count too: the page waits for the network.
 */
async function openFresh(browser: Browser, options: BrowserContextOptions, storageState: BrowserContextOptions['storageState'], path: string, name: string) {
  const context = await browser.newContext({ ...options, storageState });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const bodies: Promise<Buffer | null>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.body().catch(() => null));
  });
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  const loaded = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
  weights[name] = {
    path: path.replace(/[0-9a-f-]{36}/, ':patientId'),
    scripts: loaded.length,
    gzipKB: Math.round(loaded.reduce((sum, b) => sum + gzipSync(b, { level: 6 }).length, 0) / 102.4) / 10,
    // recharts names its svg classes in its code ('recharts-surface'): any build of it carries the word.
    chartLibrary: loaded.some((b) => b.includes('recharts')),
  };
  return { page, context, errors };
}

async function signedIn(browser: Browser, email: string, password: string) {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await signIn(page, email, password);
  const state = await context.storageState();
  return { state, page, context };
}

/** The svg itself carries the name and description; the page has no horizontal scroll at this width. */
async function expectNamedSvg(page: Page, name: string, description: RegExp, width: number) {
  const chart = page.getByRole('img', { name });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(description);
  expect(await chart.evaluate((e) => e.tagName.toLowerCase())).toBe('svg');
  expect(await chart.locator('path').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  return chart;
}

test.beforeAll(() => {
  mkdirSync(SCREENS, { recursive: true });
});

test.afterAll(() => {
  writeFileSync(`${SCREENS}/weights.json`, `${JSON.stringify(weights, null, 2)}\n`);
  console.log(`first-load JavaScript (gzip):\n${Object.entries(weights).map(([k, w]) => `  ${k} ${w.path}: ${w.gzipKB} KB in ${w.scripts} scripts${w.chartLibrary ? ', with a chart library' : ''}`).join('\n')}`);
});

test('the patient’s plan and trends on a 390 px phone: svg charts with names and tables, accessible, without chart code', async ({ browser }) => {
  test.setTimeout(180_000);
  const { state, context: signing } = await signedIn(browser, BAD_WEEK.email, BAD_WEEK.password);
  await signing.close();

  const plan = await openFresh(browser, PHONE, state, '/patient/plan', 'patient plan');
  const p = plan.page;
  const chart = await expectNamedSvg(p, tk.title, /^Dose over time: from 30 mg\/day on .+ Today falls in the step of 25 mg\/day/, 390);
  // Today is day 13 of the first step: the running step is shaded and today marked.
  const whole = p.getByRole('region', { name: planMessages.Plan.wholeTaper });
  await expect(whole.getByText(tk.runningKey)).toBeVisible();
  await expect(whole.locator('[data-chart-plot]').getByText(tk.today, { exact: true })).toBeVisible();
  const box = await chart.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(250);
  // The table alternative: every value, behind a disclosure.
  await whole.getByText(tk.showData).click();
  const table = whole.getByRole('table', { name: tk.dataCaption });
  await expect(table).toBeVisible();
  expect(await table.getByRole('row').count()).toBeGreaterThan(2);
  await expect(table.getByRole('row').nth(1)).toContainText('30');
  await expectAccessible(p);
  await whole.locator('[data-chart-frame]').screenshot({ path: `${SCREENS}/patient-plan-390-chart.png` });
  await p.screenshot({ path: `${SCREENS}/patient-plan-390.png`, fullPage: true });
  expect(weights['patient plan']?.chartLibrary).toBe(false);
  expect(plan.errors).toEqual([]);
  await plan.context.close();

  const trends = await openFresh(browser, PHONE, state, '/patient/trends', 'patient trends');
  const t = trends.page;
  await expectNamedSvg(t, tr.chart.title, /^Chart from .+: planned dose from 25 to 25 mg\/day; 6 check-ins;/, 390);
  // Scores shown and hidden by their checkboxes without a script: pain's line appears when it is checked.
  // (A level line of dots has no area, so the check is on its display rather than its size.)
  const pain = t.locator('svg g[data-metric="pain"]');
  await expect(pain).toHaveCSS('display', 'none');
  await expect(t.locator('svg g[data-metric="spasticity"]')).not.toHaveCSS('display', 'none');
  await t.getByRole('checkbox', { name: tr.metrics.pain }).check();
  await expect(pain).not.toHaveCSS('display', 'none');
  await expect(t.getByRole('table', { name: /Weekly averages/ }).getByRole('columnheader', { name: tr.metrics.pain })).toBeVisible();
  await t.locator('[data-chart-frame]').screenshot({ path: `${SCREENS}/patient-trends-390-pain.png` });
  await t.getByRole('checkbox', { name: tr.metrics.pain }).uncheck();
  await expect(pain).toHaveCSS('display', 'none');
  // The tables alternative: weekly averages and, behind a disclosure, every day.
  await expect(t.getByRole('table', { name: /Weekly averages/ })).toBeVisible();
  await t.getByText(tr.table.show).click();
  await expect(t.getByRole('table', { name: tr.table.caption }).getByRole('row')).toHaveCount(15);
  await expectAccessible(t);
  await t.locator('[data-chart-frame]').screenshot({ path: `${SCREENS}/patient-trends-390-chart.png` });
  await t.screenshot({ path: `${SCREENS}/patient-trends-390.png`, fullPage: true });
  expect(weights['patient trends']?.chartLibrary).toBe(false);
  expect(trends.errors).toEqual([]);
  await trends.context.close();
});

test('the prescriber on a desktop: the same svg charts first, the interactive read-out loaded on asking', async ({ browser }) => {
  test.setTimeout(180_000);
  const { state, page: home, context: signing } = await signedIn(browser, staff.prescriber.email, STAFF_PASSWORD);
  await home.goto('/clinician');
  const href = await home.getByRole('row', { name: new RegExp(BAD_WEEK.name) }).getByRole('link', { name: BAD_WEEK.name }).getAttribute('href');
  expect(href).toMatch(/^\/clinician\/patients\/[0-9a-f-]+$/);
  await signing.close();

  const plan = await openFresh(browser, DESKTOP, state, `${href}/plan`, 'clinician plan');
  const p = plan.page;
  await expectNamedSvg(p, tk.title, /^Dose over time: from 30 mg\/day/, 1280);
  // Nothing interactive is loaded until asked for.
  await expect(p.getByRole('slider')).toHaveCount(0);
  await p.getByRole('button', { name: tk.interactive }).click();
  await expect(p.getByRole('button', { name: tk.interactive })).toHaveAttribute('aria-pressed', 'true');
  const stepper = p.getByRole('slider', { name: tk.inspector });
  await expect(stepper).toBeFocused();
  await expect(stepper).toHaveAttribute('aria-valuetext', /^Before .+ \(current dose\): mg\/day 30$/);
  await p.keyboard.press('ArrowRight');
  await expect(stepper).toHaveAttribute('aria-valuetext', /^Step 1: .+: mg\/day 25$/);
  await p.keyboard.press('ArrowRight');
  await expect(stepper).toHaveAttribute('aria-valuetext', /^Step 2: .+: mg\/day 20$/);
  await expectAccessible(p);
  await p.locator('[data-chart-frame]').screenshot({ path: `${SCREENS}/clinician-plan-1280-chart.png` });
  expect(weights['clinician plan']?.chartLibrary).toBe(false);
  expect(plan.errors).toEqual([]);
  await plan.context.close();

  const trends = await openFresh(browser, DESKTOP, state, `${href}/trends`, 'clinician trends');
  const t = trends.page;
  await expectNamedSvg(t, tr.chart.title, /^Chart from /, 1280);
  await t.getByRole('button', { name: tr.chart.interactive }).click();
  const days = t.getByRole('slider', { name: tr.chart.inspector });
  await expect(days).toBeFocused();
  await t.keyboard.press('End');
  // The last day of two weeks is today, without a check-in yet; a day before it has the bad week's scores.
  await expect(days).toHaveAttribute('aria-valuetext', /Taken mg no check-in; Spasticity –; Sleep quality –/);
  await t.keyboard.press('ArrowLeft');
  await expect(days).toHaveAttribute('aria-valuetext', /Planned mg\/day 25; Taken mg 25; Spasticity 7; Sleep quality 5/);
  // A score checked in the key joins the read-out; pointing at the chart moves it.
  await t.getByRole('checkbox', { name: tr.metrics.pain }).check();
  await expect(days).toHaveAttribute('aria-valuetext', /Pain 3/);
  const plot = await days.boundingBox();
  if (plot) await t.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height / 2);
  await expectAccessible(t);
  await t.getByRole('region', { name: tr.chart.title }).screenshot({ path: `${SCREENS}/clinician-trends-1280-chart.png` });
  await t.screenshot({ path: `${SCREENS}/clinician-trends-1280.png`, fullPage: true });
  expect(weights['clinician trends']?.chartLibrary).toBe(false);
  expect(trends.errors).toEqual([]);
  await trends.context.close();
});
