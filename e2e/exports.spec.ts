// Records that leave the system, end to end: the prescriber downloads the bad-week patient's FHIR record,
// check-ins and plan steps, opens the one-page summary (one A4 page in print, axe-clean) and its PDF (one
// page); the patient downloads their own data on a phone, without the team's private note. Screenshots saved.
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ClinicalSummaryView } from '~/app/_components/clinical-summary';
import { maximalRecord } from '~/lib/export/fixture';
import { clinicalSummary } from '~/lib/export/summary';
import exportsMessages from '../messages/en/exports.json' with { type: 'json' };
import { BAD_WEEK } from './bad-week';
import { expectAccessible, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';
import { A4_PRINT_WIDTH, expectTableFits, summaryWords } from './summary-page';

const x = exportsMessages.Exports;
const SHOTS = '/tmp/shots-exports';
const TEAM_ONLY = 'Team only: ask pharmacy about the liquid before Friday';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
function pdfPages(bytes: Buffer): number {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function badWeekRecord(page: Page): Promise<string> {
  await page.goto('/clinician');
  const href = await page.getByRole('row', { name: new RegExp(BAD_WEEK.name) }).getByRole('link', { name: BAD_WEEK.name }).getAttribute('href');
  expect(href).toMatch(/^\/clinician\/patients\/[0-9a-f-]+$/);
  return href ?? '';
}

test('the prescriber exports the record as FHIR and CSV, and prints the one-page summary', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const href = await badWeekRecord(page);
  const patientId = href.split('/').at(-1) ?? '';
  expect((await trpc(page.request, 'notes.create', { patientId, body: TEAM_ONLY, visibility: 'team' })).status).toBe(200);
  await page.goto(href);
  const card = page.getByRole('region', { name: x.recordCard.title });
  await expect(card).toBeVisible();
  await expectAccessible(page);
  await card.screenshot({ path: `${SHOTS}/record-export-card.png` });

  const fhir = await downloaded(page, () => card.getByRole('link', { name: x.files.fhir }).click());
  expect(fhir.download.suggestedFilename()).toMatch(/^taperline-[0-9a-f]{8}-fhir-\d{4}-\d{2}-\d{2}\.json$/);
  expect(fhir.download.suggestedFilename()).not.toContain('Bea');
  const bundle = JSON.parse(fhir.bytes.toString('utf8')) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
  expect(bundle.resourceType).toBe('Bundle');
  const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
  for (const t of ['Patient', 'MedicationRequest', 'CarePlan', 'Observation', 'Flag']) expect(types).toContain(t);
  // The team exports the team's record, but team-only notes never leave the system.
  expect(fhir.bytes.toString('utf8')).not.toContain(TEAM_ONLY);

  const csv = await downloaded(page, () => card.getByRole('link', { name: x.files.checkIns }).click());
  expect(csv.download.suggestedFilename()).toMatch(/^taperline-[0-9a-f]{8}-check-ins-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(csv.bytes, { columns: true, bom: true }) as Record<string, string>[];
  // The bad week: six check-ins, spasticity 7 all week.
  expect(rows.length).toBe(6);
  expect(new Set(rows.map((r) => r.spasticity_0_10))).toEqual(new Set(['7']));
  const steps = parse((await downloaded(page, () => card.getByRole('link', { name: x.files.planSteps }).click())).bytes, { columns: true, bom: true }) as Record<string, string>[];
  expect(steps.length).toBeGreaterThan(1);

  // Some days only: a window the export would refuse is said so at once, and offers no download.
  const range = card.getByRole('group', { name: x.range.legend });
  const day = rows[1]?.date ?? '';
  await range.getByLabel(x.range.from).fill(day);
  await range.getByLabel(x.range.to).fill(rows[0]?.date ?? '');
  await expect(range.getByText(x.range.reversed)).toBeVisible();
  await expect(range.getByRole('link')).toHaveCount(0);
  await range.getByLabel(x.range.to).fill(day);
  await expectAccessible(page);
  const some = await downloaded(page, () => range.getByRole('link', { name: x.range.checkIns }).click());
  expect((parse(some.bytes, { columns: true, bom: true }) as Record<string, string>[]).map((r) => r.date)).toEqual([day]);
  await card.screenshot({ path: `${SHOTS}/record-export-card-range.png` });

  // The summary page: printed, it fits one A4 page; its PDF is one page too.
  await card.getByRole('link', { name: x.recordCard.summaryLink }).click();
  await page.waitForURL(`${href}/summary`);
  await expect(page.getByRole('heading', { level: 1, name: exportsMessages.SummaryPdf.title })).toBeVisible();
  await expect(page).not.toHaveTitle(/Bea/);
  await expect(page.getByText(TEAM_ONLY)).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/summary.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${SHOTS}/summary-print.png`, fullPage: true });
  for (const format of ['A4', 'Letter'] as const) {
    const printed = await page.pdf({ format, printBackground: true, path: `${SHOTS}/summary-printed-${format}.pdf` });
    expect([format, pdfPages(printed)]).toEqual([format, 1]);
  }
  await page.emulateMedia({ media: 'screen' });
  for (const [name, size] of [[x.files.summaryA4, 'a4'], [x.files.summaryLetter, 'letter']] as const) {
    const pdf = await downloaded(page, () => page.getByRole('link', { name }).click());
    await pdf.download.saveAs(`${SHOTS}/summary-${size}.pdf`);
    expect(pdf.download.suggestedFilename()).toMatch(/^taperline-[0-9a-f]{8}-summary-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect([name, pdfPages(pdf.bytes)]).toEqual([name, 1]);
    expect(pdf.bytes.toString('latin1')).not.toContain('Bea Badweek');
  }
  expect(pageErrors).toEqual([]);
});

test('the patient downloads their own data on a phone; the summary is the team’s', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signIn(page, BAD_WEEK.email, BAD_WEEK.password);
  await page.goto('/account');
  const card = page.getByRole('region', { name: x.myData.title });
  await expect(card).toBeVisible();
  await expect(card.getByRole('link', { name: x.files.summary })).toHaveCount(0);
  await expectAccessible(page);
  await card.screenshot({ path: `${SHOTS}/my-data-phone.png` });
  const fhir = await downloaded(page, () => card.getByRole('link', { name: x.files.fhir }).click());
  const text = fhir.bytes.toString('utf8');
  expect(JSON.parse(text).resourceType).toBe('Bundle');
  expect(text).not.toContain(TEAM_ONLY);
  const csv = await downloaded(page, () => card.getByRole('link', { name: x.files.checkIns }).click());
  expect((parse(csv.bytes, { columns: true, bom: true }) as unknown[]).length).toBe(6);
  // Their own id, but the team's summary: refused in plain words, nothing of theirs in the answer.
  const patientId = /\/api\/export\/([0-9a-f-]+)\//.exec((await card.getByRole('link', { name: x.files.fhir }).getAttribute('href')) ?? '')?.[1];
  const refused = await page.request.get(`/api/export/${patientId}/summary.pdf`);
  expect(refused.status()).toBe(403);
  expect(refused.headers()['cache-control']).toContain('no-store');
  expect(await refused.text()).not.toContain('Bea');
  await phone.close();
});

for (const locale of ['en', 'es'] as const) {
  test(`the summary of a maximal record (every list long, every text long) still prints on one page (${locale})`, async ({ page }) => {
    await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
    await page.goto(`${await badWeekRecord(page)}/summary`);
    // The app's own stylesheets, as the summary page loads them, around the component rendered from the fixture.
    const hrefs = await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    const css = (await Promise.all(hrefs.map(async (href) => (await page.request.get(href)).text()))).join('\n');
    const { words, t } = summaryWords(locale);
    const html = renderToStaticMarkup(createElement(ClinicalSummaryView, { summary: clinicalSummary(maximalRecord()), words, t }));
    const sheet = await page.context().newPage();
    await sheet.setViewportSize({ width: A4_PRINT_WIDTH, height: 1000 });
    await sheet.setContent(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Summary</title><style>${css}</style></head><body>${html}</body></html>`);
    await sheet.emulateMedia({ media: 'print' });
    // Lists past their share of the page say how many more there are, rather than running onto a second page.
    const [before = '', after = ''] = words.t('more', { count: '{count}' }).split('{count}');
    await expect(sheet.getByText(new RegExp(`${escapeRegExp(before)}\\d+${escapeRegExp(after)}`)).first()).toBeVisible();
    // The longest headings and red flags still leave the table within the paper's width.
    await expectTableFits(sheet);
    await sheet.screenshot({ path: `${SHOTS}/summary-maximal-print-${locale}.png`, fullPage: true });
    for (const format of ['A4', 'Letter'] as const) {
      const printed = await sheet.pdf({ format, printBackground: true, path: `${SHOTS}/summary-maximal-${locale}-${format}.pdf` });
      expect([format, pdfPages(printed)]).toEqual([format, 1]);
    }
  });
}
