// Taper plans end to end: a clinician builds and proposes a plan, the patient agrees on a phone, the
// clinician starts it and steps back after a bad week; two tabs saving at once get a conflict.
import { expect, test, type Page } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function chooseAction(page: Page, label: string, reason?: string) {
  await page.getByLabel(m.Plan.chooseAdjustment).selectOption({ label });
  if (reason !== undefined) await page.getByLabel(m.Plan.reason, { exact: true }).fill(reason);
  await page.getByRole('button', { name: label, exact: true }).click();
}

test('build, propose, agree on a phone, start, and step back after a bad week', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { timeZone: 'UTC' });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const patientPage = await phone.newPage();
  await acceptInvite(patientPage, patient.inviteLink, 'plan-patient-password');

  // The clinician builds the plan with a live preview.
  await page.goto(`/clinician/patients/${patient.patientId}/plan`);
  await expect(page.getByRole('heading', { level: 1, name: m.Plan.title })).toBeVisible();
  await page.getByLabel(m.Taper.form.currentDailyMg).fill('60');
  await page.getByLabel(m.Taper.form.startDate).fill(isoDaysAgo(16));
  await page.getByLabel(m.Taper.form.stepDays).fill('14');
  // The preview shows the first step: 10% of 60 rounds to a 5 mg cut with 10 mg scored tablets.
  await expect(page.getByRole('table').first()).toContainText('55');
  // Near the end, halves of 10 mg tablets cannot keep cuts within 25%: said plainly, and the prescriber accepts it.
  await expect(page.getByText(m.Taper.warnings.aboveCapTitle)).toBeVisible();
  await page.getByLabel(m.Plan.aboveCapReason).fill('Only 10 mg scored tablets for now; we review before 15 mg');
  await expectAccessible(page);
  await page.getByRole('button', { name: m.Plan.create }).click();
  await expect(page.getByText(m.Plan.status.draft).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/plan-draft.png', fullPage: true });

  await chooseAction(page, m.Plan.propose);
  await expect(page.getByText(m.Plan.status.proposed).first()).toBeVisible();

  // The patient, on their phone, sees the proposal and agrees.
  await patientPage.goto('/patient/plan');
  await expect(patientPage.getByText(m.Plan.patientStatusHelp.proposed)).toBeVisible();
  await expectAccessible(patientPage);
  await patientPage.screenshot({ path: 'test-results/screens/my-plan-proposed-390.png', fullPage: true });
  await patientPage.getByRole('button', { name: m.Plan.agree }).click();
  await expect(patientPage.getByText(m.Plan.patientStatusHelp.agreed)).toBeVisible();

  // The clinician starts the taper; today falls in the second step (55 → 50 mg/day).
  await page.reload();
  await expect(page.getByText(m.Plan.status.agreed).first()).toBeVisible();
  await chooseAction(page, m.Plan.activate);
  await expect(page.getByText(m.Plan.status.active).first()).toBeVisible();

  // A bad week: step back to the last tolerated dose, with a reason everyone sees.
  await chooseAction(page, m.Plan.stepBack, 'Bad week: spasms back and poor sleep');
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 5.' })).toBeVisible();
  const history = page.getByRole('region', { name: m.Plan.history });
  await expect(history.getByText('Bad week: spasms back and poor sleep')).toBeVisible();
  await history.getByRole('button', { name: m.Plan.showChanges }).first().click();
  // In clinical words: the running step ends today, and the dose goes back up from today.
  await expect(history.getByText(/^Step 2 lasts \d+ days? instead of 14$/).first()).toBeVisible();
  await expect(history.getByText(/55\smg\/day instead of 50\smg\/day/).first()).toBeVisible();
  // Any two versions can be compared: the first draft against the step back.
  await history.getByLabel(m.Plan.compareFrom).selectOption('1');
  await history.getByLabel(m.Plan.compareTo).selectOption('5');
  await history.getByRole('button', { name: m.Plan.compare, exact: true }).click();
  await expect(history.getByText('Changes from version 1 to version 5')).toBeVisible();
  await expect(history.getByText('Cuts are 75% of the planned size instead of 100%').first()).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/plan-active.png', fullPage: true });

  // The patient sees today's doses at the stepped-back dose (55 mg/day) and the change in the history.
  const view = await trpc<{ plan: { steps: { dailyMg: number; notes: string[] }[]; currentIndex: number } }>(patientPage.request, 'plans.get', { patientId: patient.patientId }, 'query');
  const current = view.data?.plan.steps[view.data.plan.currentIndex];
  expect(current).toMatchObject({ dailyMg: 55, notes: ['step-back'] });
  await patientPage.goto('/patient/plan');
  await expect(patientPage.getByRole('region', { name: m.Plan.todayDoses })).toBeVisible();
  await expect(patientPage.getByText('Bad week: spasms back and poor sleep')).toBeVisible();
  await expectAccessible(patientPage);
  await patientPage.screenshot({ path: 'test-results/screens/my-plan-active-390.png', fullPage: true });

  // The printable schedule.
  await patientPage.goto('/patient/plan/print');
  await expect(patientPage.getByRole('button', { name: m.Plan.printNow })).toBeVisible();
  await expectAccessible(patientPage);
  await page.goto(`/clinician/patients/${patient.patientId}/plan/print`);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'test-results/screens/plan-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await phone.close();
});

test('two clinician tabs change the plan at once: the second is told and changes nothing', async ({ page, context }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request);
  const created = await trpc<{ planId: string; version: number }>(page.request, 'plans.create', {
    patientId: patient.patientId,
    reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: isoDaysAgo(0), maxCutPercent: 50,
    },
  });
  expect(created.status).toBe(200);

  const url = `/clinician/patients/${patient.patientId}/plan`;
  const tabB = await context.newPage();
  await page.goto(url);
  await tabB.goto(url);

  await chooseAction(page, m.Plan.propose);
  await expect(page.getByText(m.Plan.status.proposed).first()).toBeVisible();

  // Tab B still shows version 1 and tries to stop the plan.
  await chooseAction(tabB, m.Plan.stop, 'Stopping from the second tab');
  await expect(tabB.getByText(m.Plan.conflictTitle, { exact: true })).toBeVisible();
  await expect(tabB.getByText(/version 2, propose by Dr Pat Prescriber/)).toBeVisible();
  await tabB.getByRole('button', { name: m.Plan.conflictReload }).click();
  await expect(tabB.getByText(m.Plan.conflictAfterReload)).toBeVisible();
  await expect(tabB.getByText(m.Plan.status.proposed).first()).toBeVisible();

  // Nothing from tab B was saved: version 2 is the latest, and the plan is not stopped.
  const view = await trpc<{ plan: { version: number; status: string } }>(page.request, 'plans.get', { patientId: patient.patientId }, 'query');
  expect(view.data?.plan).toMatchObject({ version: 2, status: 'proposed' });
  await tabB.close();
});
