// Clinician rough edges found by walking the app: an acknowledged red flag still shows on today's triage row.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const SHOTS = '/tmp/shots-rough-edges-clinician';
mkdirSync(SHOTS, { recursive: true });

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const SCORES = { spasticity: 6, spasmFrequency: 2, sleepQuality: 4, restlessness: 5, anxiety: 4, mood: 5, pain: 3, headache: 1, nausea: 0, strengthMobility: 5 };

test('a red flag acknowledged today still shows on the triage row, with when it was acknowledged', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const name = `Rhea Redflag ${randomUUID().slice(0, 6)}`;
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'rhea-password-1');
  const checkIn = await trpc(onPhone.request, 'checkins.submit', {
    patientId: patient.patientId, idempotencyKey: randomUUID(), localDate: londonToday(), doses: [], scores: SCORES,
    sleepHours: 6, redFlags: ['hallucinations'], stressors: '', activity: '', systolic: null, diastolic: null, heartRate: null, phq2: null, gad2: null, notes: '',
  });
  expect(checkIn.status, JSON.stringify(checkIn.error)).toBe(200);
  await phone.close();

  // Open: the row is urgent and says the red flag is not acknowledged yet.
  await page.goto('/clinician');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(m.Triage.reason.urgent);
  await expect(row.getByTestId('red-flag-today')).toHaveText('Red flag today (the patient’s local day) · 1 not acknowledged yet');

  // Acknowledged: no open alert is left, and the row still says a red flag happened today, and when it was seen to.
  const open = await trpc<{ id: string }[]>(page.request, 'alerts.list', { patientId: patient.patientId, open: true }, 'query');
  const alertId = open.data?.[0]?.id;
  expect(alertId).toBeTruthy();
  const ack = await trpc(page.request, 'alerts.acknowledge', { patientId: patient.patientId, alertId, note: 'Phoned her: settled, her husband is with her.' });
  expect(ack.status, JSON.stringify(ack.error)).toBe(200);
  const acknowledged = await trpc<{ acknowledgedAt: string }[]>(page.request, 'alerts.list', { patientId: patient.patientId, open: false }, 'query');
  const at = new Date(acknowledged.data?.[0]?.acknowledgedAt ?? '');
  // The staff accounts' clock is UTC.
  const time = at.toISOString().slice(11, 16);

  await page.reload();
  await expect(row.getByText(m.Triage.alerts.none)).toBeVisible();
  await expect(row).not.toContainText(m.Triage.reason.urgent);
  await expect(row.getByTestId('red-flag-today')).toHaveText(`Red flag today (the patient’s local day) · acknowledged at ${time}`);
  await expectAccessible(page);
  await row.screenshot({ path: `${SHOTS}/triage-red-flag-acknowledged-row.png` });
  await page.screenshot({ path: `${SHOTS}/triage-red-flag-acknowledged.png`, fullPage: true });

  // Phones and tablets get the same marker on the patient's card.
  await page.setViewportSize({ width: 390, height: 844 });
  const card = page.getByRole('listitem').filter({ hasText: name });
  await expect(card.getByTestId('red-flag-today')).toHaveText(`Red flag today (the patient’s local day) · acknowledged at ${time}`);
  await expectAccessible(page);
  await card.screenshot({ path: `${SHOTS}/triage-red-flag-card-390.png` });
});
