// The numbers a patient needs at the worst moment: an administrator sets the clinic phone and the crisis
// line; a patient's red-flag check-in then offers the care team's number to tap and, for thoughts of
// self-harm, the crisis line (beside the question too); a care-team number on the patient's record wins
// over the clinic's; with no number set, the patient is told plainly to call the emergency number.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { acceptInvite, addPatientAs, expectAccessible, m, signIn, staff, STAFF_PASSWORD } from './fixtures';

const SHOTS = '/work/wt/shots';
const c = m.Contacts;
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

async function setClinicContacts(page: Page, values: { clinicPhone: string; crisisLineName: string; crisisLinePhone: string; onCallEmail: string; minutes: string }) {
  await page.goto('/admin');
  const section = page.getByRole('region', { name: c.clinic.title });
  await section.getByLabel(c.clinic.clinicPhone).fill(values.clinicPhone);
  const onCall = section.getByRole('group', { name: c.clinic.onCallTitle });
  await onCall.getByLabel(c.clinic.onCallEmail).fill(values.onCallEmail);
  const crisis = section.getByRole('group', { name: c.clinic.crisisTitle });
  await crisis.getByLabel(c.clinic.crisisName).fill(values.crisisLineName);
  await crisis.getByLabel(c.clinic.crisisPhone).fill(values.crisisLinePhone);
  await section.getByLabel(c.clinic.escalationMinutes).fill(values.minutes);
  await section.getByRole('button', { name: c.clinic.save }).click();
  await expect(section.getByText(c.clinic.saved)).toBeVisible();
  return section;
}

/** A staff member signed in in a browser context of their own, on a 1280 px screen. */
async function staffPage(browser: Browser, who: keyof typeof staff) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, staff[who].email, STAFF_PASSWORD);
  return page;
}

/** A new patient of the prescriber's (signed in on `page`), signed in on a 390 px phone. */
async function patientOnPhone(page: Page, browser: Browser, name: string) {
  const patient = await addPatientAs(page.request, { name });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const onPhone = await phone.newPage();
  await acceptInvite(onPhone, patient.inviteLink, 'urgent-contacts-password-1');
  return { patient, phone, onPhone };
}

async function submitRedFlags(onPhone: Page, codes: (keyof typeof m.CheckIn.redFlags.codes)[]) {
  await onPhone.goto('/patient/check-in');
  for (const code of codes) await onPhone.getByLabel(m.CheckIn.redFlags.codes[code]).check();
  await onPhone.getByRole('button', { name: m.CheckIn.submit }).click();
  await expect(onPhone.getByRole('heading', { name: m.CheckIn.urgent.title })).toBeVisible();
}

