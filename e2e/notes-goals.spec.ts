// Notes, goals and milestones end to end: the clinician writes a team-only and a shared note, the patient
// (on a phone) sees only the shared one and replies; the clinician sets a goal, the patient records
// progress, the clinician marks it achieved and the patient's home celebrates it until dismissed; a note
// written from an alert's "Write a note about this" link arrives linked to that alert.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import goalsMessages from '../messages/en/goals.json' with { type: 'json' };
import conversationMessages from '../messages/en/conversation.json' with { type: 'json' };
import notesMessages from '../messages/en/notes.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const { Notes: N, Milestones: M } = notesMessages;
const { Goals: G } = goalsMessages;
const { Conversation: C } = conversationMessages;
const SHOTS = '/tmp/shots-notes';
mkdirSync(SHOTS, { recursive: true });

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
const LINK_SHOTS = '/tmp/shots-notelinks';
mkdirSync(LINK_SHOTS, { recursive: true });
const linkShot = (page: Page, name: string) => page.screenshot({ path: `${LINK_SHOTS}/${name}.png`, fullPage: true });
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

test('a team-only note never reaches the patient; a shared one does, and the patient replies', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: 'Nora Notes' });
  const TEAM_TEXT = 'Team only: watch her morning stiffness closely at the next step.';
  const SHARED_TEXT = 'Welcome, Nora. Tell us here how each week goes.';

  await page.goto(`/clinician/patients/${patient.patientId}/notes`);
  await expect(page.getByRole('heading', { level: 1, name: C.title })).toBeVisible();
  const form = page.getByRole('region', { name: C.composerTitle });
  // The safer default: care team only, and it says so.
  await expect(form.getByRole('radio', { name: new RegExp(`^${N.form.visibilityTeam}`) })).toBeChecked();
  await expectAccessible(page);
  await form.getByLabel(N.form.body, { exact: true }).fill(TEAM_TEXT);
  await form.getByRole('button', { name: N.form.submit }).click();
  const thread = page.getByRole('region', { name: C.threadTitle });
  const teamNote = thread.getByRole('article').filter({ hasText: TEAM_TEXT });
  await expect(teamNote).toBeVisible();
  await expect(teamNote.getByText(N.team, { exact: true })).toBeVisible();

  await form.getByRole('radio', { name: new RegExp(`^${N.form.visibilityShared}`) }).check();
  await form.getByLabel(N.form.body, { exact: true }).fill(SHARED_TEXT);
  await form.getByRole('button', { name: N.form.submit }).click();
  const sharedNote = thread.getByRole('article').filter({ hasText: SHARED_TEXT });
  await expect(sharedNote.getByText(N.shared, { exact: true })).toBeVisible();
  // The new note form is back to the safe default.
  await expect(form.getByRole('radio', { name: new RegExp(`^${N.form.visibilityTeam}`) })).toBeChecked();

  // A correction of the team note: a new note, the first one kept and marked corrected.
  await teamNote.getByRole('button', { name: N.form.correct }).click();
  const correction = page.getByRole('region', { name: N.form.correctTitle });
  await correction.getByLabel(N.form.body, { exact: true }).fill('Team only: watch her evening stiffness closely at the next step.');
  await correction.getByRole('button', { name: N.form.submitCorrection }).click();
  await expect(teamNote.getByText(N.corrected, { exact: true })).toBeVisible();
  await expect(thread.getByRole('article').filter({ hasText: 'evening stiffness' }).getByRole('link', { name: /^Corrects the message of/ })).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'clinician-notes');

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'nora-password-1');
  await onPhone.goto('/patient/notes');
  await expect(onPhone.getByRole('heading', { level: 1, name: C.title })).toBeVisible();
  await expect(onPhone.getByText(SHARED_TEXT)).toBeVisible();
  await expect(onPhone.getByText(/stiffness closely/)).toHaveCount(0);
  await expect(onPhone.getByText(N.team, { exact: true })).toHaveCount(0);
  // Patients choose no visibility: their notes are shared, and the page says so.
  await expect(onPhone.getByRole('radio')).toHaveCount(0);
  await expectAccessible(onPhone);
  const reply = 'Thank you. Mornings are stiffer since the first step; is that expected?';
  await onPhone.getByLabel(N.form.body, { exact: true }).fill(reply);
  await onPhone.getByRole('button', { name: N.form.submit }).click();
  await expect(onPhone.getByRole('status').filter({ hasText: N.form.saved })).toBeVisible();
  await expect(onPhone.getByRole('article').filter({ hasText: reply }).getByText(N.shared, { exact: true })).toBeVisible();
  const html = await onPhone.content();
  expect(html).not.toContain('stiffness closely');
  await expectAccessible(onPhone);
  await shot(onPhone, 'patient-notes-390');

  await page.reload();
  await expect(page.getByRole('article').filter({ hasText: reply })).toBeVisible();
  await phone.close();
});

