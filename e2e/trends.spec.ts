// Trends end to end: the bad-week patient reads their own chart on a phone and switches periods; their
// prescriber reads the same record on a desktop with the criteria's wording. Axe on every page; screenshots saved.
import { expect, test, type Page } from '@playwright/test';
import trendsMessages from '../messages/en/trends.json' with { type: 'json' };
import { BAD_WEEK } from './bad-week';
import { expectAccessible, signIn, staff, STAFF_PASSWORD } from './fixtures';

const tr = trendsMessages.Trends;
const SHOTS = '/tmp/shots-trends';

/** The chart comes drawn from the server: an svg named by its title, with its lines. */
async function chartDrawn(page: Page) {
  const chart = page.getByRole('img', { name: tr.chart.title });
  await expect(chart).toBeVisible();
  await expect(chart.locator('path')).not.toHaveCount(0);
}

test('the patient reads their own trends on a phone and switches periods', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  // A page that renders differently in the browser than on the server (hydration) throws here.
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, BAD_WEEK.email, BAD_WEEK.password);
  await page.goto('/patient/trends');
  await expect(page.getByRole('heading', { level: 1, name: tr.myTitle })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${tr.myTitle}`));
  await expect(page).not.toHaveTitle(/Bea/);
  const periods = page.getByRole('navigation', { name: tr.range.label });
  await expect(periods.getByRole('link', { name: tr.range['2w'] })).toHaveAttribute('aria-current', 'page');

  // The plan started 12 days ago (13 days of 3 doses); six check-ins recorded every dose taken: 18 of 39.
  const adherence = page.getByRole('region', { name: tr.adherence.title });
  await expect(adherence).toContainText('46% of planned doses recorded as taken');
  await expect(adherence).toContainText('18 of 39 planned doses taken; 0 recorded as missed; 21 without a record.');
  await chartDrawn(page);
  // Default scores: spasticity and sleep quality, with the weekly averages of both (spasticity 7 all week).
  await expect(page.getByRole('checkbox', { name: tr.metrics.spasticity })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: tr.metrics.sleepQuality })).toBeChecked();
  const weeks = page.getByRole('table', { name: /Weekly averages/ });
  await expect(weeks.getByRole('columnheader', { name: tr.metrics.spasticity })).toBeVisible();
  await expect(weeks.getByRole('row').last()).toContainText('7');
  // The patient sees the ranges their team watches, never the criteria's own wording.
  await expect(page.getByText(/Spasticity 7 or more: your care team watches this range/)).toBeVisible();
  await expect(page.getByText(/on 3 of 7 days/)).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/trends-phone.png`, fullPage: true });

  // Another score, then the data behind the chart.
  await page.getByRole('checkbox', { name: tr.metrics.pain }).check();
  await expect(weeks.getByRole('columnheader', { name: tr.metrics.pain })).toBeVisible();
  await page.getByText(tr.table.show).click();
  const data = page.getByRole('table', { name: tr.table.caption });
  await expect(data.getByRole('row')).toHaveCount(15);
  await expectAccessible(page);

  await periods.getByRole('link', { name: tr.range['3m'] }).click();
  await page.waitForURL(/\/patient\/trends\?range=3m$/);
  await expect(periods.getByRole('link', { name: tr.range['3m'] })).toHaveAttribute('aria-current', 'page');
  await expect(weeks.getByRole('row')).toHaveCount(14);
  await chartDrawn(page);
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/trends-phone-3m.png`, fullPage: true });
  await phone.close();
  expect(pageErrors).toEqual([]);
});

test('the prescriber reads the patient’s whole taper on a desktop, with the criteria in their own words', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  await page.goto('/clinician');
  const row = page.getByRole('row', { name: new RegExp(BAD_WEEK.name) });
  const href = await row.getByRole('link', { name: BAD_WEEK.name }).getAttribute('href');
  expect(href).toMatch(/^\/clinician\/patients\/[0-9a-f-]+$/);

  await page.goto(`${href}/trends`);
  await expect(page.getByRole('heading', { level: 1, name: tr.title })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${tr.title}`));
  await expect(page).not.toHaveTitle(new RegExp(BAD_WEEK.name));
  await chartDrawn(page);
  await expect(page.getByText(/Spasticity 7 or more on 3 of 7 days → hold \(“.+”\)/)).toBeVisible();
  await expectAccessible(page);

  const periods = page.getByRole('navigation', { name: tr.range.label });
  await periods.getByRole('link', { name: tr.range.all }).click();
  await page.waitForURL(/\/trends\?range=all$/);
  await chartDrawn(page);
  // The whole taper reaches past today to the end of the schedule; plan changes are listed as events.
  const events = page.getByRole('region', { name: tr.events.title });
  await expect(events.getByText(/Plan version \d+: started/)).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/trends-desktop.png`, fullPage: true });

  // Printed: no period switch, score picker or print button; the chart, figures and tables stay.
  await page.emulateMedia({ media: 'print' });
  await expect(periods).toBeHidden();
  await expect(page.getByRole('button', { name: tr.print })).toBeHidden();
  await expect(page.getByRole('group', { name: tr.metrics.legend })).toBeHidden();
  await expect(page.getByRole('table', { name: /Weekly averages/ })).toBeVisible();
  // The day-by-day table is printed open, though its disclosure is closed on screen.
  await expect(page.getByRole('table', { name: tr.table.caption })).toBeVisible();
  await chartDrawn(page);
  await page.screenshot({ path: `${SHOTS}/trends-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // An unknown period falls back to two weeks rather than failing.
  await page.goto(`${href}/trends?range=forever`);
  await expect(periods.getByRole('link', { name: tr.range['2w'] })).toHaveAttribute('aria-current', 'page');
  expect(pageErrors).toEqual([]);
});
