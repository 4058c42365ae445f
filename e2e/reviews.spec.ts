// Weekly and multidisciplinary reviews end to end: a clinician records a weekly review and sees "Reviewed" on
// the triage list; the team holds an MDT meeting from the built agenda (a team-only discussion, a shared
// summary, a colleague's dissent), finalises it, and the patient reads the shared summary and nothing else.
// An attendee off a patient's care team sees that patient's item withheld and cannot finalise until someone
// from the team signs; a clinician who does not attend sees nothing of the meeting.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import reviews from '../messages/en/reviews.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';
import { BAD_WEEK } from './bad-week';

const r = reviews;
const SHOTS = '/tmp/shots-reviews';
mkdirSync(SHOTS, { recursive: true });

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const inDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const DISCUSSION = 'Team only: the physio worries about falls on the stairs at night';
const DISSENT = 'I would hold for two weeks, not one';
const SHARED = 'We reviewed your week together. We will keep your dose the same for one more week, then look again.';

test('a weekly review shows as Reviewed; the team holds an MDT from the agenda and the patient reads only the shared summary', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const name = `Rosa Review ${randomUUID().slice(0, 6)}`;
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name });
  const team = await trpc(page.request, 'patients.addCareTeamMember', { patientId: patient.patientId, clinicianEmail: staff.physio.email, mayEditPlan: false });
  expect(team.status, JSON.stringify(team.error)).toBe(200);

  // The patient checks in on her phone (through the API, as herself) and reports confusion: an urgent alert.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'rosa-password-1');
  const checkIn = await trpc(onPhone.request, 'checkins.submit', {
    patientId: patient.patientId, idempotencyKey: randomUUID(), localDate: londonToday(), doses: [],
    scores: { spasticity: 6, spasmFrequency: 2, sleepQuality: 4, restlessness: 5, anxiety: 4, mood: 5, pain: 3, headache: 1, nausea: 0, strengthMobility: 5 },
    sleepHours: 5.5, redFlags: ['confusion'], stressors: '', activity: '', systolic: null, diastolic: null, heartRate: null, phq2: null, gad2: null, notes: '',
  });
  expect(checkIn.status, JSON.stringify(checkIn.error)).toBe(200);

  // The weekly review page: the 7 days, trends, red flags; the clinician records the review.
  await page.goto(`/clinician/patients/${patient.patientId}/review`);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
  await expect(page.getByRole('region', { name: r.WeeklyReview.flagsTitle }).getByText(m.Alerts.codes.confusion).first()).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/weekly-review.png`, fullPage: true });
  const form = page.getByRole('region', { name: r.WeeklyReview.formTitle });
  await form.getByRole('button', { name: r.WeeklyReview.submit }).click();
  await expect(form.getByText(r.WeeklyReview.summaryMissing)).toBeVisible();
  await form.getByLabel(r.WeeklyReview.summary).fill('Confusion once; phoned Rosa, settled. Sleep poor.');
  await form.getByLabel(r.WeeklyReview.decision).selectOption('hold');
  await form.getByRole('button', { name: r.WeeklyReview.submit }).click();
  await expect(form.getByRole('status')).toHaveText(r.WeeklyReview.saved);
  await expect(page.getByRole('region', { name: r.WeeklyReview.pastTitle }).getByText('Confusion once; phoned Rosa, settled. Sleep poor.')).toBeVisible();
  await expectAccessible(page);

  // The triage list: Rosa's row says Reviewed (no new data since).
  await page.goto('/clinician');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(r.ReviewBadge.reviewed);
  await expect(row).toContainText(m.Triage.reason.urgent);
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/triage-reviewed.png`, fullPage: true });

  // A new MDT meeting from the built agenda: Rosa is on it for her urgent alert; only she is kept for this meeting.
  await page.goto('/clinician/mdt');
  await expect(page.getByRole('heading', { level: 1, name: r.Mdt.title })).toBeVisible();
  await expectAccessible(page);
  const agenda = page.getByRole('group', { name: r.Mdt.agendaLegend });
  await expect(agenda.getByText(r.Mdt.reasons.urgent).first()).toBeVisible();
  const boxes = agenda.getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    await box.setChecked((await box.getAttribute('value')) === patient.patientId);
  }
  await expect(agenda.getByRole('checkbox', { name })).toBeChecked();
  await page.getByLabel(r.Mdt.meetingTitle).fill('Thursday MDT');
  const attendees = page.getByRole('group', { name: r.Mdt.attendeesLegend });
  await attendees.getByLabel(r.Mdt.attendee.replace('{name}', staff.physio.name)).check();
  await attendees.getByLabel(r.Mdt.attendeeDiscipline.replace('{name}', staff.physio.name)).selectOption('physiotherapist');
  await page.screenshot({ path: `${SHOTS}/mdt-new.png`, fullPage: true });
  await page.getByRole('button', { name: r.Mdt.create }).click();
  await page.waitForURL(/\/clinician\/mdt\/[0-9a-f-]+$/);
  const meetingUrl = new URL(page.url()).pathname;

  // The prescriber records Rosa's outcome: a team-only discussion and the summary she will read.
  const item = page.getByRole('article', { name });
  await expect(item.getByText(r.Mdt.reasons.urgent)).toBeVisible();
  await expectAccessible(page);
  await item.getByLabel(r.Mdt.discussion).fill(DISCUSSION);
  await item.getByLabel(r.Mdt.decisions).fill('Hold 25 mg one more week; physio home visit on Monday');
  await item.getByLabel(r.Mdt.goalsReset).fill('Walk 10 minutes a day, with the frame');
  await item.getByLabel(r.Mdt.sharedSummary).fill(SHARED);
  await item.getByLabel(r.Mdt.nextReviewOn).fill(inDays(londonToday(), 14));
  await item.getByRole('button', { name: r.Mdt.recordItem }).click();
  await expect(item.getByText(DISCUSSION)).toBeVisible();

  // The physio, another attendee, records dissent and finalises.
  const physioContext = await browser.newContext();
  const physio = await physioContext.newPage();
  await signIn(physio, staff.physio.email, STAFF_PASSWORD);
  await physio.goto(meetingUrl);
  const physioItem = physio.getByRole('article', { name });
  await expect(physioItem.getByText(SHARED)).toBeVisible();
  await physioItem.getByRole('button', { name: `${r.Mdt.dissentAdd}: ${name}` }).click();
  await physioItem.getByLabel(r.Mdt.dissentBody).fill(DISSENT);
  await physioItem.getByRole('button', { name: r.Mdt.dissentSubmit }).click();
  await expect(physioItem.getByText(DISSENT)).toBeVisible();
  await expectAccessible(physio);
  await physio.getByRole('button', { name: r.Mdt.finalise }).click();
  await expect(physio.getByText(r.Mdt.finaliseQuestion.replace('{title}', 'Thursday MDT'))).toBeFocused();
  await physio.getByRole('button', { name: r.Mdt.finaliseConfirm }).click();
  await expect(physio.getByText(/^Finalised on/)).toBeVisible();
  await expect(physioItem.getByRole('button', { name: `${r.Mdt.dissentAdd}: ${name}` })).toHaveCount(0);
  await expectAccessible(physio);
  await physio.screenshot({ path: `${SHOTS}/mdt-finalised.png`, fullPage: true });
  await physioContext.close();

  // The list shows the meeting as finalised.
  await page.goto('/clinician/mdt');
  await expect(page.getByRole('row', { name: /Thursday MDT/ }).first()).toContainText(r.Mdt.finalised);

  // The patient reads the shared summary on her phone, and nothing of the team's discussion or dissent.
  await onPhone.goto('/patient/reviews');
  await expect(onPhone.getByRole('heading', { level: 1, name: r.PatientReviews.title })).toBeVisible();
  await expect(onPhone.getByText(SHARED)).toBeVisible();
  const text = await onPhone.locator('body').innerText();
  for (const secret of [DISCUSSION, DISSENT, 'physio home visit', 'Walk 10 minutes', staff.physio.name]) expect(text).not.toContain(secret);
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${SHOTS}/patient-reviews-390.png`, fullPage: true });
  const api = await trpc<unknown>(onPhone.request, 'mdt.sharedOutcomes', { patientId: patient.patientId }, 'query');
  expect(JSON.stringify(api.data)).not.toContain(DISCUSSION);
  expect((await trpc(onPhone.request, 'mdt.get', { meetingId: meetingUrl.split('/').at(-1) }, 'query')).status).toBe(403);
  await phone.close();
});

test('an MDT attendee off the patient’s care team sees the meeting but not the patient, and cannot finalise until someone from the team signs', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const name = `Mira Meeting ${randomUUID().slice(0, 6)}`;
  const title = `Monday MDT ${randomUUID().slice(0, 6)}`;
  const summary = 'The team met about your taper: carry on as planned, and we will look again in two weeks.';
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name });
  const directory = await trpc<{ id: string; email: string }[]>(page.request, 'patients.clinicianDirectory', undefined, 'query');
  const outsiderId = directory.data?.find((c) => c.email === staff.outsider.email)?.id;
  // Olga attends as the pharmacist, but is not on Mira's care team.
  const created = await trpc<{ meetingId: string }>(page.request, 'mdt.create', {
    // On the staff accounts' calendar (UTC): a meeting dated after their today cannot be finalised.
    heldOn: new Date().toISOString().slice(0, 10), title, myDiscipline: 'prescriber', attendees: [{ clinicianId: outsiderId, discipline: 'pharmacist' }], patientIds: [patient.patientId],
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const meetingUrl = `/clinician/mdt/${created.data?.meetingId}`;

  // The prescriber records Mira's outcome: it is not signed by her care team yet.
  await page.goto(meetingUrl);
  const item = page.getByRole('article', { name });
  await item.getByLabel(r.Mdt.decisions).fill('Carry on; review in two weeks');
  await item.getByLabel(r.Mdt.sharedSummary).fill(summary);
  await item.getByRole('button', { name: r.Mdt.recordItem }).click();
  await expect(item.getByText(summary)).toBeVisible();
  await expect(item.getByText(r.Mdt.notSignedByTeam)).toBeVisible();

  // Olga sees the meeting and its title, the item withheld, and cannot finalise: the refusal names no patient.
  const olgaContext = await browser.newContext();
  const olga = await olgaContext.newPage();
  await signIn(olga, staff.outsider.email, STAFF_PASSWORD);
  await olga.goto(meetingUrl);
  await expect(olga.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(olga.getByText(r.Mdt.withheld)).toBeVisible();
  await expect(olga.getByText(r.Mdt.teamNotSigned)).toBeVisible();
  await olga.getByRole('button', { name: r.Mdt.finalise }).click();
  await olga.getByRole('button', { name: r.Mdt.finaliseConfirm }).click();
  const refusal = olga.getByRole('alert').filter({ hasText: 'Not signed yet: agenda item 1.' });
  await expect(refusal).toBeVisible();
  expect(await olga.locator('body').innerText()).not.toContain(name);
  await expectAccessible(olga);
  await olga.screenshot({ path: `${SHOTS}/mdt-off-team-refused.png`, fullPage: true });

  // A clinician who does not attend gets the forbidden page, without the meeting's title.
  const physioContext = await browser.newContext();
  const physio = await physioContext.newPage();
  await signIn(physio, staff.physio.email, STAFF_PASSWORD);
  const response = await physio.goto(meetingUrl);
  expect(response?.status()).toBe(403);
  expect(await physio.locator('body').innerText()).not.toContain(title);
  expect((await trpc(physio.request, 'mdt.get', { meetingId: created.data?.meetingId }, 'query')).status).toBe(403);
  await physioContext.close();

  // The prescriber, on Mira's team, signs this version of the record.
  await page.reload();
  await page.getByRole('button', { name: r.Mdt.sign }).click();
  await expect(page.getByRole('status').filter({ hasText: r.Mdt.signedByMe.replace('{version}', '2') })).toBeVisible();
  await expect(page.getByRole('article', { name }).getByText(r.Mdt.signedBy.replace('{names}', staff.prescriber.name))).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/mdt-signed.png`, fullPage: true });

  // Now Olga may close the meeting; Mira reads the summary.
  await olga.reload();
  await expect(olga.getByText(r.Mdt.teamSigned)).toBeVisible();
  await olga.getByRole('button', { name: r.Mdt.finalise }).click();
  await olga.getByRole('button', { name: r.Mdt.finaliseConfirm }).click();
  await expect(olga.getByText(/^Finalised on/)).toBeVisible();
  await olgaContext.close();
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'mira-password-1');
  await onPhone.goto('/patient/reviews');
  await expect(onPhone.getByText(summary)).toBeVisible();
  await phone.close();
});

test('a patient with no shared review yet sees the empty state', async ({ browser, page }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'empty-password-1');
  await onPhone.goto('/patient/reviews');
  await expect(onPhone.getByText(r.PatientReviews.empty)).toBeVisible();
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${SHOTS}/patient-reviews-empty-390.png`, fullPage: true });
  await phone.close();
});

test('the weekly review of a patient with a running plan and a bad week: planned doses, trends and the recommendation', async ({ page }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  await page.goto('/clinician');
  await page.getByRole('row', { name: new RegExp(BAD_WEEK.name) }).getByRole('link', { name: BAD_WEEK.name }).click();
  await page.waitForURL(/\/clinician\/patients\/[0-9a-f-]+$/);
  await page.goto(`${new URL(page.url()).pathname}/review`);
  const days = page.getByRole('region', { name: r.WeeklyReview.daysTitle });
  await expect(days.getByRole('row')).toHaveCount(8);
  await expect(days.getByText('25 mg').first()).toBeVisible();
  await expect(page.getByRole('region', { name: r.WeeklyReview.recommendationTitle }).getByText(/The criteria recommend/)).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/weekly-review-bad-week.png`, fullPage: true });
});
