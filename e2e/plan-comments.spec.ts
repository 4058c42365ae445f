// Plan comments carry who may read them: on a draft, the team's talk is care team only by default and never
// reaches the patient, not even once the plan is proposed to them; a comment the team shares does.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

test('a team-only comment on a draft never reaches the patient; a shared one does, once the plan is proposed', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const SECRET = `Team only ${randomUUID().slice(0, 8)}: check her liver tests before the second cut`;
  const SHARED = 'We will start once you have had a look and agreed.';
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request);
  const created = await trpc<{ planId: string; version: number }>(page.request, 'plans.create', {
    patientId: patient.patientId,
    reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: londonToday(), maxCutPercent: 50,
    },
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const planId = created.data?.planId ?? '';

  // On the draft, the comment form starts at "Care team only".
  await page.goto(`/clinician/patients/${patient.patientId}/plan`);
  const comments = page.getByRole('region', { name: m.Plan.comments });
  await expect(comments.getByRole('radio', { name: new RegExp(m.Plan.commentTeamChoice) })).toBeChecked();
  await comments.getByLabel(m.Plan.commentLabel).fill(SECRET);
  await comments.getByRole('button', { name: m.Plan.commentSend }).click();
  const secretItem = comments.getByRole('listitem').filter({ hasText: SECRET });
  await expect(secretItem.getByText(m.Plan.commentTeam)).toBeVisible();
  // A comment the prescriber chooses to share.
  await comments.getByLabel(m.Plan.commentLabel).fill(SHARED);
  await comments.getByRole('radio', { name: new RegExp(m.Plan.commentSharedChoice) }).check();
  await comments.getByRole('button', { name: m.Plan.commentSend }).click();
  await expect(comments.getByRole('listitem').filter({ hasText: SHARED }).getByText(m.Plan.commentShared)).toBeVisible();
  await expect(comments.getByRole('radio', { name: new RegExp(m.Plan.commentTeamChoice) })).toBeChecked();
  await expectAccessible(page);
  await comments.screenshot({ path: 'test-results/screens/plan-comments-draft.png' });

  expect((await trpc(page.request, 'plans.propose', { patientId: patient.patientId, planId, expectedVersion: 1, reason: 'Please review' })).status).toBe(200);

  // The patient, on a phone, reads the shared comment and nothing of the team's.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'comments-password-1');
  await onPhone.goto('/patient/plan');
  await expect(onPhone.getByText(SHARED)).toBeVisible();
  // The patient chooses nothing: their comments are always shared.
  await expect(onPhone.getByRole('radio')).toHaveCount(0);
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: 'test-results/screens/my-plan-comments-390.png', fullPage: true });
  for (const path of ['/patient/plan', '/patient', '/patient/plan/print', '/patient/notes']) {
    await onPhone.goto(path);
    expect([path, (await onPhone.content()).includes(SECRET)]).toEqual([path, false]);
  }
  const api = await trpc(onPhone.request, 'plans.get', { patientId: patient.patientId }, 'query');
  expect(api.status).toBe(200);
  expect(JSON.stringify(api.data)).toContain(SHARED);
  expect(JSON.stringify(api.data)).not.toContain(SECRET);
  // And the patient cannot write a team-only comment.
  const teamOnly = await trpc(onPhone.request, 'plans.comment', { patientId: patient.patientId, planId, version: 2, body: 'Only for them', visibility: 'team' });
  expect(teamOnly.status).toBe(403);
  await phone.close();

  // The team still sees both, each with its badge.
  await page.reload();
  await expect(comments.getByRole('listitem').filter({ hasText: SECRET }).getByText(m.Plan.commentTeam)).toBeVisible();
});
