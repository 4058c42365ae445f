// Rough edges found by walking the app: what the patient's home says the team shared, the check-in's added
// doses by keyboard, a clinician's form without a connection, the time zone of alert times, and the size of
// every target on the patient's pages at 390 px.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import commonEs from '../messages/es/common.json' with { type: 'json' };
import conversationMessages from '../messages/en/conversation.json' with { type: 'json' };
import notesMessages from '../messages/en/notes.json' with { type: 'json' };
import notesEs from '../messages/es/notes.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc, uniqueEmail } from './fixtures';

const { Conversation: C } = conversationMessages;
const { Notes: N } = notesMessages;
const SHOTS = '/work/wt/shots/rough-edges';
mkdirSync(SHOTS, { recursive: true });
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

const quietScores = { spasticity: 4, spasmFrequency: 1, sleepQuality: 6, restlessness: 2, anxiety: 2, mood: 6, pain: 2, headache: 0, nausea: 0, strengthMobility: 6 };

/** A patient's check-in through the API, as the patient (their own request context). */
async function checkInAs(request: APIRequestContext, patientId: string, redFlags: string[] = []) {
  const result = await trpc(request, 'checkins.submit', {
    patientId, idempotencyKey: randomUUID(), localDate: londonToday(), doses: [], scores: quietScores, sleepHours: 7, redFlags,
    stressors: '', activity: '', systolic: null, diastolic: null, heartRate: null, phq2: null, gad2: null, notes: '',
  });
  expect(result.status, JSON.stringify(result.error)).toBe(200);
}

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

/** A clinician of their own, invited by the administrator (so a language or a time zone can be theirs alone). */
async function newClinician(page: Page, browser: Browser, timeZone: string) {
  await signIn(page, staff.admin.email, STAFF_PASSWORD);
  const email = uniqueEmail('edges');
  const invited = await trpc<{ inviteLink: string }>(page.request, 'admin.createStaff', {
    name: 'Dr Ines Edges', email, timeZone, role: 'clinician', profession: 'physician', mayPrescribe: true,
  });
  expect(invited.status, JSON.stringify(invited.error)).toBe(200);
  const context = await browser.newContext();
  const doctor = await context.newPage();
  await acceptInvite(doctor, invited.data?.inviteLink ?? '', 'edges-clinic-password-1');
  return { context, doctor };
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

test('a clinician’s form without a connection says so in plain words, in English and in Spanish, and saves nothing', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { context, doctor } = await newClinician(page, browser, 'Europe/Madrid');
  const patient = await addPatientAs(doctor.request, { name: `Olive ${randomUUID().slice(0, 6)}` });
  const TEXT = `Offline ${randomUUID()}: phoned about the restless nights.`;

  async function submitOffline(words: { body: string; submit: string; unreachable: string }) {
    await doctor.goto(`/clinician/patients/${patient.patientId}/notes`);
    const main = doctor.getByRole('main');
    await main.getByLabel(words.body, { exact: true }).fill(TEXT);
    await context.setOffline(true);
    // At once: not held as "Saving…" until the connection returns.
    await main.getByRole('button', { name: words.submit }).click();
    await expect(doctor.getByRole('alert').filter({ hasText: words.unreachable })).toBeVisible();
    await expect(main.getByRole('button', { name: words.submit })).toBeEnabled();
    expect(await main.innerText()).not.toContain('Failed to fetch');
    await context.setOffline(false);
  }
  await submitOffline({ body: N.form.body, submit: N.form.submit, unreachable: m.Common.unreachable });
  await expectAccessible(doctor);
  await shot(doctor, 'offline-form-en');

  expect((await trpc(doctor.request, 'account.setLocale', { locale: 'es' })).status).toBe(200);
  await submitOffline({ body: notesEs.Notes.form.body, submit: notesEs.Notes.form.submit, unreachable: commonEs.Common.unreachable });
  await expect(doctor.locator('html')).toHaveAttribute('lang', 'es');
  await shot(doctor, 'offline-form-es');

  // Nothing reached the server.
  const thread = await trpc<{ body: string }[]>(doctor.request, 'conversation.list', { patientId: patient.patientId }, 'query');
  expect(thread.data?.map((n) => n.body)).not.toContain(TEXT);
  await context.close();
});

