// Rough edges found by walking the app: what the patient's home says the team shared, and the check-in's
// added doses by keyboard.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import conversationMessages from '../messages/en/conversation.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const { Conversation: C } = conversationMessages;
const SHOTS = '/work/wt/shots/rough-edges';
mkdirSync(SHOTS, { recursive: true });
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** A team review of one patient, recorded, signed and finalised by the signed-in prescriber: its summary reaches the patient. */
async function finalisedTeamReview(request: APIRequestContext, patientId: string, sharedSummary: string) {
  const created = await trpc<{ meetingId: string }>(request, 'mdt.create', {
    heldOn: londonToday(), title: `Team review ${randomUUID().slice(0, 6)}`, myDiscipline: 'prescriber', attendees: [], patientIds: [patientId],
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const meetingId = created.data?.meetingId ?? '';
  type Meeting = { meeting: { version: number }; items: { id: string }[] };
  const read = async () => (await trpc<Meeting>(request, 'mdt.get', { meetingId }, 'query')).data;
  const before = await read();
  const recorded = await trpc(request, 'mdt.recordItem', {
    meetingId, itemId: before?.items[0]?.id, expectedVersion: before?.meeting.version, discussion: 'Steady.', decisions: 'Carry on as planned', goalsReset: '', sharedSummary, nextReviewOn: null,
  });
  expect(recorded.status, JSON.stringify(recorded.error)).toBe(200);
  const signed = await trpc(request, 'mdt.sign', { meetingId, expectedVersion: (await read())?.meeting.version });
  expect(signed.status, JSON.stringify(signed.error)).toBe(200);
  const finalised = await trpc(request, 'mdt.finalise', { meetingId, expectedVersion: (await read())?.meeting.version });
  expect(finalised.status, JSON.stringify(finalised.error)).toBe(200);
}

/** Presses Tab until the control has the focus: a few presses at most (a time field takes one per part: hours, minutes, AM/PM). */
async function tabTo(page: Page, control: Locator, most = 6) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await control.evaluate((el) => el === document.activeElement)) return;
  }
  await expect(control).toBeFocused();
}
test('the patient’s home says what the care team shared, and says “nothing” only when there is nothing', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: `Hope ${randomUUID().slice(0, 6)}` });
  const phone = await browser.newContext(PHONE);
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'hope-password-1');
  const fromTeam = onPhone.getByRole('region', { name: m.CheckIn.home.fromTeamTitle });

  // Nothing written by anyone: the home says so.
  await onPhone.goto('/patient');
  await expect(fromTeam.getByText(C.home.empty)).toBeVisible();

  // The patient wrote; the team has not answered: the home does not pretend the conversation is empty.
  expect((await trpc(onPhone.request, 'notes.create', { patientId: patient.patientId, body: 'Are the nights meant to be this restless?', visibility: 'shared' })).status).toBe(200);
  await onPhone.goto('/patient');
  await expect(fromTeam.getByText(C.home.noReply)).toBeVisible();
  await expect(fromTeam.getByText(C.home.empty)).toHaveCount(0);

  // The team shared the summary of a team review: the home shows it, with the way to the Reviews page.
  const SUMMARY = 'The team met about your taper: carry on as planned; we look again in two weeks.';
  await finalisedTeamReview(page.request, patient.patientId, SUMMARY);
  await onPhone.goto('/patient');
  await expect(fromTeam.getByText(SUMMARY)).toBeVisible();
  await expect(fromTeam.getByRole('link', { name: C.home.allReviews })).toHaveAttribute('href', '/patient/reviews');
  await expect(fromTeam.getByText(C.home.noReply)).toHaveCount(0);
  await expect(fromTeam.getByText(C.home.empty)).toHaveCount(0);

  // A shared note from the team comes first (the newest), the review summary still there.
  const NOTE = 'Restless nights are common in the first week of a step. Tell us at your check-ins how they go.';
  expect((await trpc(page.request, 'notes.create', { patientId: patient.patientId, body: NOTE, visibility: 'shared' })).status).toBe(200);
  await onPhone.goto('/patient');
  await expect(fromTeam.getByRole('listitem').first()).toContainText(NOTE);
  await expect(fromTeam.getByText(SUMMARY)).toBeVisible();
  await expect(fromTeam.getByRole('link', { name: C.home.allMessages })).toHaveAttribute('href', '/patient/notes');
  await expectAccessible(onPhone);
  await fromTeam.scrollIntoViewIfNeeded();
  await onPhone.screenshot({ path: `${SHOTS}/home-from-team-390.png` });
  await shot(onPhone, 'home-390');
  await phone.close();
});

