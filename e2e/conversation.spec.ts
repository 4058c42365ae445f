// One conversation per patient, end to end: the patient writes on their Messages page (phone), the
// clinician's triage list and the patient's record show an unread message, opening the conversation reads
// it for the team, the clinician's shared reply reaches the patient's home, and team-only text never does.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import conversationMessages from '../messages/en/conversation.json' with { type: 'json' };
import notesMessages from '../messages/en/notes.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const { Conversation: C } = conversationMessages;
const { Notes: N } = notesMessages;
const SHOTS = '/work/wt/shots';
mkdirSync(SHOTS, { recursive: true });
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/conv-${name}.png`, fullPage: true });

test('a patient’s message is unread for the team until opened, and the team’s shared reply reaches the patient’s home', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const name = `Connie ${Date.now().toString(36)}`;
  const patient = await addPatientAs(page.request, { name });
  const TEAM_TEXT = `Team only ${crypto.randomUUID()}: ask the pharmacist about the liquid.`;
  const team = await trpc(page.request, 'notes.create', { patientId: patient.patientId, body: TEAM_TEXT, visibility: 'team' });
  expect(team.status, JSON.stringify(team.error)).toBe(200);
  // A plan proposed to the patient, with a comment the team shares and one it keeps to itself.
  const created = await trpc<{ planId: string }>(page.request, 'plans.create', {
    patientId: patient.patientId,
    reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: londonToday(), maxCutPercent: 50,
    },
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const planId = created.data?.planId ?? '';
  expect((await trpc(page.request, 'plans.propose', { patientId: patient.patientId, planId, expectedVersion: 1, reason: 'Please review' })).status).toBe(200);
  const PLAN_SHARED = 'Have a look at the steps: each one lasts two weeks.';
  const TEAM_COMMENT = `Team only ${crypto.randomUUID()}: check the liver tests first.`;
  for (const [body, visibility] of [[PLAN_SHARED, 'shared'], [TEAM_COMMENT, 'team']] as const) {
    const comment = await trpc(page.request, 'plans.comment', { patientId: patient.patientId, planId, version: 2, body, visibility });
    expect(comment.status, JSON.stringify(comment.error)).toBe(200);
  }

  // The patient, on a phone, writes to the team from the one Messages page.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'connie-password-1');
  await onPhone.goto('/patient/notes');
  await expect(onPhone.getByRole('heading', { level: 1, name: C.title })).toBeVisible();
  // The team's shared plan comment is in the one thread, marked as a comment on the plan with its version.
  const planComment = onPhone.getByRole('region', { name: C.threadTitle }).getByRole('article').filter({ hasText: PLAN_SHARED });
  await expect(planComment.getByText(C.fromPlanPage, { exact: true })).toBeVisible();
  await expect(planComment.getByRole('link', { name: C.planVersion.replace('{version}', '2') })).toHaveAttribute('href', '/patient/plan');
  expect(await onPhone.content()).not.toContain(TEAM_COMMENT);
  await expectAccessible(onPhone);
  const QUESTION = 'Since the last step my calves are tight at night. Should I stretch before bed?';
  await onPhone.getByLabel(N.form.body, { exact: true }).fill(QUESTION);
  await onPhone.getByRole('button', { name: N.form.submit }).click();
  await expect(onPhone.getByRole('status').filter({ hasText: N.form.saved })).toBeVisible();
  await expect(onPhone.getByRole('article').filter({ hasText: QUESTION })).toBeVisible();
  expect(await onPhone.content()).not.toContain(TEAM_TEXT);
  expect(await onPhone.content()).not.toContain(TEAM_COMMENT);
  await expectAccessible(onPhone);
  await shot(onPhone, 'patient-messages-390');

  // The Reviews page points to the Messages page.
  await onPhone.goto('/patient/reviews');
  await expectAccessible(onPhone);
  await onPhone.getByRole('main').getByRole('link', { name: C.navLabel, exact: true }).click();
  await expect(onPhone).toHaveURL(/\/patient\/notes$/);

  // The clinician's triage list shows the unread message on the patient's row.
  await page.goto('/clinician');
  const row = page.getByRole('row').filter({ hasText: name });
  const unread = row.getByRole('link', { name: C.unreadMessage });
  await expect(unread).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'triage-1280');

  // The record's navigation says so too, on every page of the record.
  await page.goto(`/clinician/patients/${patient.patientId}`);
  const recordNav = page.getByRole('navigation', { name: m.Common.nav.recordSections });
  await expect(recordNav.getByRole('link', { name: `${C.navLabel} ${C.unreadMessage}` })).toBeVisible();
  await expectAccessible(page);

  // Opening the conversation reads it for the team.
  await page.goto('/clinician');
  await page.getByRole('row').filter({ hasText: name }).getByRole('link', { name: C.unreadMessage }).click();
  await expect(page).toHaveURL(new RegExp(`/clinician/patients/${patient.patientId}/notes$`));
  await expect(page.getByRole('heading', { level: 1, name: C.title })).toBeVisible();
  const thread = page.getByRole('region', { name: C.threadTitle });
  await expect(thread.getByRole('article').filter({ hasText: QUESTION }).getByText(N.shared, { exact: true })).toBeVisible();
  await expect(thread.getByRole('article').filter({ hasText: TEAM_TEXT }).getByText(N.team, { exact: true })).toBeVisible();
  await expect(thread.getByRole('article').filter({ hasText: TEAM_COMMENT }).getByText(C.fromPlanPage, { exact: true })).toBeVisible();
  await expect(page.getByText(/^Last read for the team by you/)).toBeVisible();
  await expect(recordNav.getByRole('link', { name: C.navLabel, exact: true })).toBeVisible();
  const composer = page.getByRole('region', { name: C.composerTitle });
  // Care team only unless the writer chooses otherwise, as before.
  await expect(composer.getByRole('radio', { name: new RegExp(`^${N.form.visibilityTeam}`) })).toBeChecked();
  await expectAccessible(page);

  // A shared reply: it does not make the conversation unread again.
  const REPLY = 'Yes: gentle calf stretches before bed are fine. Tell us at your check-in how the nights go.';
  await composer.getByRole('radio', { name: new RegExp(`^${N.form.visibilityShared}`) }).check();
  await composer.getByLabel(N.form.body, { exact: true }).fill(REPLY);
  await composer.getByRole('button', { name: N.form.submit }).click();
  await expect(thread.getByRole('article').filter({ hasText: REPLY }).getByText(N.shared, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'clinician-conversation-1280');

  await page.goto('/clinician');
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name }).getByRole('link', { name: C.unreadMessage })).toHaveCount(0);

  // The patient's home shows the team's latest shared reply, and nothing team-only.
  await onPhone.goto('/patient');
  const fromTeam = onPhone.getByRole('region', { name: m.CheckIn.home.fromTeamTitle });
  await expect(fromTeam.getByText(REPLY)).toBeVisible();
  // The newest first: the reply, then the team's shared comment on the plan.
  await expect(fromTeam.getByRole('listitem').first()).toContainText(REPLY);
  await expect(fromTeam.getByRole('listitem').nth(1)).toContainText(PLAN_SHARED);
  await expect(fromTeam.getByRole('link', { name: C.home.onPlan.replace('{version}', '2') })).toBeVisible();
  await expect(fromTeam.getByRole('listitem').first().getByText(staff.prescriber.name)).toBeVisible();
  expect(await onPhone.content()).not.toContain(TEAM_TEXT);
  await expect(fromTeam.getByRole('link', { name: C.home.allMessages })).toHaveAttribute('href', '/patient/notes');
  await expectAccessible(onPhone);
  await shot(onPhone, 'patient-home-390');
  await phone.close();
});
