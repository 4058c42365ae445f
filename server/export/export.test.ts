// The exports through the API on a real database: who gets what, the audit event of each, the window of days,
// team-only notes never leaving, the CSV read back equal to the check-ins, and the FHIR Bundle valid.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { addDays, localDate } from '~/lib/dates';
import { MAX_EXPORT_DAYS } from '~/lib/export/inputs';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import {
  addToTeam, auditAbout, callerFor, checkInInput, httpCall, makeNamedPatient, makePlan, makeUser, openTestDb, rejection, uniqueName,
} from '~/server/test/db';
import { validateBundle } from './fhir-validate';

let h: DbHandle;
let prescriber: SessionUser;
let physio: SessionUser;
let patient: SessionUser & { name: string };
const TEAM_NOTE = 'Team only: discuss the wobbly week privately';
const SHARED_NOTE = 'Shared: well done on the walk, "quoted", with a comma';
const today = localDate('Europe/London', new Date());
const days = [-3, -2, -1].map((d) => addDays(today, d));

beforeAll(async () => {
  h = await openTestDb();
  prescriber = await makeUser(h.db, 'clinician', uniqueName('Export prescriber'));
  physio = await makeUser(h.db, 'clinician', uniqueName('Export physio'));
  const made = await makeNamedPatient(h.db, prescriber, { name: uniqueName('Export Zoë Ōtsuka') });
  patient = made.user;
  await addToTeam(h.db, prescriber, patient.id, physio, { mayEditPlan: false });
  await makePlan(h.db, prescriber, patient, 'active', { input: { startDate: addDays(today, -5) } });
  for (const [i, day] of days.entries()) {
    await submitCheckIn(h.db, { id: patient.id, role: 'patient' }, checkInInput(patient.id, day, {
      scores: { spasticity: 3 + i },
      heartRate: 70 + i,
      systolic: 120,
      diastolic: 80,
      phq2: i === 0 ? [1, 2] : null,
      gad2: i === 0 ? [0, 1] : null,
      // The last day: a red flag (an urgent alert) and text a spreadsheet must keep as it is.
      redFlags: i === 2 ? ['hallucinations'] : [],
      notes: i === 2 ? 'Saw "shapes", then slept;\nbetter = now' : '',
    }), new Date(`${day}T12:00:00Z`));
  }
  await callerFor(h.db, prescriber).notes.create({ patientId: patient.id, body: TEAM_NOTE, visibility: 'team' });
  await callerFor(h.db, prescriber).notes.create({ patientId: patient.id, body: SHARED_NOTE, visibility: 'shared' });
});
afterAll(async () => {
  await h.close();
});

const exportsAudited = async () => (await auditAbout(h.db, patient.id)).filter((a) => a.action === 'record.export');