test('an added dose takes the focus, and an empty one is pointed out, not dropped: all by keyboard', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: `Kim ${randomUUID().slice(0, 6)}` });
  const phone = await browser.newContext(PHONE);
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'kim-password-1');
  await onPhone.goto('/patient/check-in');
  const doses = onPhone.getByRole('region', { name: m.CheckIn.doses.title });
  const add = doses.getByRole('button', { name: m.CheckIn.doses.add });
  const row = (n: number) => doses.getByRole('group', { name: m.CheckIn.doses.extraLegend.replace('{number, number}', String(n)) });

  // Enter on "Add a dose taken": the new dose's first field has the focus, Tab goes on through the row.
  await add.focus();
  await onPhone.keyboard.press('Enter');
  await expect(row(1).getByLabel(m.CheckIn.doses.extraTime)).toBeFocused();
  // Hours, minutes, then AM (the browser's clock here shows AM/PM).
  await onPhone.keyboard.type('0800A');
  await expect(row(1).getByLabel(m.CheckIn.doses.extraTime)).toHaveValue('08:00');
  await tabTo(onPhone, row(1).getByLabel(m.CheckIn.doses.extraMg));
  await onPhone.keyboard.type('5');
  await tabTo(onPhone, row(1).getByRole('button', { name: m.CheckIn.doses.remove.replace('{number, number}', '1') }));
  await tabTo(onPhone, add);

  // A second dose added and left empty: sending points at it instead of leaving it out in silence.
  await onPhone.keyboard.press('Enter');
  const time2 = row(2).getByLabel(m.CheckIn.doses.extraTime);
  await expect(time2).toBeFocused();
  const submit = onPhone.getByRole('button', { name: m.CheckIn.submit });
  await submit.focus();
  await onPhone.keyboard.press('Enter');
  await expect(row(2).getByText(m.CheckIn.errors.emptyDose)).toBeVisible();
  await expect(time2).toHaveAttribute('aria-invalid', 'true');
  expect((await trpc<{ existing: unknown }>(onPhone.request, 'checkins.day', { patientId: patient.patientId }, 'query')).data?.existing).toBeNull();
  await expectAccessible(onPhone);
  await row(2).scrollIntoViewIfNeeded();
  await onPhone.screenshot({ path: `${SHOTS}/check-in-empty-dose-390.png` });

  // Its remove button is a few Tabs on; removing it gives the focus back to "Add a dose taken".
  await time2.focus();
  await tabTo(onPhone, row(2).getByRole('button', { name: m.CheckIn.doses.remove.replace('{number, number}', '2') }));
  await onPhone.keyboard.press('Enter');
  await expect(row(2)).toHaveCount(0);
  await expect(add).toBeFocused();

  await submit.focus();
  await onPhone.keyboard.press('Enter');
  await expect(onPhone.getByRole('heading', { level: 1, name: m.CheckIn.saved.title })).toBeVisible();
  const day = await trpc<{ existing: { doses: { time: string; takenMg: number | null }[] } | null }>(onPhone.request, 'checkins.day', { patientId: patient.patientId }, 'query');
  expect(day.data?.existing?.doses).toEqual([expect.objectContaining({ time: '08:00', takenMg: 5 })]);
  await phone.close();
});
