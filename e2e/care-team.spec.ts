// Care teams and access in the browser: a colleague added to the team can read the record (not edit),
// a clinician off the team and another patient get 403, and the API refuses them too.
import { expect, test } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD, trpc } from './fixtures';

test('the prescriber adds the physiotherapist read-only; outsiders and other patients are refused', async ({ page, browser }) => {
  await signIn(page, staff.prescriber.email, STAFF_PASSWORD);
  const patient = await addPatientAs(page.request, { renalFunction: 'moderate' });
  const other = await addPatientAs(page.request);

  await page.goto(`/clinician/patients/${patient.patientId}`);
  await expect(page.getByText(m.PatientRecord.renal.body)).toBeVisible();
  await expectAccessible(page);

  // Add the physiotherapist, without plan rights.
  const team = page.getByRole('region', { name: m.PatientRecord.team.title });
  await team.getByLabel(m.PatientRecord.team.colleague, { exact: true }).selectOption({ label: `${staff.physio.name} (${staff.physio.email})` });
  // Their discipline is not chosen: it comes from their account, and the form says what it is.
  await expect(team.getByLabel(m.PatientRecord.team.discipline, { exact: true })).toHaveCount(0);
  await expect(team.getByText(m.PatientRecord.team.joinsAs.replace('{name}', staff.physio.name).replace('{discipline}', m.Common.disciplines.physiotherapist))).toBeVisible();
  await team.getByRole('button', { name: m.PatientRecord.team.addSubmit }).click();
  await expect(team.getByRole('cell', { name: staff.physio.name })).toBeVisible();
  await expect(team.getByRole('row', { name: new RegExp(staff.physio.name) }).getByRole('cell', { name: m.Common.disciplines.physiotherapist })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/patient-record.png', fullPage: true });

  // The physiotherapist reads the record but is told they cannot edit it.
  const physioContext = await browser.newContext();
  const physio = await physioContext.newPage();
  await signIn(physio, staff.physio.email, STAFF_PASSWORD);
  await physio.goto(`/clinician/patients/${patient.patientId}`);
  await expect(physio.getByText(m.PatientRecord.readOnly.title)).toBeVisible();
  await expect(physio.getByRole('button', { name: m.PatientRecord.profile.edit })).toHaveCount(0);
  await expectAccessible(physio);
  const edit = await trpc(physio.request, 'patients.updateProfile', {
    patientId: patient.patientId, dateOfBirth: null, conditions: 'changed', renalFunction: 'normal', hasIntrathecalPump: false, timeZone: 'UTC',
  });
  expect(edit.status).toBe(403);
  // Not on the other patient's team: 403 page and refused API call.
  const refused = await physio.goto(`/clinician/patients/${other.patientId}`);
  expect(refused?.status()).toBe(403);
  await physioContext.close();

  // A clinician on no care team.
  const outsiderContext = await browser.newContext();
  const outsider = await outsiderContext.newPage();
  await signIn(outsider, staff.outsider.email, STAFF_PASSWORD);
  const page403 = await outsider.goto(`/clinician/patients/${patient.patientId}`);
  expect(page403?.status()).toBe(403);
  await expect(outsider.getByText(patient.email)).toHaveCount(0);
  const api = await trpc(outsider.request, 'patients.get', { patientId: patient.patientId }, 'query');
  expect(api.status).toBe(403);
  expect(JSON.stringify(api)).not.toContain(patient.email);
  await outsiderContext.close();

  // Another patient, signed in, cannot read this one.
  const otherContext = await browser.newContext();
  const otherPatient = await otherContext.newPage();
  await acceptInvite(otherPatient, other.inviteLink, 'other-patient-password');
  const asOther = await trpc(otherPatient.request, 'patients.get', { patientId: patient.patientId }, 'query');
  expect(asOther.status).toBe(403);
  expect(JSON.stringify(asOther)).not.toContain(patient.email);
  const clinicianPage = await otherPatient.goto(`/clinician/patients/${patient.patientId}`);
  expect(clinicianPage?.status()).toBe(403);
  await otherContext.close();
});
