// Supports alongside the taper: a clinician adds physiotherapy and a rescue medication with its limits on the plan
// page (the limits are required and checked), stops one, sees a course past its limits flagged (its alert comes
// from the worker's alert sweep, every five minutes: server/alerts/sweep.test.ts); the patient reads them on a phone.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import adjuncts from '../messages/en/adjuncts.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

const a = adjuncts.Adjuncts;
const shots = '/tmp/shots-adjuncts';
mkdirSync(shots, { recursive: true });

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('a clinician adds physiotherapy and a rescue medication with limits; the patient sees them on a phone', async ({ page, browser }) => {
  // One journey over four pages and two browsers: about a minute on a quiet machine, so twice the default.
  test.setTimeout(120_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { timeZone: 'UTC' });
  const created = await trpc<{ planId: string; version: number }>(page.request, 'plans.create', {
    patientId: patient.patientId,
    reason: '',
    input: {
      currentDailyMg: 30, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: isoDaysFromToday(0), maxCutPercent: 50,
    },
  });
  expect(created.status).toBe(200);
  const planId = created.data?.planId ?? '';
  expect((await trpc(page.request, 'plans.propose', { patientId: patient.patientId, planId, expectedVersion: 1, reason: '' })).status).toBe(200);

  await page.goto(`/clinician/patients/${patient.patientId}/plan`);
  const section = page.getByRole('region', { name: a.title });
  await expect(section.getByText(a.empty)).toBeVisible();

  // Physiotherapy, with a note.
  await section.getByRole('button', { name: a.add }).click();
  await section.getByLabel(a.form.kind).selectOption({ label: a.kinds.physiotherapy });
  await section.getByLabel(a.form.notes).fill('Weekly sessions with Phil; home stretches daily');
  await section.getByRole('button', { name: a.form.submitAdd }).click();
  await expect(section.getByRole('status')).toHaveText(a.form.added);
  await expect(section.getByRole('heading', { name: a.kinds.physiotherapy })).toBeVisible();

  // Rescue medication: its limits appear, and submitting without them shows what is missing beside each field.
  await section.getByRole('button', { name: a.add }).click();
  await section.getByLabel(a.form.kind).selectOption({ label: a.kinds['rescue-medication'] });
  await expect(section.getByRole('group', { name: a.form.rescueLegend })).toBeVisible();
  await section.getByRole('button', { name: a.form.submitAdd }).click();
  await expect(section.getByText('Rescue medication needs a maximum number of days.')).toBeVisible();
  await expect(section.getByText('Name the medicine and its dose (for example “Diazepam 2 mg at night”).')).toBeVisible();
  await expect(section.getByText('Rescue medication needs a follow-up date.')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/clinician-rescue-errors.png`, fullPage: true });
  await section.screenshot({ path: `${shots}/clinician-rescue-errors-section.png` });

  await section.getByLabel(a.form.nameRescue).fill('Diazepam 2 mg at night');
  await section.getByLabel(a.form.maxDays).fill('40');
  await section.getByLabel(a.form.followUpOn).fill(isoDaysFromToday(6));
  await section.getByLabel(a.form.stopCriteria).fill('Stop when night spasms are 2 or less for two nights');
  await section.getByRole('button', { name: a.form.submitAdd }).click();
  await expect(section.getByText('Rescue medication is a short course: at most 30 days.')).toBeVisible();
  await section.getByLabel(a.form.maxDays).fill('5');
  await expect(section.getByText(/With this maximum, its last day is/)).toBeVisible();
  await section.getByRole('button', { name: a.form.submitAdd }).click();
  await expect(section.getByRole('status')).toHaveText(a.form.added);
  const rescueItem = section.getByRole('listitem').filter({ hasText: 'Diazepam 2 mg at night' });
  await expect(rescueItem.getByText('Day 1 of at most 5 days')).toBeVisible();
  await expect(rescueItem.getByText('Stop when night spasms are 2 or less for two nights')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/clinician-supports.png`, fullPage: true });
  await section.screenshot({ path: `${shots}/clinician-supports-section.png` });

  // A course already past its limits (started a week ago): highlighted on the plan, alerted to the team.
  const past = await trpc(page.request, 'adjuncts.add', {
    patientId: patient.patientId, planId, kind: 'rescue-medication', name: 'Tizanidine 2 mg', startedOn: isoDaysFromToday(-6), maxDays: 3,
    stopCriteria: 'Stop when spasms settle', followUpOn: isoDaysFromToday(-2),
  });
  expect(past.status, JSON.stringify(past.error)).toBe(200);
  await page.reload();
  const pastItem = section.getByRole('listitem').filter({ hasText: 'Tizanidine 2 mg' });
  await expect(pastItem.getByText(a.rescue.pastMaxDays)).toBeVisible();
  await expect(pastItem.getByText(a.rescue.pastFollowUp)).toBeVisible();
  await expect(pastItem.getByText('Day 7 of at most 3 days')).toBeVisible();

  // Stopping physiotherapy: it moves to the stopped history with its reason.
  await section.getByRole('button', { name: `${a.stop} ${a.kinds.physiotherapy}` }).click();
  await section.getByLabel(a.stopForm.reason).fill('Course of six sessions finished');
  await section.getByRole('button', { name: a.stopForm.submit }).click();
  await expect(section.getByRole('status')).toHaveText(a.stopForm.stopped);
  await section.getByText(`${a.history} (1)`).click();
  await expect(section.getByText('Why: Course of six sessions finished')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/clinician-supports-past-and-stopped.png`, fullPage: true });
  await section.screenshot({ path: `${shots}/clinician-supports-past-and-stopped-section.png` });

  // The patient, on a phone, reads the supports and the limits their team set.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const patientPage = await phone.newPage();
  await acceptInvite(patientPage, patient.inviteLink, 'adjuncts-patient-password');
  await patientPage.goto('/patient/plan');
  const mine = patientPage.getByRole('region', { name: a.patient.title });
  await expect(mine.getByRole('heading', { name: 'Rescue medication: Diazepam 2 mg at night' })).toBeVisible();
  await expect(mine.getByText(/Take it on at most 5 days, until/)).toBeVisible();
  await expect(mine.getByText('When to stop: Stop when night spasms are 2 or less for two nights')).toBeVisible();
  await expect(mine.getByText(a.patient.talk)).toBeVisible();
  await expect(mine.getByText(a.patient.pastLimits)).toBeVisible();
  await expectAccessible(patientPage);
  await mine.scrollIntoViewIfNeeded();
  await patientPage.screenshot({ path: `${shots}/patient-plan-390.png`, fullPage: true });
  await mine.screenshot({ path: `${shots}/patient-supports-390.png` });
  // Nothing to change here: the patient reads only.
  await expect(mine.getByRole('button')).toHaveCount(0);
  await phone.close();
});