test('alert times say their time zone on the patient’s record and in the notifications', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { context, doctor } = await newClinician(page, browser, 'Europe/Madrid');
  const patient = await addPatientAs(doctor.request, { name: `Zoe ${randomUUID().slice(0, 6)}` });
  const phone = await browser.newContext(PHONE);
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'zoe-password-1');
  await checkInAs(onPhone.request, patient.patientId, ['confusion']);
  await phone.close();

  // The zone's short name as this locale writes it for Madrid now ("GMT+1" in winter, "GMT+2" in summer).
  const zoneName = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Madrid', timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? '';
  expect(zoneName).not.toBe('');
  const zone = zoneName.replace('+', '\\+');
  await doctor.goto(`/clinician/patients/${patient.patientId}`);
  const alertsCard = doctor.getByRole('region', { name: m.Alerts.title });
  await expect(alertsCard.getByText(new RegExp(`^Raised \\w{3} \\d+, \\d{4}, .+ ${zone}$`))).toBeVisible();
  await expectAccessible(doctor);
  await shot(doctor, 'alert-time-zone');

  await doctor.goto('/clinician/notifications');
  await expect(doctor.getByRole('main').getByText(new RegExp(`^\\w{3} \\d+, \\d{4}, .+ ${zone}$`)).first()).toBeVisible();
  await context.close();
});

/**
 * Every visible control of the page that is smaller than 44 px high (or, with no text of its own, 44 px wide):
 * links, buttons, fields, menus and summaries; a checkbox or radio by its label, which is what a finger taps.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    const found: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link]');
    for (const control of controls) {
      let target: HTMLElement = control;
      if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) {
        target = control.labels?.[0] ?? control.closest('label') ?? control;
      }
      if (!target.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = target.getBoundingClientRect();
      // Screen-reader-only text (the skip link until it has the focus) is a 1 px box, not a target.
      if (box.width <= 1 || box.height <= 1) continue;
      const iconOnly = !(control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement) && target.innerText.trim() === '';
      if (box.height < 43.5 || (iconOnly && box.width < 43.5)) {
        const name = (control.getAttribute('aria-label') ?? target.innerText ?? control.getAttribute('name') ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
        found.push(`${control.tagName.toLowerCase()}${control.getAttribute('type') ? `[${control.getAttribute('type')}]` : ''} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return found;
  });
}

test('every target on the patient’s pages is at least 44 px at 390 px wide', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { name: `Tara ${randomUUID().slice(0, 6)}` });
  // A running plan, a goal, a shared note, a team review: every page has what it shows.
  const created = await trpc<{ planId: string }>(page.request, 'plans.create', {
    patientId: patient.patientId,
    reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 5, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: londonToday(), maxCutPercent: 50,
    },
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const ref = { patientId: patient.patientId, planId: created.data?.planId ?? '' };
  expect((await trpc(page.request, 'plans.propose', { ...ref, expectedVersion: 1, reason: '' })).status).toBe(200);
  const goal = await trpc(page.request, 'goals.create', {
    patientId: patient.patientId, title: 'Walk to the corner shop', measure: 'Minutes walked a day', target: '20 minutes a day', targetValue: 20, targetUnit: 'minutes', dueOn: null,
  });
  expect(goal.status, JSON.stringify(goal.error)).toBe(200);
  expect((await trpc(page.request, 'notes.create', { patientId: patient.patientId, body: 'Welcome: write to us here.', visibility: 'shared' })).status).toBe(200);
  await finalisedTeamReview(page.request, patient.patientId, 'Carry on as planned.');

  const phone = await browser.newContext(PHONE);
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'tara-password-1');
  expect((await trpc(onPhone.request, 'plans.agree', { ...ref, expectedVersion: 2, reason: '' })).status).toBe(200);
  expect((await trpc(page.request, 'plans.activate', { ...ref, expectedVersion: 3, reason: '' })).status).toBe(200);
  await checkInAs(onPhone.request, patient.patientId);
  // The team opens the record, so "who looked" has a line.
  await page.goto(`/clinician/patients/${patient.patientId}`);

  const pages = ['/patient', '/patient/check-in', '/patient/plan', '/patient/plan/print', '/patient/trends', '/patient/notes', '/patient/goals', '/patient/reviews', '/patient/who-looked', '/offline/check-in', '/account'];
  const problems: Record<string, string[]> = {};
  for (const path of pages) {
    await onPhone.goto(path);
    await onPhone.waitForLoadState('networkidle');
    const small = await smallTargets(onPhone);
    if (small.length) problems[path] = small;
    await shot(onPhone, `targets${path.replaceAll('/', '-')}-390`);
  }
  expect(problems).toEqual({});
  await phone.close();
});
