// What a patient's page costs a phone beyond itself: no other section fetched ahead, and only the page's own
// messages in its HTML (i18n/client-namespaces.ts), while every page still reads in full and navigates.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { acceptInvite, addPatientAs, m, signIn, staff, STAFF_PASSWORD } from './fixtures';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** The top-level message namespaces sent in a page's HTML (the providers' `messages` in the RSC payload). */
function sentNamespaces(html: string): Set<string> {
  const names = new Set<string>();
  for (const name of ['Alerts', 'CheckIn', 'Conversation', 'Goals', 'Milestones', 'Notes', 'Plan', 'Trends']) {
    if (html.includes(`\\"${name}\\":{`)) names.add(name);
  }
  return names;
}

test('a patient page fetches no other section ahead and sends only its own messages; the links still lead there', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: `Lena ${randomUUID().slice(0, 6)}` });
  const phone = await browser.newContext(PHONE);
  const invited = await phone.newPage();
  await acceptInvite(invited, patient.inviteLink, 'lena-password-1');
  // A tab of its own: what the invite page was still fetching as it went home is not this page's.
  await invited.close();
  const onPhone = await phone.newPage();

  const ahead: string[] = [];
  onPhone.on('request', (r) => {
    if (new URL(r.url()).searchParams.has('_rsc')) ahead.push(r.url());
  });
  await onPhone.goto('/patient/check-in');
  await expect(onPhone.getByRole('heading', { level: 1 })).toBeVisible();
  await onPhone.waitForLoadState('networkidle');
  // Six section links and the home are on screen; none of them was fetched before a tap.
  await expect(onPhone.getByRole('navigation', { name: m.Common.nav.patientSections }).getByRole('link')).toHaveCount(6);
  expect(ahead).toEqual([]);

  const checkIn = await (await onPhone.request.get('/patient/check-in')).text();
  expect([...sentNamespaces(checkIn)].sort()).toEqual(['CheckIn']);
  const trends = await (await onPhone.request.get('/patient/trends')).text();
  expect([...sentNamespaces(trends)].sort()).toEqual(['Alerts', 'CheckIn', 'Plan', 'Trends']);
  // The frame's offline banner has its part of the check-in's messages, not the form's.
  expect(trends).not.toContain(`\\"scores\\":{`);

  // A tap fetches the section then, and it reads in full.
  await onPhone.getByRole('link', { name: m.Common.nav.trends }).click();
  await onPhone.waitForURL('**/patient/trends');
  await expect(onPhone.getByRole('heading', { level: 1 })).toBeVisible();
  expect(ahead.length).toBeGreaterThan(0);
  await phone.close();
});