test('the clinician sets a goal, the patient records progress, and an achieved goal is celebrated until dismissed', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: 'Gina Goals' });
  await page.goto(`/clinician/patients/${patient.patientId}/goals`);
  await expect(page.getByRole('heading', { level: 1, name: G.title })).toBeVisible();
  await expect(page.getByText(G.activeEmpty)).toBeVisible();
  await expectAccessible(page);

  const create = page.getByRole('region', { name: G.form.createTitle });
  // An empty form is refused with a message on each field.
  await create.getByRole('button', { name: G.form.create }).click();
  await expect(create.getByText(/Say what the goal is/)).toBeVisible();
  await create.getByLabel(G.form.title, { exact: true }).fill('Walk to the corner shop');
  await create.getByLabel(G.form.measure, { exact: true }).fill('Minutes walked a day');
  await create.getByLabel(G.form.target, { exact: true }).fill('20 minutes a day');
  await create.getByLabel(G.form.targetValue, { exact: true }).fill('20');
  await create.getByLabel(G.form.targetUnit, { exact: true }).fill('minutes');
  await create.getByRole('button', { name: G.form.create }).click();
  const goal = page.getByRole('article', { name: 'Walk to the corner shop' });
  await expect(goal).toBeVisible();
  await expect(goal.getByText(G.status.active, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'clinician-goals');

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'gina-password-1');
  await onPhone.goto('/patient/goals');
  await expect(onPhone.getByRole('heading', { level: 1, name: G.title })).toBeVisible();
  await expect(onPhone.getByText(M.empty)).toBeVisible();
  await expectAccessible(onPhone);
  const progress = onPhone.getByRole('form', { name: `${G.progressForm.title}: Walk to the corner shop` });
  await progress.getByLabel(G.progressForm.value, { exact: true }).fill('12');
  await progress.getByLabel(G.progressForm.note, { exact: true }).fill('One rest on the way back.');
  await progress.getByRole('button', { name: G.progressForm.submit }).click();
  await expect(progress.getByRole('status').filter({ hasText: G.progressForm.saved })).toBeVisible();
  await expect(onPhone.getByText('One rest on the way back.')).toBeVisible();
  // Patients record progress; setting and closing goals is the team's.
  await expect(onPhone.getByRole('button', { name: G.close.achieve })).toHaveCount(0);
  await expectAccessible(onPhone);
  await shot(onPhone, 'patient-goals-390');

  await page.reload();
  await expect(goal.getByText('One rest on the way back.')).toBeVisible();
  await goal.getByRole('button', { name: G.close.achieve }).click();
  await expect(page.getByRole('region', { name: M.title }).getByText(/Goal reached: Walk to the corner shop/)).toBeVisible();
  await expect(page.getByRole('article', { name: 'Walk to the corner shop' }).getByText(G.status.achieved, { exact: true })).toBeVisible();

  await onPhone.goto('/patient');
  const banner = onPhone.getByRole('status').filter({ hasText: M.celebrationTitle });
  await expect(banner).toContainText('Goal reached: Walk to the corner shop');
  await expectAccessible(onPhone);
  await shot(onPhone, 'patient-home-celebration-390');
  await banner.getByRole('button', { name: M.dismiss }).click();
  await expect(onPhone.getByText(M.celebrationTitle)).toHaveCount(0);
  await onPhone.reload();
  await expect(onPhone.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(onPhone.getByText(M.celebrationTitle)).toHaveCount(0);
  await onPhone.goto('/patient/goals');
  await expect(onPhone.getByText(/Goal reached: Walk to the corner shop/)).toBeVisible();
  await expectAccessible(onPhone);
  await phone.close();
});

