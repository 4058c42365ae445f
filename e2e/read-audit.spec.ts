// The read audit end to end: a new patient first sees that nobody else has looked at their record; the
// prescriber opens it; the administrator finds that read in the viewer (filtered by patient and person) and
// downloads it as CSV; the patient, on a phone, sees the prescriber in "who looked at my record". Axe on
// every page; screenshots saved.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import readAuditMessages from '../messages/en/read-audit.json' with { type: 'json' };
import { acceptInvite, addPatientAs, expectAccessible, signIn, staff, STAFF_PASSWORD } from './fixtures';

const r = readAuditMessages.ReadAudit;
const SHOTS = 'test-results/screens';
const PASSWORD = 'read-audit-patient-password-1';

test('the prescriber’s read of a record shows in the administrator’s viewer and CSV, and in the patient’s own list', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  // Off the triage list first: it lists every patient of the prescriber's (a read of each, the new one
  // too once added, should the list refetch when the window regains focus).
  await page.goto('/account');
  const patient = await addPatientAs(page.request);
  const name = `Pat ${patient.email.slice(8, 16)}`;

  // The patient, on a phone: nobody else has looked yet.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, PASSWORD);
  await onPhone.goto('/account');
  const card = onPhone.getByRole('region', { name: r.mine.cardTitle });
  await expect(card).toBeVisible();
  await card.getByRole('link', { name: r.mine.link }).click();
  await expect(onPhone).toHaveURL(/\/patient\/who-looked$/);
  await expect(onPhone.getByRole('heading', { level: 1, name: r.mine.title })).toBeVisible();
  await expect(onPhone.getByText(r.mine.empty.replace('{days}', '90'))).toBeVisible();
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${SHOTS}/read-audit-patient-empty.png`, fullPage: true });

  // The prescriber opens the patient's plan.
  await page.goto(`/clinician/patients/${patient.patientId}/plan`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // The administrator finds that read, filtered by the patient and the prescriber.
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await adminContext.newPage();
  await signIn(admin, staff.admin.email, STAFF_PASSWORD);
  await admin.getByRole('link', { name: r.admin.nav }).click();
  await expect(admin).toHaveURL(/\/admin\/read-audit$/);
  await expectAccessible(admin);
  await admin.getByLabel(r.admin.patient, { exact: true }).selectOption({ label: name });
  await admin.getByLabel(r.admin.person, { exact: true }).selectOption({ label: `${staff.prescriber.name} (Clinician)` });
  await admin.getByRole('button', { name: r.admin.show }).click();
  await expect(admin).toHaveURL(new RegExp(`patient=${patient.patientId}`));
  // The URL holds ids and dates, never a name.
  expect(admin.url()).not.toContain(encodeURIComponent(name));
  const table = admin.getByRole('table', { name: r.admin.caption });
  const row = table.getByRole('row').filter({ hasText: '/clinician/patients/[id]/plan' });
  await expect(row.first()).toContainText(staff.prescriber.name);
  await expect(row.first()).toContainText(name);
  await expect(row.first()).toContainText(r.staffTopics.plan);
  await expectAccessible(admin);
  await admin.screenshot({ path: `${SHOTS}/read-audit-admin.png`, fullPage: true });

  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: r.admin.download }).click()]);
  expect(download.suggestedFilename()).toMatch(/^taperline-read-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(await readFile(await download.path()), { columns: true, bom: true }) as Record<string, string>[];
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((x) => x.patient_id === patient.patientId && x.reader_name === staff.prescriber.name)).toBe(true);
  expect(rows.map((x) => x.page)).toContain('/clinician/patients/[id]/plan');
  await adminContext.close();

  // The patient sees the prescriber, what they looked at, in plain words.
  await onPhone.reload();
  const reader = onPhone.getByRole('listitem').filter({ hasText: staff.prescriber.name });
  await expect(reader).toBeVisible();
  await expect(reader).toContainText(r.topics.plan);
  await expect(reader).toContainText('Prescriber');
  await expect(onPhone.getByText(r.mine.empty.replace('{days}', '90'))).toHaveCount(0);
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${SHOTS}/read-audit-patient.png`, fullPage: true });
  await phone.close();
});
