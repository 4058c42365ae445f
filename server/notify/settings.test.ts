// Notification settings through the API: defaults, saving with an audit event, validation with messages on
// the fields (never a 500), and each role setting only its own settings.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notificationSettings } from '~/db/schema';
import { appFieldErrors, auditBy, callerFor, httpCall, makePatient, makeUser, rejection } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';
import { DEFAULT_SETTINGS, loadRecipients } from './settings';

const h = fileTestDb();

async function savedRow(userId: string) {
  return (await h.db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)))[0] ?? null;
}

describe('reading one’s settings', () => {
  it('gives the defaults, the role and the time zone before anything is saved', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const patient = await makePatient(h.db, doc, { timeZone: 'America/New_York' });
    expect(await callerFor(h.db, patient.user).notificationSettings.get()).toEqual({ role: 'patient', timeZone: 'America/New_York', settings: DEFAULT_SETTINGS });
    expect(await callerFor(h.db, doc).notificationSettings.get()).toMatchObject({ role: 'clinician', settings: { digest: 'none', digestTime: '07:30' } });
  });
});

describe('saving', () => {
  it('saves a patient’s reminder time and quiet hours, keeps the rest, and writes an audit event with what changed', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    const saved = await callerFor(h.db, patient).notificationSettings.update({ reminderTime: ' 20:15 ', quietStart: '22:00', quietEnd: '07:00' });
    expect(saved.settings).toEqual({ ...DEFAULT_SETTINGS, reminderTime: '20:15', quietStart: '22:00', quietEnd: '07:00' });
    expect(await callerFor(h.db, patient).notificationSettings.get()).toEqual(saved);
    // What the jobs read is what was saved.
    expect((await loadRecipients(h.db, [patient.id])).get(patient.id)?.settings).toEqual(saved.settings);
    const events = (await auditBy(h.db, patient.id)).filter((e) => e.action === 'notification_settings.update');
    expect(events.map((e) => [e.entityType, e.entityId, e.patientId, e.before, e.after])).toEqual([
      ['notification_settings', patient.id, patient.id, { reminderTime: '19:00', quietStart: null, quietEnd: null }, { reminderTime: '20:15', quietStart: '22:00', quietEnd: '07:00' }],
    ]);

    // A second save changes only what it names; null turns the reminder off and clears the quiet hours.
    const off = await callerFor(h.db, patient).notificationSettings.update({ reminderTime: null, doseChangeEnabled: false, quietStart: null, quietEnd: null, pushEnabled: false });
    expect(off.settings).toEqual({ ...DEFAULT_SETTINGS, reminderTime: null, doseChangeEnabled: false, pushEnabled: false });
    expect(await savedRow(patient.id)).toMatchObject({ reminderTime: null, quietStart: null, quietEnd: null, pushEnabled: false, emailEnabled: true });
  });

  it('saves a clinician’s digest, urgent and message settings', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const saved = await callerFor(h.db, doc).notificationSettings.update({ urgentEnabled: false, messagesEnabled: false, digest: 'daily', digestTime: '06:45', emailEnabled: false });
    expect(saved.settings).toMatchObject({ urgentEnabled: false, messagesEnabled: false, digest: 'daily', digestTime: '06:45', emailEnabled: false, pushEnabled: true });
    const events = (await auditBy(h.db, doc.id)).filter((e) => e.action === 'notification_settings.update');
    expect(events[0]?.patientId).toBeNull();
  });
});