describe('exports of a patient’s record', () => {
  it('serves the care team a valid FHIR Bundle with the shared note, never the team-only one, and records the export', async () => {
    const before = (await exportsAudited()).length;
    const { bundle } = await callerFor(h.db, physio).exports.fhir({ patientId: patient.id });
    const text = JSON.stringify(bundle);
    expect(validateBundle(bundle).errors).toEqual([]);
    expect(text).toContain('well done on the walk');
    expect(text).not.toContain('wobbly week');
    const audited = await exportsAudited();
    expect(audited.length).toBe(before + 1);
    expect(audited.at(-1)).toMatchObject({ actorId: physio.id, entityId: patient.id, after: { format: 'fhir', audience: 'team', from: null, to: null } });
    // The audit event says what was exported, never the data.
    expect(JSON.stringify(audited.at(-1))).not.toContain('shapes');
  });

  it('gives the patient their own copy: their red flags, not the team’s working alerts, and no team-only note', async () => {
    const { bundle } = await callerFor(h.db, patient).exports.fhir({ patientId: patient.id });
    const text = JSON.stringify(bundle);
    expect(validateBundle(bundle).errors).toEqual([]);
    expect(text).not.toContain('wobbly week');
    expect(text).toContain('well done on the walk');
    expect((await exportsAudited()).at(-1)).toMatchObject({ actorId: patient.id, after: { format: 'fhir', audience: 'patient' } });
  });

  it('gives the patient the plan as the app shows it to them: no version the team has not proposed, no draft plan', async () => {
    const requests = (bundle: { entry?: { resource: { resourceType: string } }[] }) => (bundle.entry ?? []).filter((e) => e.resource.resourceType === 'MedicationRequest').length;
    // The running plan: created (a draft), proposed, agreed and started.
    expect(requests((await callerFor(h.db, prescriber).exports.fhir({ patientId: patient.id })).bundle)).toBe(4);
    expect(requests((await callerFor(h.db, patient).exports.fhir({ patientId: patient.id })).bundle)).toBe(3);
    const other = (await makeNamedPatient(h.db, prescriber, { name: uniqueName('Export draft') })).user;
    await makePlan(h.db, prescriber, other, 'draft');
    expect(requests((await callerFor(h.db, prescriber).exports.fhir({ patientId: other.id })).bundle)).toBe(1);
    expect(requests((await callerFor(h.db, other).exports.fhir({ patientId: other.id })).bundle)).toBe(0);
    const { csv } = await callerFor(h.db, other).exports.csv({ patientId: other.id, table: 'plan-steps' });
    expect(parse(csv, { columns: true, bom: true })).toEqual([]);
  });

  it('writes the check-ins as CSV that reads back to the same days, scores, vitals, screeners, red flags and notes', async () => {
    const { csv } = await callerFor(h.db, prescriber).exports.csv({ patientId: patient.id, table: 'check-ins' });
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.date)).toEqual(days);
    expect(rows.map((r) => r.spasticity_0_10)).toEqual(['3', '4', '5']);
    expect(rows.map((r) => r.heart_rate_bpm)).toEqual(['70', '71', '72']);
    expect(rows.map((r) => r.phq2_total_0_6)).toEqual(['3', '', '']);
    expect(rows.map((r) => r.red_flags)).toEqual(['', '', 'hallucinations']);
    expect(rows[2]?.notes).toBe('Saw "shapes", then slept;\nbetter = now');
  });

  it('keeps to the window of days asked for', async () => {
    const { csv } = await callerFor(h.db, prescriber).exports.csv({ patientId: patient.id, table: 'check-ins', from: days[1], to: days[1] });
    expect((parse(csv, { columns: true, bom: true }) as Record<string, string>[]).map((r) => r.date)).toEqual([days[1]]);
    const before = (await exportsAudited()).length;
    const huge = await rejection(callerFor(h.db, prescriber).exports.csv({ patientId: patient.id, table: 'check-ins', from: '2000-01-01', to: addDays('2000-01-01', MAX_EXPORT_DAYS) }));
    const reversed = await rejection(callerFor(h.db, prescriber).exports.fhir({ patientId: patient.id, from: days[2], to: days[0] }));
    expect([huge.code, reversed.code]).toEqual(['BAD_REQUEST', 'BAD_REQUEST']);
    // The longest window is the message's {maximum}, in each reader's language.
    const tooLong = { patientId: patient.id, from: '2000-01-01', to: addDays('2000-01-01', MAX_EXPORT_DAYS) };
    expect((await httpCall(h.db, { ...prescriber, locale: 'es' }, 'exports.fhir', tooLong)).error?.data.fieldErrors?.to)
      .toEqual([`Una exportación abarca como máximo ${MAX_EXPORT_DAYS} días (5 años): elija un periodo más corto.`]);
    expect((await httpCall(h.db, { ...prescriber, locale: 'en' }, 'exports.fhir', tooLong)).error?.data.fieldErrors?.to)
      .toEqual([`An export covers at most ${MAX_EXPORT_DAYS} days (5 years): choose a shorter range.`]);
    expect((await exportsAudited()).length).toBe(before);
  });

  it('writes the current plan’s steps as CSV, and gives the team the one-page summary (not the patient)', async () => {
    const { csv } = await callerFor(h.db, prescriber).exports.csv({ patientId: patient.id, table: 'plan-steps' });
    const steps = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(steps.map((s) => s.daily_mg)).toEqual(['25', '20', '15', '10', '5', '0']);
    const { summary } = await callerFor(h.db, prescriber).exports.summary({ patientId: patient.id, format: 'html' });
    expect(JSON.stringify(summary)).not.toContain('wobbly week');
    expect((await rejection(callerFor(h.db, patient).exports.summary({ patientId: patient.id, format: 'pdf' }))).code).toBe('FORBIDDEN');
  });
});