test('a note written from an alert is linked to it, and an alert is refused on a shared note beside the choice', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: 'Lina Links' });
  // The patient checks in (through the API, as herself) and reports confusion: an urgent alert for the team.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'lina-password-1');
  const checkIn = await trpc(onPhone.request, 'checkins.submit', {
    patientId: patient.patientId, idempotencyKey: randomUUID(), localDate: londonToday(), doses: [],
    scores: { spasticity: 6, spasmFrequency: 2, sleepQuality: 4, restlessness: 5, anxiety: 4, mood: 5, pain: 3, headache: 1, nausea: 0, strengthMobility: 5 },
    sleepHours: 5.5, redFlags: ['confusion'], stressors: '', activity: '', systolic: null, diastolic: null, heartRate: null, phq2: null, gad2: null, notes: '',
  });
  expect(checkIn.status, JSON.stringify(checkIn.error)).toBe(200);

  await page.goto(`/clinician/patients/${patient.patientId}`);
  const writeAbout = page.getByRole('link', { name: new RegExp(`^${N.writeAbout} alert: ${m.Alerts.codes.confusion}`) });
  await expect(writeAbout).toBeVisible();
  await expectAccessible(page);
  await writeAbout.click();
  await page.waitForURL(/\/notes\?alert=[0-9a-f-]{36}$/);
  const alertId = new URL(page.url()).searchParams.get('alert');
  const form = page.getByRole('region', { name: C.composerTitle });
  const choice = form.getByLabel(N.form.link, { exact: true });
  // The deep link preselects the alert; the choice says what it is in words.
  await expect(choice).toHaveValue(`alert:${alertId}`);
  await expect(choice.locator('option:checked')).toContainText(m.Alerts.codes.confusion);
  await expect(choice.locator('option').first()).toHaveText(N.form.linkNone);
  await expectAccessible(page);

  // Shared with the patient, an alert is refused: the server's reason shows beside the choice, nothing is saved.
  await form.getByRole('radio', { name: new RegExp(`^${N.form.visibilityShared}`) }).check();
  await form.getByLabel(N.form.body, { exact: true }).fill('Phoned Lina about the confusion; she is with her daughter.');
  await form.getByRole('button', { name: N.form.submit }).click();
  await expect(choice).toHaveAttribute('aria-invalid', 'true');
  await expect(choice).toHaveAccessibleDescription(/link them from a care-team-only note/);
  const thread = page.getByRole('region', { name: C.threadTitle });
  await expect(thread.getByText(C.empty)).toBeVisible();
  await expectAccessible(page);
  await linkShot(page, 'clinician-notes-alert-refused');

  await form.getByRole('radio', { name: new RegExp(`^${N.form.visibilityTeam}`) }).check();
  await form.getByRole('button', { name: N.form.submit }).click();
  const note = thread.getByRole('article').filter({ hasText: 'Phoned Lina about the confusion' });
  await expect(note.getByText(N.team, { exact: true })).toBeVisible();
  const toAlert = note.getByRole('link', { name: /^Alert of / });
  await expect(toAlert).toHaveAttribute('href', `/clinician/patients/${patient.patientId}#alert-${alertId}`);
  // The next note starts from nothing linked again.
  await expect(choice).toHaveValue('none');
  await expectAccessible(page);
  await linkShot(page, 'clinician-notes-alert-linked');
  await toAlert.click();
  await page.waitForURL(new RegExp(`/clinician/patients/${patient.patientId}#alert-${alertId}$`));
  await expect(page.locator(`#alert-${alertId}`)).toContainText(m.Alerts.codes.confusion);
  await linkShot(page, 'clinician-patient-alerts');

  // A past weekly review's link preselects that review on the notes page.
  const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const review = await trpc(page.request, 'weeklyReviews.record', { patientId: patient.patientId, summary: 'Confusion on one day; phoned.', decision: 'hold', nextReviewOn: nextWeek });
  expect(review.status, JSON.stringify(review.error)).toBe(200);
  await page.goto(`/clinician/patients/${patient.patientId}/review`);
  const aboutReview = page.getByRole('region', { name: 'Past reviews' }).getByRole('link', { name: /^Write a note about this weekly review: / });
  await expect(aboutReview).toBeVisible();
  await expectAccessible(page);
  await aboutReview.click();
  await page.waitForURL(/\/notes\?review=[0-9a-f-]{36}$/);
  await expect(page.getByRole('region', { name: C.composerTitle }).getByLabel(N.form.link, { exact: true })).toHaveValue(/^review:[0-9a-f-]{36}$/);

  // The patient is offered no alerts (nor a deep link's), and never sees the team-only note.
  await onPhone.goto(`/patient/notes?alert=${alertId}`);
  await expect(onPhone.getByRole('heading', { level: 1, name: C.title })).toBeVisible();
  await expect(onPhone.getByText('Phoned Lina')).toHaveCount(0);
  // With no plan and no team review yet she has nothing to link, so no choice is shown.
  await expect(onPhone.getByLabel(N.form.link, { exact: true })).toHaveCount(0);
  await expectAccessible(onPhone);
  await linkShot(onPhone, 'patient-notes-390');
  await phone.close();
});