describe('validation', () => {
  it('refuses times that are not HH:MM with a message on the field, over HTTP as a 400', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    for (const [field, value] of [['reminderTime', '25:00'], ['reminderTime', '7pm'], ['quietStart', '22.00'], ['digestTime', '']] as const) {
      const input = field === 'quietStart' ? { quietStart: value, quietEnd: '07:00' } : { [field]: value };
      const res = await httpCall(h.db, field === 'digestTime' ? doc : patient, 'notificationSettings.update', input);
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.error?.data.fieldErrors?.[field]?.[0]).toMatch(/HH:MM/);
    }
    expect(await savedRow(patient.id)).toBeNull();
  });

  it('wants both ends of the quiet hours or neither, and two different times', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    const caller = callerFor(h.db, patient).notificationSettings;
    const onlyStart = await rejection(caller.update({ quietStart: '22:00' }));
    expect([onlyStart.code, (await httpCall(h.db, patient, 'notificationSettings.update', { quietStart: '22:00' })).error?.data.fieldErrors]).toEqual([
      'BAD_REQUEST', { quietEnd: ['Enter when the quiet hours end too, or clear both times.'] },
    ]);
    const onlyEnd = await httpCall(h.db, patient, 'notificationSettings.update', { quietStart: null, quietEnd: '07:00' });
    expect(onlyEnd.error?.data.fieldErrors).toEqual({ quietStart: ['Enter when the quiet hours start too, or clear both times.'] });
    const same = await httpCall(h.db, patient, 'notificationSettings.update', { quietStart: '07:00', quietEnd: '07:00' });
    expect(same.error?.data.fieldErrors).toEqual({ quietEnd: ['The quiet hours must end at a different time than they start.'] });
    expect(await savedRow(patient.id)).toBeNull();
  });

  it('refuses wrong types and an unknown digest with 400s', async () => {
    const doc = await makeUser(h.db, 'clinician');
    expect((await httpCall(h.db, doc, 'notificationSettings.update', { emailEnabled: 'yes' })).status).toBe(400);
    const digest = await httpCall(h.db, doc, 'notificationSettings.update', { digest: 'hourly' });
    expect([digest.status, digest.error?.data.fieldErrors?.digest]).toEqual([400, ['Choose no digest or a daily digest.']]);
    expect((await httpCall(h.db, doc, 'notificationSettings.update', { emailEnabled: true, grantAdmin: true })).status).toBe(400);
  });
});

describe('each role sets its own settings', () => {
  it('refuses a patient’s clinician settings, naming each field, and saves nothing', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    const error = await rejection(callerFor(h.db, patient).notificationSettings.update({ emailEnabled: false, digest: 'daily', urgentEnabled: false }));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', 'Some of these settings are not for your account. Nothing was saved.']);
    expect(appFieldErrors(error)).toEqual({ digest: ['Only clinicians have this setting.'], urgentEnabled: ['Only clinicians have this setting.'] });
    expect(await savedRow(patient.id)).toBeNull();
    expect((await auditBy(h.db, patient.id)).filter((e) => e.action === 'notification_settings.update')).toEqual([]);
  });

  it('refuses a clinician’s patient settings', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const res = await httpCall(h.db, doc, 'notificationSettings.update', { reminderTime: '19:00', doseChangeEnabled: true });
    expect([res.status, res.error?.data.fieldErrors]).toEqual([400, { reminderTime: ['Only patients have this setting.'], doseChangeEnabled: ['Only patients have this setting.'] }]);
    expect(await savedRow(doc.id)).toBeNull();
  });

  it('lets an administrator set the channels and quiet hours only', async () => {
    const admin = await makeUser(h.db, 'admin');
    const saved = await callerFor(h.db, admin).notificationSettings.update({ pushEnabled: false, quietStart: '23:00', quietEnd: '06:00' });
    expect(saved).toMatchObject({ role: 'admin', settings: { pushEnabled: false, quietStart: '23:00', quietEnd: '06:00' } });
    const error = await rejection(callerFor(h.db, admin).notificationSettings.update({ digest: 'daily', reminderTime: null }));
    expect(appFieldErrors(error)).toEqual({ digest: ['Only clinicians have this setting.'], reminderTime: ['Only patients have this setting.'] });
  });

  it('changes only the caller’s own settings', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const other = await makeUser(h.db, 'clinician');
    await callerFor(h.db, doc).notificationSettings.update({ emailEnabled: false });
    expect(await savedRow(other.id)).toBeNull();
    expect((await callerFor(h.db, other).notificationSettings.get()).settings.emailEnabled).toBe(true);
  });
});