test('with no number set, the urgent screen names the emergency number and offers no empty link', async ({ browser }) => {
  const admin = await staffPage(browser, 'admin');
  await setClinicContacts(admin, { clinicPhone: '', crisisLineName: '', crisisLinePhone: '', onCallEmail: '', minutes: '30' });
  await admin.reload();
  await expect(admin.getByRole('region', { name: c.clinic.title }).getByText(c.clinic.noOnCallEmail)).toBeVisible();
  await admin.context().close();

  const page = await staffPage(browser, 'prescriber');
  const { phone, onPhone } = await patientOnPhone(page, browser, 'Nadia Nonumber');
  await onPhone.goto('/patient/check-in');
  await expect(onPhone.getByText(fill(c.checkIn.crisisNone, { emergency: m.CheckIn.localNumber }))).toBeVisible();
  await submitRedFlags(onPhone, ['self-harm-thoughts']);
  await expect(onPhone.getByText(fill(c.urgent.careTeamNone, { emergency: m.CheckIn.localNumber }))).toBeVisible();
  await expect(onPhone.getByText(fill(c.urgent.crisisNone, { emergency: m.CheckIn.localNumber }))).toBeVisible();
  // Every tel: link on the screen dials something (the e2e server sets no emergency number, so there are none).
  for (const href of await onPhone.locator('a[href^="tel:"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/^tel:\+?\d{3,15}$/);
  }
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${SHOTS}/contact-urgent-no-numbers-390.png`, fullPage: true });
  await phone.close();
  await page.context().close();
});

test('the administrator sets the clinic phone and crisis line; a red-flag check-in offers both to tap', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await staffPage(browser, 'admin');
  await page.goto('/admin');
  const section = page.getByRole('region', { name: c.clinic.title });
  await expect(section.getByText(c.clinic.escalationLine)).toBeVisible();

  // Mistakes are named beside their fields, and nothing is saved.
  await section.getByLabel(c.clinic.clinicPhone).fill('ring reception');
  await section.getByLabel(c.clinic.escalationMinutes).fill('0');
  await section.getByRole('group', { name: c.clinic.crisisTitle }).getByLabel(c.clinic.crisisName).fill('Samaritans');
  await section.getByRole('button', { name: c.clinic.save }).click();
  await expect(section.getByText(/Use only digits and spaces/)).toBeVisible();
  await expect(section.getByText('Enter a whole number of minutes from 1 to 720 (12 hours).')).toBeVisible();
  await expect(section.getByLabel(c.clinic.clinicPhone)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await setClinicContacts(page, { clinicPhone: '+44 20 7946 0958', crisisLineName: 'Samaritans', crisisLinePhone: '116 123', onCallEmail: 'on-call@e2e.taperline.example', minutes: '20' });
  await page.reload();
  const saved = page.getByRole('region', { name: c.clinic.title });
  await expect(saved.getByLabel(c.clinic.clinicPhone)).toHaveValue('+44 20 7946 0958');
  await expect(saved.getByLabel(c.clinic.escalationMinutes)).toHaveValue('20');
  await expect(saved.getByText(c.clinic.noOnCallEmail)).toHaveCount(0);
  await expectAccessible(page);
  await saved.screenshot({ path: `${SHOTS}/contact-admin-1280.png` });
  await page.context().close();

  // The patient: the crisis line beside the self-harm question, before anything is sent.
  const prescriber = await staffPage(browser, 'prescriber');
  const { phone, onPhone } = await patientOnPhone(prescriber, browser, 'Sasha Selfharm');
  await prescriber.context().close();
  await onPhone.goto('/patient/check-in');
  const question = onPhone.getByLabel(m.CheckIn.redFlags.codes['self-harm-thoughts']);
  const inForm = onPhone.getByRole('link', { name: fill(c.checkIn.crisisCall, { name: 'Samaritans', number: '116 123' }) });
  await expect(inForm).toHaveAttribute('href', 'tel:116123');
  await expectAccessible(onPhone);
  await question.scrollIntoViewIfNeeded();
  await onPhone.getByRole('group', { name: m.CheckIn.redFlags.legend }).screenshot({ path: `${SHOTS}/contact-checkin-self-harm-390.png` });

  // The urgent screen: the care team's number (the clinic's here) to tap, the emergency guidance, and the crisis line.
  await submitRedFlags(onPhone, ['self-harm-thoughts']);
  const careTeam = onPhone.getByRole('link', { name: fill(c.urgent.careTeamCall, { number: '+44 20 7946 0958' }) });
  await expect(careTeam).toHaveAttribute('href', 'tel:+442079460958');
  await expect(onPhone.getByRole('heading', { name: c.urgent.crisisTitle })).toBeVisible();
  const crisis = onPhone.getByRole('link', { name: fill(c.urgent.crisisCall, { name: 'Samaritans', number: '116 123' }) });
  await expect(crisis).toHaveAttribute('href', 'tel:116123');
  await expect(onPhone.getByText(m.CheckIn.urgent.callLocal)).toBeVisible();
  // The big targets stay big on the phone.
  const box = await careTeam.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
  expect(box?.width ?? 0).toBeGreaterThan(300);
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${SHOTS}/contact-urgent-390.png`, fullPage: true });
  await phone.close();
});

