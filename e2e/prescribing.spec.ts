// Prescribing rights in the browser: the administrator records a clinician's profession and whether they
// may prescribe; a physiotherapist adds a patient and drafts a plan but is offered no way to propose or
// start it (the page says a prescriber must); once the prescriber is on the team, they propose it.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc, uniqueEmail } from './fixtures';

function isoToday(): string {
  return new Date().toISOString().slice(0, 10);
}

const fill = (text: string, values: Record<string, string>) => Object.entries(values).reduce((s, [k, v]) => s.replace(`{${k}}`, v), text);

async function staffRow(page: Page, name: string) {
  return page.getByRole('row', { name: new RegExp(name) });
}

test('the administrator sets a new clinician’s profession and prescribing right', async ({ page }) => {
  await signIn(page, staff.admin.email, STAFF_PASSWORD);
  await page.goto('/admin');
  // The shared accounts as the e2e server made them: who may prescribe is on the table.
  await expect((await staffRow(page, staff.prescriber.name)).getByRole('cell', { name: m.Common.professions.physician, exact: true })).toBeVisible();
  await expect((await staffRow(page, staff.physio.name)).getByRole('cell', { name: m.Common.professions.physiotherapist, exact: true })).toBeVisible();
  await expect((await staffRow(page, staff.physio.name)).getByRole('cell', { name: m.Admin.staff.mayPrescribeNo, exact: true })).toBeVisible();

  // A new clinician: the form asks the profession, and whether they may prescribe.
  const name = `Nadia Nurse ${Date.now() % 100000}`;
  // The page has other forms too (the clinic's contacts): this one is the new staff member's.
  const form = page.getByRole('region', { name: m.Admin.create.title });
  await form.getByLabel(m.Admin.create.name).fill(name);
  await form.getByLabel(m.Admin.create.email, { exact: true }).fill(uniqueEmail('nadia'));
  await form.getByRole('button', { name: m.Admin.create.submit }).click();
  await expect(page.getByText(m.Admin.create.errorTitle)).toBeVisible();
  await expect(page.getByText('Choose the clinician’s profession.').first()).toBeVisible();
  await form.getByLabel(m.Admin.create.profession).selectOption({ label: m.Common.professions['nurse-practitioner'] });
  await form.getByRole('button', { name: m.Admin.create.submit }).click();
  await expect(page.getByText(fill(m.Admin.create.created, { name }))).toBeVisible();
  const row = await staffRow(page, name);
  await expect(row.getByRole('cell', { name: m.Common.professions['nurse-practitioner'], exact: true })).toBeVisible();
  await expectAccessible(page);

  // Later the administrator grants the right to prescribe.
  await row.getByRole('button', { name: `${m.Admin.staff.changeRights} ${name}` }).click();
  await page.getByRole('group', { name: fill(m.Admin.staff.rightsLegend, { name }) }).getByLabel(m.Admin.create.mayPrescribe).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: m.Common.save, exact: true }).click();
  await expect(page.getByText(fill(m.Admin.staff.rightsSaved, { name }))).toBeVisible();
  await expect((await staffRow(page, name)).getByRole('cell', { name: m.Admin.staff.mayPrescribeYes, exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/admin-staff.png', fullPage: true });
});

test('a physiotherapist drafts a plan but cannot propose or start it; the prescriber, once on the team, proposes it', async ({ page, browser }) => {
  // The physiotherapist adds a patient: they join the team as a physiotherapist, from their account.
  await signIn(page, staff.physio.email, STAFF_PASSWORD);
  await expect(page.getByText(fill(m.Clinician.add.myDiscipline, { discipline: m.Common.disciplines.physiotherapist }), { exact: false })).toBeVisible();
  const patientName = `Rory Rx ${Date.now() % 100000}`;
  await page.getByLabel(m.Clinician.add.name).fill(patientName);
  await page.getByLabel(m.Clinician.add.email, { exact: true }).fill(uniqueEmail('rory'));
  await page.getByLabel(m.Clinician.add.timeZone).selectOption('Europe/London');
  await page.getByRole('button', { name: m.Clinician.add.submit }).click();
  await expect(page.getByLabel(m.InviteLink.label)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: fill(m.Clinician.add.openRecord, { name: patientName }) }).click();
  await page.waitForURL(/\/clinician\/patients\/[0-9a-f-]{36}$/);
  const patientId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const team = page.getByRole('region', { name: m.PatientRecord.team.title });
  await expect(team.getByRole('cell', { name: m.Common.disciplines.physiotherapist, exact: true })).toBeVisible();

  // The plan page says the team has no prescriber, and that a prescriber must propose and start the plan.
  await page.goto(`/clinician/patients/${patientId}/plan`);
  await expect(page.getByText(m.Plan.noPrescriber.title)).toBeVisible();
  await expect(page.getByText(m.Plan.prescriberMust.title)).toBeVisible();
  await page.getByLabel(m.Taper.form.currentDailyMg).fill('30');
  await page.getByLabel(m.Taper.form.startDate).fill(isoToday());
  await page.getByRole('button', { name: m.Plan.create }).click();
  await expect(page.getByText(m.Plan.status.draft).first()).toBeVisible();
  // A draft, and no action to propose or start it: no adjustment form at all for a draft.
  await expect(page.getByLabel(m.Plan.chooseAdjustment)).toHaveCount(0);
  await expect(page.getByRole('button', { name: m.Plan.propose })).toHaveCount(0);
  const history = page.getByRole('region', { name: m.Plan.history });
  await expect(history.getByText(fill(m.Plan.awaitsSignOff, { author: staff.physio.name }))).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/plan-physio-draft.png', fullPage: true });

  // The API refuses it too, saying why.
  const view = await trpc<{ plan: { id: string; version: number } }>(page.request, 'plans.get', { patientId }, 'query');
  const planId = view.data?.plan.id ?? '';
  const refused = await trpc(page.request, 'plans.propose', { patientId, planId, expectedVersion: 1, reason: '' });
  expect(refused.status).toBe(403);
  expect(refused.error?.message).toMatch(/^Only a prescriber on this care team can/);

  // The physiotherapist adds the prescriber, with plan editing: the form shows they join as a prescriber.
  await page.goto(`/clinician/patients/${patientId}`);
  await team.getByLabel(m.PatientRecord.team.colleague, { exact: true }).selectOption({ label: `${staff.prescriber.name} (${staff.prescriber.email})` });
  await expect(team.getByText(fill(m.PatientRecord.team.joinsAs, { name: staff.prescriber.name, discipline: m.Common.disciplines.prescriber }))).toBeVisible();
  await team.getByLabel(m.PatientRecord.team.mayEditLabel).check();
  await team.getByRole('button', { name: m.PatientRecord.team.addSubmit }).click();
  await expect(team.getByRole('cell', { name: m.Common.disciplines.prescriber, exact: true })).toBeVisible();
  await expectAccessible(page);

  // The physiotherapist's plan page no longer says the team lacks a prescriber; they still may not propose.
  await page.goto(`/clinician/patients/${patientId}/plan`);
  await expect(page.getByText(m.Plan.prescriberMust.title)).toBeVisible();
  await expect(page.getByText(m.Plan.noPrescriber.title)).toHaveCount(0);

  // The prescriber proposes the physiotherapist's draft, signing it off.
  const rxContext = await browser.newContext();
  const rx = await rxContext.newPage();
  await signIn(rx, staff.prescriber.email, STAFF_PASSWORD);
  await rx.goto(`/clinician/patients/${patientId}/plan`);
  await expect(rx.getByText(m.Plan.prescriberMust.title)).toHaveCount(0);
  await rx.getByLabel(m.Plan.chooseAdjustment).selectOption({ label: m.Plan.propose });
  // 10 mg scored tablets make the last cuts bigger than the 25% cap: only the prescriber can accept them, with a reason.
  await rx.getByLabel(m.Plan.aboveCapReason).fill('Tablets only at this pharmacy; reviewed with the patient in clinic');
  await rx.getByRole('button', { name: m.Plan.propose, exact: true }).click();
  await expect(rx.getByText(m.Plan.status.proposed).first()).toBeVisible();
  const rxHistory = rx.getByRole('region', { name: m.Plan.history });
  await expect(rxHistory.getByText(fill(m.Plan.signedOffBy, { name: staff.prescriber.name })).first()).toBeVisible();
  await expect(rxHistory.getByText(fill(m.Plan.awaitsSignOff, { author: staff.physio.name }))).toBeVisible();
  await expectAccessible(rx);
  await rxContext.close();
});
