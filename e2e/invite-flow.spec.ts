// The invite flow end to end: a clinician adds a patient in the browser, the patient sets a password
// from the link on a phone-sized screen and lands on their home with their care team.
import { expect, test } from '@playwright/test';
import { acceptInvite, expectAccessible, m, signIn, staff, STAFF_PASSWORD, uniqueEmail } from './fixtures';
import { mailsTo } from './mail';

test('clinician adds a patient; the patient accepts the invite on a phone; the link then stops working', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/clinician$/);
  await expect(page.getByRole('heading', { level: 1, name: m.Clinician.title })).toBeVisible();
  await expectAccessible(page);

  const email = uniqueEmail('nora');
  await page.getByLabel(m.Clinician.add.name).fill('Nora Newpatient');
  await page.getByLabel(m.Clinician.add.email, { exact: true }).fill(email);
  await page.getByLabel(m.Clinician.add.timeZone).selectOption('Europe/Paris');
  await page.getByLabel(m.Clinician.add.conditions).fill('Multiple sclerosis');
  await page.getByRole('button', { name: m.Clinician.add.submit }).click();

  const linkField = page.getByLabel(m.InviteLink.label);
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  // The e2e server's SMTP server is up: the link was emailed too, and the email holds that same link.
  await expect(page.getByText(m.InviteLink.emailed)).toBeVisible();
  await expect.poll(() => mailsTo(email).map((mail) => mail.subject)).toEqual(['Your Taperline invitation']);
  expect(mailsTo(email)[0]?.text).toContain(link);
  await expectAccessible(page);
  // The new patient is in the list, marked as invited.
  await expect(page.getByRole('link', { name: 'Nora Newpatient' }).first()).toBeVisible();

  // The patient, on a phone, in their own browser.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const patientPage = await phone.newPage();
  await patientPage.goto(new URL(link).pathname);
  await expect(patientPage.getByText(email)).toBeVisible();
  await expectAccessible(patientPage);

  // A mismatch is caught before anything is saved.
  await patientPage.getByLabel(m.Invite.password, { exact: true }).fill('a-good-long-password');
  await patientPage.getByLabel(m.Invite.confirmPassword).fill('a-different-password');
  await patientPage.getByRole('button', { name: m.Invite.submit }).click();
  await expect(patientPage.getByText(m.Invite.mismatch).first()).toBeVisible();
  await expect(patientPage).toHaveURL(/\/invite\//);

  await acceptInvite(patientPage, link, 'nora-chooses-a-password');
  await expect(patientPage).toHaveURL(/\/patient$/);
  await expect(patientPage.getByRole('heading', { level: 1, name: 'Hello, Nora Newpatient' })).toBeVisible();
  const team = patientPage.getByRole('region', { name: m.Patient.team.title });
  await expect(team.getByText(staff.prescriber.name)).toBeVisible();
  await expect(patientPage.getByText(m.Patient.plan.empty)).toBeVisible();
  await expectAccessible(patientPage);
  await patientPage.screenshot({ path: 'test-results/screens/patient-home-390.png', fullPage: true });

  // Used once, the link shows a clear page.
  await patientPage.goto(new URL(link).pathname);
  await expect(patientPage.getByRole('heading', { level: 1, name: m.Invite.usedTitle })).toBeVisible();
  await expectAccessible(patientPage);

  // The clinician now sees the patient as active.
  await page.reload();
  await expect(page.getByText(m.Common.accountStatus.active).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/clinician-home.png', fullPage: true });
  await phone.close();
});

test('forged and malformed invite links get a clear page', async ({ page }) => {
  await page.goto('/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByRole('heading', { level: 1, name: m.Invite.invalidTitle })).toBeVisible();
  await expect(page.getByRole('link', { name: m.Invite.goToSignIn })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/invite/short');
  await expect(page.getByRole('heading', { level: 1, name: m.Invite.invalidTitle })).toBeVisible();
});
