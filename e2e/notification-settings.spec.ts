// Notification settings on the account page: a patient on a phone sets a reminder time and quiet hours and
// sees them saved (the times on their own clock, a field error for quiet hours that start and end together);
// their home page says their doses change tomorrow; a clinician chooses a daily summary.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const n = m.NotifySettings;
const shots = '/work/wt/shots';
mkdirSync(shots, { recursive: true });
const PASSWORD = 'remind-patient-password-1';

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('a patient sets a reminder time and quiet hours and sees them saved; a clinician chooses a daily summary', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  // UTC, so "tomorrow" for the patient is tomorrow's UTC date: the plan's first step starts then.
  const patient = await addPatientAs(page.request, { timeZone: 'UTC' });
  const created = await trpc<{ planId: string; version: number }>(page.request, 'plans.create', {
    patientId: patient.patientId,
    reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 5, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: isoDaysFromToday(1), maxCutPercent: 50,
    },
  });
  expect(created.status, JSON.stringify(created.error)).toBe(200);
  const planId = created.data?.planId ?? '';
  const ref = { patientId: patient.patientId, planId };
  expect((await trpc(page.request, 'plans.propose', { ...ref, expectedVersion: 1, reason: '' })).status).toBe(200);

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, PASSWORD);
  expect((await trpc(onPhone.request, 'plans.agree', { ...ref, expectedVersion: 2, reason: '' })).status).toBe(200);
  expect((await trpc(page.request, 'plans.activate', { ...ref, expectedVersion: 3, reason: '' })).status).toBe(200);

  // Home: tomorrow's doses, in the app only.
  await onPhone.goto('/patient');
  const card = onPhone.getByRole('region', { name: n.doseChange.title });
  await expect(card).toBeVisible();
  await expect(card.getByText('25 mg a day in total.')).toBeVisible();
  await expect(card.getByText('08:00')).toBeVisible();
  await expectAccessible(onPhone);
  await card.scrollIntoViewIfNeeded();
  await onPhone.screenshot({ path: `${shots}/remind-patient-home.png` });

  // The account page: the defaults, on the patient's clock.
  await onPhone.goto('/account');
  const section = onPhone.getByRole('region', { name: n.title });
  await expect(section.getByText(n.timeZone.replace('{zone}', 'UTC'))).toBeVisible();
  await expect(section.getByLabel(n.patient.reminder)).toBeChecked();
  await expect(section.getByLabel(n.patient.reminderTime)).toHaveValue('19:00');
  await expect(section.getByLabel(n.patient.doseChange)).toBeChecked();
  await expect(section.getByLabel(n.quiet.enable)).not.toBeChecked();
  await expectAccessible(onPhone);

  // Quiet hours that start and end together: the error is on the field, nothing is saved.
  await section.getByLabel(n.patient.reminderTime).fill('20:30');
  await section.getByLabel(n.quiet.enable).check();
  await section.getByLabel(n.quiet.start).fill('21:30');
  await section.getByLabel(n.quiet.end).fill('21:30');
  await section.getByRole('button', { name: n.save }).click();
  await expect(section.getByText('The quiet hours must end at a different time than they start.')).toBeVisible();
  await expect(section.getByLabel(n.quiet.end)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(onPhone);

  // A reminder inside the quiet hours is pointed out before saving.
  await section.getByLabel(n.quiet.end).fill('07:15');
  await section.getByLabel(n.patient.reminderTime).fill('22:00');
  await expect(section.getByText(n.patient.inQuiet)).toBeVisible();
  await section.getByLabel(n.patient.reminderTime).fill('20:30');
  await expect(section.getByText(n.patient.inQuiet)).toHaveCount(0);

  await section.getByLabel(n.channels.push).uncheck();
  await section.getByRole('button', { name: n.save }).click();
  await expect(section.getByRole('status')).toHaveText(n.saved);
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${shots}/remind-patient-account.png`, fullPage: true });

  // Saved: a fresh load shows them.
  await onPhone.reload();
  const again = onPhone.getByRole('region', { name: n.title });
  await expect(again.getByLabel(n.patient.reminderTime)).toHaveValue('20:30');
  await expect(again.getByLabel(n.quiet.enable)).toBeChecked();
  await expect(again.getByLabel(n.quiet.start)).toHaveValue('21:30');
  await expect(again.getByLabel(n.quiet.end)).toHaveValue('07:15');
  await expect(again.getByLabel(n.channels.push)).not.toBeChecked();
  await expect(again.getByLabel(n.channels.email)).toBeChecked();
  // Clinicians' settings are not offered to a patient.
  await expect(again.getByText(n.clinician.digest)).toHaveCount(0);
  const saved = await trpc<{ settings: Record<string, unknown> }>(onPhone.request, 'notificationSettings.get', undefined, 'query');
  expect(saved.data?.settings).toMatchObject({ reminderTime: '20:30', quietStart: '21:30', quietEnd: '07:15', pushEnabled: false, emailEnabled: true });
  await phone.close();

  // The clinician, on a desktop: urgent alerts explained, a daily summary at a time of their choosing.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/account');
  const mine = page.getByRole('region', { name: n.title });
  await expect(mine.getByText(n.clinician.urgentHint)).toBeVisible();
  await expect(mine.getByLabel(n.patient.reminder)).toHaveCount(0);
  await mine.getByLabel(n.clinician.digestDaily).check();
  await mine.getByLabel(n.clinician.digestTime).fill('06:45');
  await mine.getByRole('button', { name: n.save }).click();
  await expect(mine.getByRole('status')).toHaveText(n.saved);
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/remind-clinician-account.png`, fullPage: true });
  await page.reload();
  await expect(page.getByRole('region', { name: n.title }).getByLabel(n.clinician.digestTime)).toHaveValue('06:45');
  // Put back, so other specs find the prescriber's defaults.
  expect((await trpc(page.request, 'notificationSettings.update', { digest: 'none' })).status).toBe(200);
});
