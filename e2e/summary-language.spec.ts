// The one-page clinical summary in its reader's language: a prescriber who reads Spanish opens a patient's
// summary and sees it in Spanish (lang="es", Spanish headings and columns, Spanish dates, a decimal comma), and
// it still prints on one page; a physiotherapist on the same team who reads English sees it in English. What
// people wrote (the patient's name, conditions) stays as written. axe on each; screenshots of screen and print.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import exportsEn from '../messages/en/exports.json' with { type: 'json' };
import exportsEs from '../messages/es/exports.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, signIn, staff, STAFF_PASSWORD, trpc, uniqueEmail } from './fixtures';
import { A4_PRINT_WIDTH, expectTableFits } from './summary-page';

const SHOTS = '/tmp/shots-summary-language';
const en = exportsEn.SummaryPdf;
const es = exportsEs.SummaryPdf;

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
function pdfPages(bytes: Buffer): number {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function openSummary(page: Page, patientId: string) {
  await page.goto(`/clinician/patients/${patientId}/summary`);
  return page.locator('article.clinical-summary');
}

test('a prescriber reading Spanish sees the clinical summary in Spanish; a physiotherapist reading English sees it in English', async ({ page, browser }) => {
  test.setTimeout(150_000);
  mkdirSync(SHOTS, { recursive: true });
  // An administrator invites a prescriber, who chooses Spanish for her account.
  await signIn(page, staff.admin.email, STAFF_PASSWORD);
  const doctorEmail = uniqueEmail('doctora-resumen');
  const invited = await trpc<{ inviteLink: string }>(page.request, 'admin.createStaff', {
    name: 'Dra. Carmen Ibáñez', email: doctorEmail, timeZone: 'Europe/Madrid', role: 'clinician', profession: 'physician', mayPrescribe: true,
  });
  expect(invited.status, JSON.stringify(invited.error)).toBe(200);
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const doctor = await desk.newPage();
  await acceptInvite(doctor, invited.data?.inviteLink ?? '', 'carmen-clinic-password-1');
  expect((await trpc(doctor.request, 'account.setLocale', { locale: 'es' })).status).toBe(200);

  // Her patient, with a plan in steps of 2.5 mg (so a decimal shows), her team's physiotherapist, one check-in.
  const name = `Rosa Núñez ${randomUUID().slice(0, 4)}`;
  const patient = await addPatientAs(doctor.request, { name, timeZone: 'UTC', conditions: 'Esclerosis múltiple', renalFunction: 'mild' });
  const ref = { patientId: patient.patientId };
  const created = await trpc<{ planId: string }>(doctor.request, 'plans.create', {
    ...ref,
    reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 5, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 2.5 }, stepDays: 14, targetDailyMg: 20, startDate: todayUtc(), maxCutPercent: 25,
    },
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const plan = { ...ref, planId: created.data?.planId ?? '' };
  expect((await trpc(doctor.request, 'plans.propose', { ...plan, expectedVersion: 1, reason: '' })).status).toBe(200);
  const team = await trpc(doctor.request, 'patients.addCareTeamMember', { ...ref, clinicianEmail: staff.physio.email, mayEditPlan: false });
  expect(team.status, JSON.stringify(team.error)).toBe(200);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'rosa-summary-password-1');
  expect((await trpc(onPhone.request, 'plans.agree', { ...plan, expectedVersion: 2, reason: '' })).status).toBe(200);
  expect((await trpc(doctor.request, 'plans.activate', { ...plan, expectedVersion: 3, reason: '' })).status).toBe(200);
  const checkIn = await trpc(onPhone.request, 'checkins.submit', {
    ...ref, idempotencyKey: randomUUID(), localDate: todayUtc(),
    doses: [{ time: '08:00', takenMg: 10, status: 'taken' }, { time: '14:00', takenMg: 7.5, status: 'changed' }, { time: '22:00', takenMg: null, status: 'missed' }],
    scores: { spasticity: 6, spasmFrequency: 2, sleepQuality: 4, restlessness: 5, anxiety: 4, mood: 5, pain: 3, headache: 1, nausea: 0, strengthMobility: 5 },
    sleepHours: 5.5, redFlags: ['severe-anxiety-agitation'], stressors: '', activity: '', systolic: null, diastolic: null, heartRate: null, phq2: null, gad2: null, notes: '',
  });
  expect(checkIn.status, JSON.stringify(checkIn.error)).toBe(200);
  await phone.close();

  // In Spanish: the page's language, headings, columns, plan, dates and numbers; the people's words as written.
  const summary = await openSummary(doctor, patient.patientId);
  await expect(doctor.locator('html')).toHaveAttribute('lang', 'es');
  await expect(doctor).toHaveTitle(new RegExp(`^${exportsEs.Exports.summaryPage.metaTitle}`));
  await expect(doctor.getByRole('heading', { level: 1, name: es.title })).toBeVisible();
  await expect(summary.getByRole('heading', { level: 2, name: es.plan.title })).toBeVisible();
  await expect(summary.getByRole('heading', { level: 2, name: /^Últimos 28 días: / })).toBeVisible();
  await expect(summary.getByRole('heading', { level: 2, name: /^Señales de alarma en 28 días \(\d+\), la más reciente primero$/ })).toBeVisible();
  await expect(summary.getByRole('heading', { level: 2, name: /^Equipo de atención \(2\)/ })).toBeVisible();
  for (const column of [es.table.day, es.table.spasticity, es.table.spasms, es.table.plannedMg, es.table.takenMg, es.table.missed, es.table.redFlags]) {
    await expect(summary.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await expect(summary.getByRole('term').filter({ hasText: exportsEs.Exports.summaryPage.plan.currentStep })).toBeVisible();
  await expect(summary.getByText(/^1 de \d+: .+ – .+, 27,5 mg\/día \(08:00 /)).toBeVisible();
  await expect(summary.getByText(/^2 de \d+: desde el .+, 25 mg\/día \(08:00 /)).toBeVisible();
  await expect(summary.getByRole('cell', { name: '17,5', exact: true })).toBeVisible();
  await expect(summary.getByRole('cell', { name: es.redFlags.codes['severe-anxiety-agitation'] })).toBeVisible();
  await expect(summary.getByText(name, { exact: true })).toBeVisible();
  await expect(summary.getByText(/Diagnósticos: Esclerosis múltiple · Función renal: Levemente reducida/)).toBeVisible();
  await expect(summary.getByText(/^Aviso: La función renal está reducida/)).toBeVisible();
  await expect(summary.getByRole('list', { name: exportsEs.Exports.summaryPage.chart.key })).toBeVisible();
  await expect(summary.getByRole('img', { name: /^Gráfico del .* la dosis diaria tomada osciló entre 17,5 y 17,5 mg\./ })).toBeVisible();
  const words = await summary.innerText();
  for (const english of [en.title, en.plan.title, 'Check-ins', 'Red flags', 'Generated', 'Status', 'Current step', 'Next step', 'Spasticity', 'mg/day', 'Care team', 'Warning']) {
    expect(words, english).not.toContain(english);
  }
  await expectAccessible(doctor);
  await expectTableFits(doctor);
  await doctor.screenshot({ path: `${SHOTS}/summary-es.png`, fullPage: true });
  // On paper: the page as wide as A4's printable area, the longer language's headings still on one line in their cells.
  await doctor.setViewportSize({ width: A4_PRINT_WIDTH, height: 1000 });
  await doctor.emulateMedia({ media: 'print' });
  await expectTableFits(doctor);
  await doctor.screenshot({ path: `${SHOTS}/summary-es-print.png`, fullPage: true });
  const printed = await doctor.pdf({ format: 'A4', printBackground: true, path: `${SHOTS}/summary-es-A4.pdf` });
  expect(pdfPages(printed)).toBe(1);
  await doctor.emulateMedia({ media: 'screen' });
  await desk.close();

  // The physiotherapist reads English: the same summary, in English.
  const physioDesk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const physio = await physioDesk.newPage();
  await signIn(physio, staff.physio.email, STAFF_PASSWORD);
  const english = await openSummary(physio, patient.patientId);
  await expect(physio.locator('html')).toHaveAttribute('lang', 'en');
  await expect(physio.getByRole('heading', { level: 1, name: en.title })).toBeVisible();
  await expect(english.getByRole('heading', { level: 2, name: en.plan.title })).toBeVisible();
  await expect(english.getByRole('columnheader', { name: en.table.spasticity, exact: true })).toBeVisible();
  await expect(english.getByText(/^1 of \d+: .+ – .+, 27\.5 mg\/day \(08:00 /)).toBeVisible();
  await expect(english.getByRole('cell', { name: '17.5', exact: true })).toBeVisible();
  await expect(english.getByText(/Conditions: Esclerosis múltiple · Kidney function: Mildly reduced/)).toBeVisible();
  await expectAccessible(physio);
  await expectTableFits(physio);
  await physio.screenshot({ path: `${SHOTS}/summary-en.png`, fullPage: true });
  await physioDesk.close();
});
