// An urgent alert reaches the care team where they are: a red-flag check-in on a phone → the prescriber's email
// arrives at the (real, loopback) SMTP server within seconds and their unread count shows it; an alert nobody
// acknowledges is escalated by email after the clinic's window to the prescriber and the on-call contact; an
// acknowledged one is not.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';
import { mailsTo, type E2eMail } from './mail';

const ON_CALL = 'on-call@e2e.taperline.example';
const URGENT = 'Urgent alert for a patient on your care team';
const ESCALATED = 'Escalated: an urgent alert is not acknowledged yet';

/** Sets the window and the on-call address, keeping the clinic's other settings as they are. */
async function setEscalation(request: APIRequestContext, minutes: number) {
  const current = await trpc<Record<string, string | number | null>>(request, 'clinic.settings', undefined, 'query');
  const keep = (key: string) => (typeof current.data?.[key] === 'string' ? current.data[key] : '');
  const result = await trpc(request, 'clinic.update', {
    clinicPhone: keep('clinicPhone'), onCallName: 'On-call registrar', onCallEmail: ON_CALL, onCallPhone: keep('onCallPhone'),
    crisisLineName: keep('crisisLineName'), crisisLinePhone: keep('crisisLinePhone'), escalationMinutes: minutes,
  });
  expect(result.status, JSON.stringify(result.error)).toBe(200);
}

async function waitForMail(address: string, filter: (mail: E2eMail) => boolean, timeoutMs: number): Promise<E2eMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailsTo(address).find(filter);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching email to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const about = (patientId: string) => (mail: E2eMail) => mail.text.includes(`/clinician/patients/${patientId}`);

test('a red flag emails the team within seconds, shows unread, and escalates until acknowledged', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, staff.admin.email, STAFF_PASSWORD);
  await setEscalation(admin.request, 1);

  try {
    await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
    const left = await addPatientAs(page.request, { name: 'Una Unanswered' });
    const answered = await addPatientAs(page.request, { name: 'Abe Answered' });

    // Una's red flag, on her phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const onPhone = await phone.newPage();
    await acceptInvite(onPhone, left.inviteLink, 'una-password-1');
    await onPhone.goto('/patient/check-in');
    await onPhone.getByLabel(m.CheckIn.redFlags.codes.seizure).check();
    await onPhone.getByRole('button', { name: m.CheckIn.submit }).click();
    await expect(onPhone.getByRole('heading', { name: m.CheckIn.urgent.title })).toBeVisible();
    const submittedAt = Date.now();
    const first = await waitForMail(staff.prescriber.email, (mail) => mail.subject === URGENT && about(left.patientId)(mail), 20_000);
    const delay = new Date(first.receivedAt).getTime() - submittedAt;
    console.log(`red-flag check-in → the prescriber's email at the SMTP server in ${Math.max(delay, 0)} ms (urgent screen shown at t=0)`);
    expect(delay).toBeLessThan(10_000);
    expect(first.text).not.toContain('Una');
    expect(first.text).not.toContain('seizure');

    // Abe's red flag, acknowledged at once.
    const abePhone = await browser.newContext();
    const abe = await abePhone.newPage();
    await acceptInvite(abe, answered.inviteLink, 'abe-password-1');
    await abe.goto('/patient/check-in');
    await abe.getByLabel(m.CheckIn.redFlags.codes['high-fever']).check();
    await abe.getByRole('button', { name: m.CheckIn.submit }).click();
    await expect(abe.getByRole('heading', { name: m.CheckIn.urgent.title })).toBeVisible();
    const abeAlerts = await trpc<{ id: string }[]>(page.request, 'alerts.list', { patientId: answered.patientId, open: true }, 'query');
    const abeAlert = abeAlerts.data?.[0];
    if (!abeAlert) throw new Error('Abe has no open alert');
    const ack = await trpc(page.request, 'alerts.acknowledge', { patientId: answered.patientId, alertId: abeAlert.id, note: 'Phoned Abe; GP visit today.' });
    expect(ack.status).toBe(200);

    // The unread count in the header, and the notifications page.
    await page.goto('/clinician');
    const badge = page.getByTestId('unread-count');
    await expect(badge).toBeVisible();
    expect(Number((await badge.textContent())?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(2);
    await page.getByRole('link', { name: /^Notifications/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: m.Notifications.title })).toBeVisible();
    await expect(page.getByText(m.Notifications.aboutPatient.replace('{name}', 'Una Unanswered'), { exact: true }).first()).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/screens/notifications.png', fullPage: true });

    // Nobody acknowledges Una's: after the one-minute window, the prescriber and the on-call contact hear again.
    const escalated = await waitForMail(ON_CALL, (mail) => mail.subject === ESCALATED && about(left.patientId)(mail), 150_000);
    console.log(`escalation email to the on-call contact ${Math.round((new Date(escalated.receivedAt).getTime() - submittedAt) / 1000)} s after the red flag (window: 1 minute)`);
    await waitForMail(staff.prescriber.email, (mail) => mail.subject === ESCALATED && about(left.patientId)(mail), 10_000);
    // Abe's was acknowledged before its window ended: no escalation for it, ever.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect([...mailsTo(ON_CALL), ...mailsTo(staff.prescriber.email)].filter((mail) => mail.subject === ESCALATED && about(answered.patientId)(mail))).toEqual([]);

    // The alert shows whom it reached, and the escalation.
    await page.goto(`/clinician/patients/${left.patientId}`);
    const alertsCard = page.getByRole('region', { name: m.Alerts.title });
    await alertsCard.getByText(m.Notifications.history.summary).first().click();
    await expect(alertsCard.getByText(m.Notifications.history.round.replace('{round}', '1')).first()).toBeVisible();
    await expect(alertsCard.getByText(ON_CALL, { exact: false }).first()).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/screens/alert-notified.png', fullPage: true });
    await phone.close();
    await abePhone.close();
  } finally {
    await setEscalation(admin.request, 30);
    await adminContext.close();
  }
});
