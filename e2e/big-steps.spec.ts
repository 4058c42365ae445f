// A plan whose products cannot keep every cut within the cap: the prescriber sees the big cuts and the
// advisor's finer product, cannot propose the plan until they accept the big cuts with a reason, and the
// patient reads "a bigger step than planned" with that reason on their phone and on the printout.
import { expect, test } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD } from './fixtures';

const REASON = 'Only 10 mg scored tablets at her pharmacy; we review before the 15 mg step';

test('a prescriber accepts a plan with cuts above the cap, with a reason the patient sees', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { timeZone: 'UTC' });
  await page.goto(`/clinician/patients/${patient.patientId}/plan`);

  // 30 mg/day on 10 mg scored tablets with a 25% cap: 15 → 10 and 10 → 5 mg are bigger cuts, said plainly.
  await page.getByLabel(m.Taper.form.currentDailyMg).fill('30');
  await expect(page.getByText(m.Taper.warnings.aboveCapTitle)).toBeVisible();
  await expect(page.getByText(m.Taper.advisor.title)).toBeVisible();
  const table = page.getByRole('table').filter({ hasText: m.Taper.schedule.followUp });
  await expect(table.getByText(m.Taper.notes['above-cap']).first()).toBeVisible();

  // One click adds the liquid the advisor names; the preview then has no cut above the cap.
  await page.getByRole('button', { name: /^Add 5 mg\/5 mL liquid/ }).click();
  await expect(page.getByText(m.Taper.warnings.aboveCapTitle)).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Added 5 mg/5 mL liquid' })).toBeVisible();
  await expectAccessible(page);
  // The patient has no liquid after all: take it out again, and the big cuts are back.
  await page.getByRole('button', { name: 'Remove formulation 2' }).click();
  await expect(page.getByText(m.Taper.warnings.aboveCapTitle)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/plan-big-steps-editor.png', fullPage: true });

  // Saved as a draft without accepting: the plan says the big cuts are not yet accepted.
  await page.getByRole('button', { name: m.Plan.create }).click();
  await expect(page.getByText(m.Plan.status.draft).first()).toBeVisible();
  await expect(page.getByText(m.Plan.warnings.aboveCapUnaccepted)).toBeVisible();

  // Proposing asks the prescriber to accept them, with a reason.
  await page.getByLabel(m.Plan.chooseAdjustment).selectOption({ label: m.Plan.propose });
  const acceptance = page.getByLabel(m.Plan.aboveCapReason);
  await expect(acceptance).toBeVisible();
  await expect(acceptance).toHaveAttribute('required', '');
  await acceptance.fill(REASON);
  await expectAccessible(page);
  await page.getByRole('button', { name: m.Plan.propose, exact: true }).click();
  await expect(page.getByText(m.Plan.status.proposed).first()).toBeVisible();
  await expect(page.getByText(`Accepted by ${staff.prescriber.name}: “${REASON}”`)).toBeVisible();
  // The adjustment panel follows the plan's new state: a proposed plan can only be stopped, and the button says so.
  await expect(page.getByLabel(m.Plan.chooseAdjustment)).toHaveValue('stop');
  await expect(page.getByRole('button', { name: m.Plan.stop, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: m.Plan.propose, exact: true })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/plan-big-steps-accepted.png', fullPage: true });

  // The patient, on a phone, reads it in plain words with the reason.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const patientPage = await phone.newPage();
  await acceptInvite(patientPage, patient.inviteLink, 'big-steps-patient-password');
  await patientPage.goto('/patient/plan');
  await expect(patientPage.getByText(m.Plan.patientBigStepsTitle, { exact: true })).toBeVisible();
  await expect(patientPage.getByText(`Your prescriber, ${staff.prescriber.name}, agreed to this: “${REASON}”`)).toBeVisible();
  await expect(patientPage.getByText(m.Taper.patientNotes['above-cap']).first()).toBeVisible();
  await expectAccessible(patientPage);
  await patientPage.screenshot({ path: 'test-results/screens/my-plan-big-steps-390.png', fullPage: true });

  // And on the printout for the fridge and the pharmacist.
  await patientPage.goto('/patient/plan/print');
  await expect(patientPage.getByText(REASON, { exact: false })).toBeVisible();
  await expect(patientPage.getByText(`(${m.Taper.print.bigStep})`).first()).toBeVisible();
  await expectAccessible(patientPage);
  await phone.close();
});
