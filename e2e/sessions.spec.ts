// Sessions end at once: signing out ends that session on the server (a copy of its cookie is refused),
// "sign out everywhere" reaches the other browser, a disabled account loses access on its next request,
// and a password change keeps only the session that made it.
import { expect, test } from '@playwright/test';
import { acceptInvite, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc, uniqueEmail } from './fixtures';

test('sign out ends that session on the server: a copy of its cookie is refused, other sessions go on', async ({ page, browser }) => {
  await signIn(page, staff.physio.email, STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/clinician$/);
  const copied = await page.context().cookies();
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, staff.physio.email, STAFF_PASSWORD);

  await page.getByRole('button', { name: m.Common.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Someone who kept a copy of the cookie (a shared computer, a stolen profile) gets nothing with it.
  const replayContext = await browser.newContext();
  await replayContext.addCookies(copied);
  const replay = await replayContext.newPage();
  expect((await trpc(replay.request, 'account.me', undefined, 'query')).status).toBe(401);
  await replay.goto('/clinician');
  await expect(replay).toHaveURL(/\/sign-in$/);
  await expectAccessible(replay);

  // The same account in another browser is still signed in.
  await other.goto('/clinician');
  await expect(other).toHaveURL(/\/clinician$/);
  expect((await trpc(other.request, 'account.me', undefined, 'query')).status).toBe(200);
  await replayContext.close();
  await otherContext.close();
});

test('sign out everywhere ends the session in another browser at once', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await trpc<{ inviteLink: string }>(page.request, 'patients.add', {
    name: 'Sam Sessions', email: uniqueEmail('sessions'), timeZone: 'UTC', hasIntrathecalPump: false,
    conditions: '', renalFunction: 'unknown',
  });
  expect(patient.status).toBe(200);
  const link = patient.data?.inviteLink ?? '';

  const laptop = await browser.newContext();
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const onLaptop = await laptop.newPage();
  await acceptInvite(onLaptop, link, 'sessions-password-1');
  await expect(onLaptop).toHaveURL(/\/patient$/);
  const email = await onLaptop.evaluate(() => document.body.innerText);
  expect(email).toContain('Sam Sessions');

  // The same patient signs in on a phone too.
  const onPhone = await phone.newPage();
  const me = await trpc<{ email: string }>(onLaptop.request, 'account.me', undefined, 'query');
  await signIn(onPhone, me.data?.email ?? '', 'sessions-password-1');
  await expect(onPhone).toHaveURL(/\/patient$/);

  // From the phone: sign out everywhere.
  await onPhone.goto('/account');
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: 'test-results/screens/account-390.png', fullPage: true });
  await onPhone.getByRole('button', { name: m.Account.signOutEverywhere, exact: true }).click();
  await onPhone.getByRole('button', { name: m.Account.signOutEverywhereConfirm }).click();
  await expect(onPhone).toHaveURL(/\/sign-in/);

  // The laptop's next request finds its session ended.
  await onLaptop.goto('/patient');
  await expect(onLaptop).toHaveURL(/\/session-expired$/);
  await expect(onLaptop.getByRole('heading', { level: 1, name: m.Errors.expiredTitle })).toBeVisible();
  await expectAccessible(onLaptop);
  const api = await trpc(onLaptop.request, 'account.me', undefined, 'query');
  expect(api.status).toBe(401);
  await laptop.close();
  await phone.close();
});

test('an administrator creates a clinician, who accepts the invite; disabling them ends their session', async ({ page, browser }) => {
  await signIn(page, staff.admin.email, STAFF_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: m.Admin.title })).toBeVisible();
  await expectAccessible(page);

  const email = uniqueEmail('newdoc');
  const form = page.getByRole('region', { name: m.Admin.create.title });
  await form.getByLabel(m.Admin.create.name).fill('Dr Nia New');
  await form.getByLabel(m.Admin.create.email, { exact: true }).fill(email);
  await form.getByLabel(m.Admin.create.profession).selectOption({ label: m.Common.professions.physician });
  await form.getByRole('button', { name: m.Admin.create.submit }).click();
  const link = await page.getByLabel(m.InviteLink.label).inputValue();
  await page.screenshot({ path: 'test-results/screens/admin.png', fullPage: true });

  const doctorContext = await browser.newContext();
  const doctor = await doctorContext.newPage();
  await acceptInvite(doctor, link, 'dr-nia-password-1');
  await expect(doctor).toHaveURL(/\/clinician$/);
  await expect(doctor.getByText(m.Clinician.list.empty)).toBeVisible();
  await expectAccessible(doctor);

  // The administrator disables the account; the clinician's open session stops working.
  await page.reload();
  const row = page.getByRole('row', { name: new RegExp(email) });
  await row.getByRole('button', { name: m.Admin.staff.disable }).click();
  await page.getByRole('button', { name: m.Admin.staff.confirmDisable }).click();
  await expect(row.getByText(m.Common.accountStatus.disabled)).toBeVisible();

  await doctor.goto('/clinician');
  await expect(doctor).toHaveURL(/\/session-expired$/);
  // And they cannot sign in again.
  await doctor.goto('/sign-in');
  await doctor.getByLabel(m.Auth.email).fill(email);
  await doctor.getByLabel(m.Auth.password, { exact: true }).fill('dr-nia-password-1');
  await doctor.getByRole('button', { name: m.Auth.submit, exact: true }).click();
  await expect(doctor.locator('main').getByRole('alert')).toHaveText(m.Auth.invalid);
  await doctorContext.close();
});
