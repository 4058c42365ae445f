// Check-ins, red flags and triage end to end: a patient reports a hallucination on a phone and sees the
// urgent-care screen at once; the clinician finds them on top of the triage list and acknowledges; a
// bad week recommends "hold" and the clinician's decision changes the plan.
import { expect, test } from '@playwright/test';
import { BAD_WEEK } from './bad-week';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

test('a hallucination on a phone: urgent screen at once; the clinician sees it first and acknowledges', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: 'Hana Hallucination' });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'hana-password-1');
  await onPhone.goto('/patient/check-in');
  await expect(onPhone.getByRole('heading', { level: 1, name: m.CheckIn.title })).toBeVisible();
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: 'test-results/screens/check-in-390.png', fullPage: true });
  await onPhone.getByLabel(m.CheckIn.redFlags.codes.hallucinations).check();
  await onPhone.getByRole('button', { name: m.CheckIn.submit }).click();

  // The urgent-care screen comes first, before anything else.
  await expect(onPhone.getByRole('heading', { name: m.CheckIn.urgent.title })).toBeVisible();
  await expect(onPhone.getByText(m.CheckIn.urgent.alerted)).toBeVisible();
  await expect(onPhone.getByText(m.CheckIn.redFlags.codes.hallucinations)).toBeVisible();
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: 'test-results/screens/urgent-390.png', fullPage: true });

  // The clinician's triage list: this patient first, as urgent.
  await page.goto('/clinician');
  const firstRow = page.getByRole('row').nth(1);
  await expect(firstRow).toContainText('Hana Hallucination');
  await expect(firstRow).toContainText(m.Triage.reason.urgent);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/triage.png', fullPage: true });

  // Acknowledge the alert with a note.
  await page.goto(`/clinician/patients/${patient.patientId}`);
  const alertsCard = page.getByRole('region', { name: m.Alerts.title });
  await alertsCard.getByRole('button', { name: new RegExp(`^${m.Alerts.ack.open}`) }).first().click();
  await alertsCard.getByLabel(m.Alerts.ack.note).fill('Phoned Hana; she is going to the emergency department with her partner.');
  await alertsCard.getByRole('button', { name: new RegExp(`^${m.Alerts.ack.open}`) }).first().click();
  await expect(alertsCard.getByText('Phoned Hana; she is going to the emergency department with her partner.')).toBeVisible();
  await expectAccessible(page);
  const open = await trpc<unknown[]>(page.request, 'alerts.list', { patientId: patient.patientId, open: true }, 'query');
  expect(open.data).toEqual([]);
  await phone.close();
});

test('a bad week recommends hold; the clinician’s decision extends the step as a new plan version', async ({ page }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  await page.goto('/clinician');
  const row = page.getByRole('row', { name: new RegExp(BAD_WEEK.name) });
  await expect(row).toContainText(m.Triage.reason['decision-due']);
  await row.getByRole('link', { name: BAD_WEEK.name }).click();
  await page.waitForURL(/\/clinician\/patients\/[0-9a-f-]+$/);
  const patientId = page.url().split('/').at(-1) ?? '';
  await page.goto(`/clinician/patients/${patientId}/plan`);

  const decision = page.getByRole('region', { name: m.Decision.title });
  await expect(decision.getByText(m.Decision.recommendationText.hold)).toBeVisible();
  await expect(decision.getByText(/Spasticity 7 or more on 3 of the last 7 days/).first()).toBeVisible();
  await expectAccessible(page);
  await decision.getByLabel(m.Decision.decisions.hold).check();
  await decision.getByLabel(m.Decision.reason, { exact: true }).fill('Tightness up all week: hold 25 mg for another fortnight.');
  await decision.getByRole('button', { name: m.Decision.submit }).click();
  await expect(decision.getByRole('status').filter({ hasText: /version 5/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/decision.png', fullPage: true });

  const view = await trpc<{ plan: { version: number; steps: { days: number; notes: string[] }[] } }>(page.request, 'plans.get', { patientId }, 'query');
  expect(view.data?.plan.version).toBe(5);
  expect(view.data?.plan.steps[0]).toMatchObject({ days: 28, notes: expect.arrayContaining(['extended']) });
});
