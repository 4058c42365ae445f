// A patient's account is their care team's to manage: a prescriber on the team disables it from the record
// page (with a reason and a confirm step), which ends the patient's session at once, and re-enables it; an
// administrator is refused.
import { expect, test } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const PASSWORD = 'account-patient-password-1';

test('a prescriber on the team disables and re-enables the patient’s account; the patient’s session ends; an administrator is refused', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const a = m.PatientRecord.account;
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request);
  const name = `Pat ${patient.email.slice(8, 16)}`;
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, PASSWORD);
  await expect(onPhone).toHaveURL(/\/patient$/);

  // An administrator cannot (the admin page lists staff only, and the API refuses).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, staff.admin.email, STAFF_PASSWORD);
  await expect(admin.getByText(patient.email)).toHaveCount(0);
  expect((await trpc(admin.request, 'admin.setDisabled', { userId: patient.patientId, disabled: true })).status).toBe(403);
  await adminContext.close();

  // The prescriber: a reason, then a confirm step.
  await page.goto(`/clinician/patients/${patient.patientId}`);
  const account = page.getByRole('region', { name: a.title });
  await account.getByRole('button', { name: a.disable }).click();
  await expect(account.getByLabel(a.reason)).toBeFocused();
  await account.getByRole('button', { name: a.continue }).click();
  await expect(account.getByText(a.reasonMissing)).toBeVisible();
  await account.getByLabel(a.reason).fill('Moved to another clinic');
  await account.getByRole('button', { name: a.continue }).click();
  await expect(account.getByText(a.disableQuestion.replace('{name}', name))).toBeFocused();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/patient-account-confirm.png', fullPage: true });
  await account.getByRole('button', { name: a.confirmDisable }).click();
  await expect(account.getByRole('status')).toHaveText(a.disabled.replace('{name}', name));
  await expect(page.getByText(m.Common.accountStatus.disabled, { exact: true })).toBeVisible();
  await expect(account.getByRole('button', { name: a.enable })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/patient-account-disabled.png', fullPage: true });

  // The patient's open session has ended.
  await onPhone.goto('/patient');
  await expect(onPhone).toHaveURL(/\/session-expired$/);

  // Re-enabled: the patient signs in again.
  await account.getByRole('button', { name: a.enable }).click();
  await account.getByLabel(a.reason).fill('Back under our care');
  await account.getByRole('button', { name: a.continue }).click();
  await account.getByRole('button', { name: a.confirmEnable }).click();
  await expect(account.getByRole('status')).toHaveText(a.enabled.replace('{name}', name));
  await signIn(onPhone, patient.email, PASSWORD);
  await expect(onPhone).toHaveURL(/\/patient$/);
  await phone.close();

  // A plan editor who may not prescribe is told who can, and is offered no control.
  expect((await trpc(page.request, 'patients.addCareTeamMember', { patientId: patient.patientId, clinicianEmail: staff.physio.email, mayEditPlan: true })).status).toBe(200);
  const physioContext = await browser.newContext();
  const physio = await physioContext.newPage();
  await signIn(physio, staff.physio.email, STAFF_PASSWORD);
  await physio.goto(`/clinician/patients/${patient.patientId}`);
  await expect(physio.getByRole('region', { name: a.title }).getByText(a.prescriberOnly)).toBeVisible();
  await expect(physio.getByRole('button', { name: a.disable })).toHaveCount(0);
  await physioContext.close();
});
