// Taperline in Spanish, in the browser: a patient signs in with Spanish chosen on the sign-in page, checks
// in on a phone with a red flag and gets the urgent screen in Spanish; a clinician reading in Spanish finds
// the alert first in triage and acknowledges it. Every page says lang="es"; axe on each; 390 px screenshots.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import adminEs from '../messages/es/admin.json' with { type: 'json' };
import authEs from '../messages/es/auth.json' with { type: 'json' };
import checkinEs from '../messages/es/checkin.json' with { type: 'json' };
import clinicianEs from '../messages/es/clinician.json' with { type: 'json' };
import commonEs from '../messages/es/common.json' with { type: 'json' };
import triageEs from '../messages/es/triage.json' with { type: 'json' };
import planEs from '../messages/es/plan.json' with { type: 'json' };
import errorsEs from '../messages/es/errors/validation.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, signIn, staff, STAFF_PASSWORD, trpc, uniqueEmail } from './fixtures';

const es = { ...commonEs, ...authEs, ...checkinEs, ...triageEs, ...clinicianEs, ...adminEs, ...planEs };
const shots = '/tmp/shots-es';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** The sign-in page, switched to Spanish with its language links, then email and password. */
async function signInInSpanish(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1, name: es.Auth.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.getByLabel(es.Auth.email).fill(email);
  await page.getByLabel(es.Auth.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: es.Auth.submit, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** No element wider than the screen: a long Spanish word must wrap, not push the page sideways. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

test('a patient in Spanish reports a hallucination and gets the urgent screen in Spanish; a clinician in Spanish acknowledges the alert', async ({ page, browser }) => {
  // An administrator invites a prescriber who will read in Spanish; the prescriber adds a patient.
  await signIn(page, staff.admin.email, STAFF_PASSWORD);
  const doctorEmail = uniqueEmail('doctora');
  const invited = await trpc<{ inviteLink: string }>(page.request, 'admin.createStaff', {
    name: 'Dra. Lucía Reyes', email: doctorEmail, timeZone: 'Europe/Madrid', role: 'clinician', profession: 'physician', mayPrescribe: true,
  });
  expect(invited.status, JSON.stringify(invited.error)).toBe(200);
  const desk = await browser.newContext();
  const doctor = await desk.newPage();
  await acceptInvite(doctor, invited.data?.inviteLink ?? '', 'lucia-clinic-password-1');
  const patient = await addPatientAs(doctor.request, { name: 'Rosa Martínez', timeZone: 'Europe/Madrid' });
  await doctor.getByRole('button', { name: 'Sign out', exact: true }).click();
  await doctor.waitForURL(/\/sign-in/);

  // The patient sets a password from the invite, signs out, and signs in again with Spanish chosen.
  const mobile = await browser.newContext(phone);
  const p = await mobile.newPage();
  await acceptInvite(p, patient.inviteLink, 'rosa-password-1');
  await p.getByRole('button', { name: 'Sign out', exact: true }).click();
  await p.waitForURL(/\/sign-in/);
  await shot(p, '0-sign-in-en');
  await signInInSpanish(p, patient.email, 'rosa-password-1');
  await expect(p).toHaveURL(/\/patient$/);
  await expect(p.locator('html')).toHaveAttribute('lang', 'es');

  await p.goto('/patient/check-in');
  await expect(p.getByRole('heading', { level: 1, name: es.CheckIn.title })).toBeVisible();
  await expectAccessible(p);
  await expectNoSidewaysScroll(p);
  await shot(p, '1-check-in-390');
  await p.getByLabel(es.CheckIn.redFlags.codes.hallucinations).check();
  await p.getByRole('button', { name: es.CheckIn.submit }).click();
  await expect(p.getByRole('heading', { name: es.CheckIn.urgent.title })).toBeVisible();
  await expect(p.getByText(es.CheckIn.urgent.alerted)).toBeVisible();
  await expect(p.getByText(es.CheckIn.redFlags.codes.hallucinations)).toBeVisible();
  await expect(p.locator('html')).toHaveAttribute('lang', 'es');
  await expectAccessible(p);
  await expectNoSidewaysScroll(p);
  await shot(p, '2-urgent-390');

  // The clinician, in Spanish: the patient first in triage, as urgent; the alert acknowledged with a note.
  await signInInSpanish(doctor, doctorEmail, 'lucia-clinic-password-1');
  await doctor.goto('/clinician');
  const firstRow = doctor.getByRole('row').nth(1);
  await expect(firstRow).toContainText('Rosa Martínez');
  await expect(firstRow).toContainText(es.Triage.reason.urgent);
  await expectAccessible(doctor);
  await shot(doctor, '3-triage');
  await doctor.goto(`/clinician/patients/${patient.patientId}`);
  const alertsCard = doctor.getByRole('region', { name: es.Alerts.title });
  await alertsCard.getByRole('button', { name: new RegExp(`^${es.Alerts.ack.open}`) }).first().click();
  await alertsCard.getByLabel(es.Alerts.ack.note).fill('Llamé a Rosa; va a urgencias con su pareja.');
  await alertsCard.getByRole('button', { name: new RegExp(`^${es.Alerts.ack.open}`) }).first().click();
  await expect(alertsCard.getByText('Llamé a Rosa; va a urgencias con su pareja.')).toBeVisible();
  await expect(doctor.locator('html')).toHaveAttribute('lang', 'es');
  await expectAccessible(doctor);
  await shot(doctor, '4-acknowledged');
  const open = await trpc<unknown[]>(doctor.request, 'alerts.list', { patientId: patient.patientId, open: true }, 'query');
  expect(open.data).toEqual([]);

  // The language belongs to the account: a new device in English shows the patient Spanish once signed in.
  const other = await browser.newContext({ ...phone, locale: 'en-GB' });
  const again = await other.newPage();
  await signIn(again, patient.email, 'rosa-password-1');
  await expect(again.locator('html')).toHaveAttribute('lang', 'es');
  await other.close();
  await mobile.close();
  await desk.close();
});

test('before signing in, the browser’s language decides, and the choice on the page wins over it', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-MX' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1, name: es.Auth.title })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await context.close();
});

test('the server’s own messages in the reader’s language: a stale plan save and a bad field, in Spanish and in English', async ({ browser, page }) => {
  // A prescriber who reads Spanish, with a patient and a plan.
  await signIn(page, staff.admin.email, STAFF_PASSWORD);
  const email = uniqueEmail('doctora');
  const invited = await trpc<{ inviteLink: string }>(page.request, 'admin.createStaff', {
    name: 'Dra. Sofía Navarro', email, timeZone: 'Europe/Madrid', role: 'clinician', profession: 'physician', mayPrescribe: true,
  });
  expect(invited.status, JSON.stringify(invited.error)).toBe(200);
  const desk = await browser.newContext();
  const tabA = await desk.newPage();
  await acceptInvite(tabA, invited.data?.inviteLink ?? '', 'sofia-clinic-password-1');
  expect((await trpc(tabA.request, 'account.setLocale', { locale: 'es' })).status).toBe(200);
  const patient = await addPatientAs(tabA.request, { name: 'Carmen Ruiz', timeZone: 'Europe/Madrid' });
  const created = await trpc(tabA.request, 'plans.create', {
    patientId: patient.patientId, reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: new Date().toISOString().slice(0, 10), maxCutPercent: 50,
    },
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);

  // Two tabs on the plan: the second, still on version 1, is told in Spanish that nothing was saved.
  const url = `/clinician/patients/${patient.patientId}/plan`;
  const tabB = await desk.newPage();
  await tabA.goto(url);
  await tabB.goto(url);
  await expect(tabA.locator('html')).toHaveAttribute('lang', 'es');
  const choose = async (tab: Page, label: string, reason?: string) => {
    await tab.getByLabel(es.Plan.chooseAdjustment).selectOption({ label });
    if (reason !== undefined) await tab.getByLabel(es.Plan.reason, { exact: true }).fill(reason);
    await tab.getByRole('button', { name: label, exact: true }).click();
  };
  await choose(tabA, es.Plan.propose);
  await expect(tabA.getByText(es.Plan.status.proposed).first()).toBeVisible();
  await choose(tabB, es.Plan.stop, 'Detener desde la segunda pestaña');
  await expect(tabB.getByText(es.Plan.conflictTitle, { exact: true })).toBeVisible();
  const stale = tabB.getByText(/Otra persona cambió este plan después de que usted lo abriera \(versión 2: Dra\. Sofía Navarro lo propuso\)\. No se guardó nada/);
  await expect(stale).toBeVisible();
  await expectAccessible(tabB);
  await shot(tabB, '5-stale-save-es');

  // A bad field on the add-patient form: the server's message beside the field, in Spanish.
  await tabA.goto('/clinician');
  const form = tabA.getByRole('region', { name: es.Clinician.add.title });
  await form.getByLabel(es.Clinician.add.name).fill('Ana Gil');
  // The patient's own email (the form also has an on-call contact's).
  await form.getByRole('textbox', { name: es.Clinician.add.email, exact: true }).and(form.locator('input[name="email"]')).fill('ana@clinica');
  await form.getByRole('button', { name: es.Clinician.add.submit }).click();
  await expect(form.getByText(es.Clinician.add.errorTitle)).toBeVisible();
  await expect(form.getByText(errorsEs.emailInvalid)).toBeVisible();
  await expectAccessible(tabA);
  await shot(tabA, '6-bad-field-es');
  await desk.close();

  // The same field in English for an English reader.
  const englishDesk = await browser.newContext();
  const en = await englishDesk.newPage();
  await signIn(en, staff.prescriber.email, STAFF_PASSWORD);
  await en.goto('/clinician');
  const formEn = en.getByRole('region', { name: 'Add a patient' });
  await formEn.getByLabel('Full name').fill('Ana Gil');
  await formEn.locator('input[name="email"]').fill('ana@clinica');
  await formEn.getByRole('button', { name: 'Add patient' }).click();
  await expect(formEn.getByText('Enter a valid email address.')).toBeVisible();
  await expect(en.locator('html')).toHaveAttribute('lang', 'en');
  await englishDesk.close();
});