test('a care-team number on the patient’s record wins over the clinic phone; no crisis card without the self-harm flag', async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await staffPage(browser, 'admin');
  await setClinicContacts(admin, { clinicPhone: '+44 20 7946 0958', crisisLineName: 'Samaritans', crisisLinePhone: '116 123', onCallEmail: 'on-call@e2e.taperline.example', minutes: '20' });
  await admin.context().close();
  const page = await staffPage(browser, 'prescriber');
  const { patient, phone, onPhone } = await patientOnPhone(page, browser, 'Cora Careteam');

  // The prescriber records the numbers on the patient's record; each becomes a tap-to-call link.
  await page.goto(`/clinician/patients/${patient.patientId}`);
  const numbers = page.getByRole('region', { name: c.record.title });
  await expect(numbers.getByText(fill(c.record.careTeamClinic, { number: '+44 20 7946 0958' }))).toBeVisible();
  await numbers.getByRole('button', { name: c.record.edit }).click();
  await numbers.getByLabel(`${c.record.phone} (${m.Common.optional})`).fill('07700 900123');
  await numbers.getByLabel(`${c.record.careTeamField} (${m.Common.optional})`).fill('020 7946 0999');
  await numbers.getByLabel(`${c.record.emergencyPhone} (${m.Common.optional})`).fill('020 7946 0777');
  await numbers.getByRole('button', { name: m.Common.save }).click();
  await expect(numbers.getByText('Enter the emergency contact’s name too, or clear their number.')).toBeVisible();
  await numbers.getByLabel(`${c.record.emergencyName} (${m.Common.optional})`).fill('Sam Carer');
  await numbers.getByRole('button', { name: m.Common.save }).click();
  await expect(numbers.getByRole('status')).toHaveText(c.record.saved);
  // A national number that is a real number of the clinic's country is stored with its country code.
  await expect(numbers.getByRole('link', { name: '+44 20 7946 0999' })).toHaveAttribute('href', 'tel:+442079460999');
  await expect(numbers.getByRole('link', { name: '+44 20 7946 0777' })).toHaveAttribute('href', 'tel:+442079460777');
  // 07700 900xxx is reserved for drama: not a real number, so it is kept as typed, and still dialable.
  await expect(numbers.getByRole('link', { name: '07700 900123' })).toHaveAttribute('href', 'tel:07700900123');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/contact-record-1280.png`, fullPage: true });

  // The patient's own numbers on their account page: the care team's number to tap, their own to change.
  await onPhone.goto('/account');
  const own = onPhone.getByRole('region', { name: c.own.title });
  await expect(own.getByRole('link', { name: '+44 20 7946 0999' })).toHaveAttribute('href', 'tel:+442079460999');
  await expect(own.getByLabel(`${c.own.phone} (${m.Common.optional})`)).toHaveValue('07700 900123');
  await own.getByLabel(`${c.own.phone} (${m.Common.optional})`).fill('+44 20 7946 0555');
  await own.getByRole('button', { name: c.own.save }).click();
  await expect(own.getByText(c.own.saved)).toBeVisible();
  await expectAccessible(onPhone);
  await onPhone.screenshot({ path: `${SHOTS}/contact-account-390.png`, fullPage: true });
  await page.reload();
  await expect(page.getByRole('region', { name: c.record.title }).getByRole('link', { name: '+44 20 7946 0555' })).toHaveAttribute('href', 'tel:+442079460555');

  await submitRedFlags(onPhone, ['hallucinations']);
  await expect(onPhone.getByRole('link', { name: fill(c.urgent.careTeamCall, { number: '+44 20 7946 0999' }) })).toHaveAttribute('href', 'tel:+442079460999');
  await expect(onPhone.getByRole('heading', { name: c.urgent.crisisTitle })).toHaveCount(0);
  await expectAccessible(onPhone);
  await phone.close();
  await page.context().close();
});
