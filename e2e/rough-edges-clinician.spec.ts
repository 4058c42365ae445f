// Clinician rough edges found by walking the app: an acknowledged red flag still shows on today's triage row;
// an MDT meeting dated after today cannot be finalised; an MDT attendee's discipline defaults to their own;
// every clinician page, its 403 and 404 too, has exactly one main landmark.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import reviews from '../messages/en/reviews.json' with { type: 'json' };
import reviewErrors from '../messages/en/errors/reviews.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const SHOTS = '/tmp/shots-rough-edges-clinician';
mkdirSync(SHOTS, { recursive: true });

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
/** The staff accounts' today: they are on UTC. */
const staffToday = () => new Date().toISOString().slice(0, 10);
const inDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
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

test('an MDT meeting dated after today cannot be finalised: the page says from when, and the API refuses', async ({ page }) => {
  test.setTimeout(90_000);
  const name = `Fern Future ${randomUUID().slice(0, 6)}`;
  const title = `Next week MDT ${randomUUID().slice(0, 6)}`;
  const heldOn = inDays(staffToday(), 2);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name });
  const created = await trpc<{ meetingId: string }>(page.request, 'mdt.create', { heldOn, title, myDiscipline: 'prescriber', attendees: [], patientIds: [patient.patientId] });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const meetingId = created.data?.meetingId ?? '';

  // Outcomes can be recorded ahead of the meeting: the page then lets everyone sign, but offers no finalising.
  await page.goto(`/clinician/mdt/${meetingId}`);
  const item = page.getByRole('article', { name });
  await item.getByLabel(reviews.Mdt.decisions).fill('Plan to hold for a week');
  await item.getByLabel(reviews.Mdt.sharedSummary).fill('We will talk about your taper at the team meeting.');
  await item.getByRole('button', { name: reviews.Mdt.recordItem }).click();
  await expect(item.getByText('Plan to hold for a week')).toBeVisible();
  await expect(page.getByRole('button', { name: reviews.Mdt.sign })).toBeVisible();
  await expect(page.getByRole('button', { name: reviews.Mdt.finalise })).toHaveCount(0);
  const finalise = page.getByRole('region', { name: reviews.Mdt.finaliseTitle });
  await expect(finalise.getByText(reviews.Mdt.finaliseNotYetTitle)).toBeVisible();
  // The date written out as the page writes dates (its year, and the text around it).
  const [before, after] = reviews.Mdt.finaliseNotYet.split('{date}');
  await expect(finalise).toContainText(`${before}`);
  await expect(finalise).toContainText(`${heldOn.slice(0, 4)}${after}`);
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/mdt-not-held-yet.png`, fullPage: true });

  const refused = await trpc(page.request, 'mdt.finalise', { meetingId, expectedVersion: 2 });
  expect(refused.status).toBe(400);
  expect(refused.error?.message).toBe(reviewErrors.meetingNotHeldYet);
  const view = await trpc<{ meeting: { finalisedAt: string | null } }>(page.request, 'mdt.get', { meetingId }, 'query');
  expect(view.data?.meeting.finalisedAt).toBeNull();
});

test('a new MDT meeting offers each attendee the discipline of their own account, not “Nurse”, and records it', async ({ page }) => {
  test.setTimeout(90_000);
  const name = `Dora Discipline ${randomUUID().slice(0, 6)}`;
  const title = `Discipline MDT ${randomUUID().slice(0, 6)}`;
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name });

  await page.goto('/clinician/mdt');
  await expect(page.getByLabel(reviews.Mdt.myDiscipline)).toHaveValue('prescriber');
  const agenda = page.getByRole('group', { name: reviews.Mdt.agendaLegend });
  const boxes = agenda.getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    await box.setChecked((await box.getAttribute('value')) === patient.patientId);
  }
  await page.getByLabel(reviews.Mdt.meetingTitle).fill(title);
  const attendees = page.getByRole('group', { name: reviews.Mdt.attendeesLegend });
  // Olga is a physician who may prescribe; Phil is a physiotherapist.
  for (const [person, discipline] of [[staff.outsider, 'prescriber'], [staff.physio, 'physiotherapist']] as const) {
    await attendees.getByLabel(reviews.Mdt.attendee.replace('{name}', person.name)).check();
    const select = attendees.getByLabel(reviews.Mdt.attendeeDiscipline.replace('{name}', person.name));
    await expect(select).toHaveValue(discipline);
  }
  await expectAccessible(page);
  await attendees.screenshot({ path: `${SHOTS}/mdt-attendee-disciplines.png` });
  await page.getByRole('button', { name: reviews.Mdt.create }).click();
  await page.waitForURL(/\/clinician\/mdt\/[0-9a-f-]+$/);

  // The meeting records them as they were offered.
  const list = page.getByRole('region', { name: reviews.Mdt.attendeesTitle });
  await expect(list.getByRole('listitem').filter({ hasText: staff.outsider.name })).toContainText(`(${m.Common.disciplines.prescriber})`);
  await expect(list.getByRole('listitem').filter({ hasText: staff.physio.name })).toContainText(`(${m.Common.disciplines.physiotherapist})`);
  await expect(list).not.toContainText(m.Common.disciplines.nurse);
  await expectAccessible(page);
});

test('every clinician page has exactly one main landmark, its 403 and 404 pages too', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const title = `Landmark MDT ${randomUUID().slice(0, 6)}`;
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: `Lana Landmark ${randomUUID().slice(0, 6)}` });
  const created = await trpc<{ meetingId: string }>(page.request, 'mdt.create', { heldOn: staffToday(), title, myDiscipline: 'prescriber', attendees: [], patientIds: [patient.patientId] });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const meetingUrl = `/clinician/mdt/${created.data?.meetingId}`;

  for (const path of ['/clinician', `/clinician/patients/${patient.patientId}`, '/clinician/mdt', meetingUrl, '/clinician/notifications']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.locator('main').count(), path).toBe(1);
    expect(await page.getByRole('main').count(), path).toBe(1);
  }

  // Phil attends no such meeting and is not on Lana's care team: both pages refuse him, inside his own frame.
  const physioContext = await browser.newContext();
  const physio = await physioContext.newPage();
  await signIn(physio, staff.physio.email, STAFF_PASSWORD);
  for (const path of [meetingUrl, `/clinician/patients/${patient.patientId}`]) {
    const response = await physio.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(physio.getByRole('heading', { level: 1, name: m.Errors.forbiddenTitle })).toBeVisible();
    expect(await physio.locator('main').count(), path).toBe(1);
    expect(await physio.getByRole('main').count(), path).toBe(1);
    // The clinician's own navigation stays, with its way home.
    await expect(physio.getByRole('link', { name: m.Common.myPatients })).toBeVisible();
    await expectAccessible(physio);
  }
  await physio.screenshot({ path: `${SHOTS}/clinician-403.png`, fullPage: true });

  const missing = await physio.goto('/clinician/no-such-page');
  expect(missing?.status()).toBe(404);
  await expect(physio.getByRole('heading', { level: 1, name: m.Errors.notFoundTitle })).toBeVisible();
  expect(await physio.locator('main').count()).toBe(1);
  await expectAccessible(physio);
  await physio.screenshot({ path: `${SHOTS}/clinician-404.png`, fullPage: true });
  await physioContext.close();
});
