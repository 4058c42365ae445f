// The read audit, enumerated from the router like the access matrix: every procedure says what it records,
// and a rightful call of each is checked to record exactly that (one row per patient, for the right patient).
import { renderError } from '~/i18n/errors';
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { auditEvents, careTeamMembers, recordReads } from '~/db/schema';
import { appRouter, createCaller } from '~/server/api/root';
import { createContextFor, READ_NOT_RECORDED, type Meta } from '~/server/api/trpc';
import type { SessionUser } from '~/server/auth/session';
import { makeUser, openTestDb, procedurePaths, rejection, signedIn } from '~/server/test/db';
import { buildWorld, inputOf, placeholderWorld, procedureTable, type Scope, type World } from '~/server/test/procedure-table';

/**
 * What each procedure records in the read audit when its rightful caller calls it:
 * - 'patient': one row for the patient its input names (every query on a patient tier, and exports);
 * - 'care-teams': one row for each patient on the caller's care teams (lists that show them all);
 * - 'shown': one row for each patient in its answer (`patientId` of each row);
 * - 'meeting': one row for each patient on the meeting's agenda whose care team the caller is on;
 * - 'none': no row, and why (writes only; or no patient's record in the answer).
 * A new procedure fails the first test until it is added here.
 */
type Reads = { reads: 'patient' | 'care-teams' | 'shown' | 'meeting' } | { reads: 'none'; why: string };

const WRITES = { reads: 'none', why: 'writes only; the change is in audit_events' } as const;
const OWN = { reads: 'none', why: 'the caller’s own account, devices or inbox (notification texts hold no health data)' } as const;
const CLINIC = { reads: 'none', why: 'the clinic’s settings or staff, not a patient’s record' } as const;
const PATIENT = { reads: 'patient' } as const;

const READ_AUDIT: Record<string, Reads> = {
  'account.changePassword': OWN, 'account.inspectPasswordReset': OWN, 'account.me': OWN, 'account.requestPasswordReset': OWN, 'account.resetPassword': OWN,
  'account.signOutEverywhere': OWN, 'account.keepAlive': OWN, 'account.setLocale': OWN,
  'account.twoStep.begin': OWN, 'account.twoStep.confirm': OWN, 'account.twoStep.pass': OWN, 'account.twoStep.remove': OWN,
  'account.twoStep.renewRecoveryCodes': OWN, 'account.twoStep.status': OWN,
  'adjuncts.add': WRITES, 'adjuncts.list': PATIENT, 'adjuncts.stop': WRITES, 'adjuncts.update': WRITES,
  'admin.createStaff': CLINIC, 'admin.failedDeliveries': { reads: 'none', why: 'delivery failures: a recipient and a kind, no record' }, 'admin.listStaff': CLINIC,
  'admin.reissueInvite': CLINIC, 'admin.resetTwoStep': CLINIC, 'admin.retryDelivery': CLINIC, 'admin.setDisabled': CLINIC, 'admin.updateClinician': CLINIC,
  'alerts.acknowledge': WRITES, 'alerts.list': PATIENT, 'alerts.notifications': PATIENT,
  'checkins.day': PATIENT, 'checkins.list': PATIENT, 'checkins.submit': WRITES,
  'clinic.contacts': CLINIC, 'clinic.settings': CLINIC, 'clinic.update': CLINIC,
  'conversation.list': PATIENT, 'conversation.markRead': WRITES, 'conversation.status': PATIENT,
  'criteria.get': PATIENT, 'criteria.update': WRITES,
  'decisions.recommendation': PATIENT, 'decisions.record': WRITES,
  'exports.csv': PATIENT, 'exports.fhir': PATIENT, 'exports.summary': PATIENT,
  'goals.create': WRITES, 'goals.list': PATIENT, 'goals.recordProgress': WRITES, 'goals.revise': WRITES, 'goals.setStatus': WRITES,
  'invites.accept': OWN, 'invites.inspect': OWN,
  'mdt.addDissent': WRITES, 'mdt.agenda': { reads: 'shown' }, 'mdt.create': WRITES, 'mdt.finalise': WRITES, 'mdt.get': { reads: 'meeting' },
  'mdt.list': { reads: 'none', why: 'the caller’s meetings: dates, titles and counts, no patient' }, 'mdt.recordItem': WRITES, 'mdt.sharedOutcomes': PATIENT, 'mdt.sign': WRITES,
  'milestones.list': PATIENT, 'milestones.markSeen': WRITES,
  'notes.create': WRITES, 'notes.list': PATIENT,
  'notificationSettings.get': OWN, 'notificationSettings.update': OWN, 'notifications.list': OWN, 'notifications.markRead': OWN, 'notifications.unreadCount': OWN,
  'patients.add': WRITES, 'patients.addCareTeamMember': WRITES, 'patients.clinicianDirectory': CLINIC, 'patients.get': PATIENT, 'patients.listMine': { reads: 'care-teams' },
  'patients.reissueInvite': WRITES, 'patients.removeCareTeamMember': WRITES, 'patients.setAccountDisabled': WRITES, 'patients.updateCareTeamMember': WRITES,
  'patients.updateContacts': WRITES, 'patients.updateMyContacts': WRITES, 'patients.updateProfile': WRITES,
  'plans.activate': WRITES, 'plans.agree': WRITES, 'plans.comment': WRITES, 'plans.complete': WRITES, 'plans.create': WRITES, 'plans.diff': PATIENT,
  'plans.doseChangeTomorrow': PATIENT, 'plans.editStep': WRITES, 'plans.extend': WRITES, 'plans.get': PATIENT, 'plans.pause': WRITES, 'plans.propose': WRITES,
  'plans.requestChange': WRITES, 'plans.resume': WRITES, 'plans.slow': WRITES, 'plans.stepBack': WRITES, 'plans.stop': WRITES, 'plans.update': WRITES, 'plans.version': PATIENT,
  'push.list': OWN, 'push.publicKey': OWN, 'push.subscribe': OWN, 'push.test': OWN, 'push.unsubscribe': OWN,
  'readAudit.exportCsv': { reads: 'none', why: 'the read audit itself (who read whom), audited as read-audit.export' },
  'readAudit.filters': { reads: 'none', why: 'names of staff and of patients someone read: the audit’s own index' },
  'readAudit.list': { reads: 'none', why: 'the read audit itself (who read whom), for the administrator' },
  'readAudit.mine': PATIENT,
  'trends.get': PATIENT,
  'triage.list': { reads: 'care-teams' },
  'weeklyReviews.data': PATIENT, 'weeklyReviews.list': PATIENT, 'weeklyReviews.record': WRITES,
};

const PATIENT_TIERS: Scope[] = ['patient-or-care-team', 'plan-editor', 'patient-prescribe', 'patient-self', 'care-team'];
const staticTable = procedureTable(placeholderWorld());
type ProcedureDef = { _def: { type: 'query' | 'mutation'; meta?: Meta } };
const defOf = (path: string) => (appRouter._def.procedures as unknown as Record<string, ProcedureDef>)[path]?._def;

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

/** Calls `path` as `who` in a request of its own, and returns its answer and the reads that request recorded. */
async function callRecorded(who: SessionUser, path: string, input: unknown) {
  const requestId = randomUUID();
  // Nested routers ('account.twoStep.status') are walked one name at a time.
  let node: unknown = createCaller(createContextFor(h.db, signedIn(who), { requestId, origin: 'https://portal.test' }));
  for (const name of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[name];
  if (typeof node !== 'function') throw new Error(`no procedure ${path}`);
  const result = await (node as (i?: unknown) => Promise<unknown>)(input);
  const rows = await h.db.select().from(recordReads).where(eq(recordReads.requestId, requestId)).orderBy(asc(recordReads.id));
  return { result, rows };
}

async function teamPatients(clinicianId: string): Promise<string[]> {
  const rows = await h.db.select({ id: careTeamMembers.patientId }).from(careTeamMembers).where(eq(careTeamMembers.clinicianId, clinicianId));
  return rows.map((r) => r.id).sort();
}

describe('the read-audit table', () => {
  it('says what every procedure of the router records, and names nothing else', () => {
    expect(Object.keys(READ_AUDIT).sort()).toEqual(procedurePaths());
  });

  it('records every query on a patient tier and every export, and no other procedure on a patient tier', () => {
    const onPatientTier = Object.entries(staticTable).filter(([, e]) => PATIENT_TIERS.includes(e.scope)).map(([p]) => p);
    const reading = onPatientTier.filter((p) => defOf(p)?.type === 'query' || defOf(p)?.meta?.returnsRecord).sort();
    const declared = Object.entries(READ_AUDIT).filter(([, r]) => r.reads === 'patient').map(([p]) => p).sort();
    expect(declared).toEqual(reading);
    // Every export hands the record back: each declares it, so the tier records it.
    expect(procedurePaths().filter((p) => p.startsWith('exports.')).filter((p) => !defOf(p)?.meta?.returnsRecord)).toEqual([]);
  });
});

describe('a rightful call of every procedure', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(h.db);
  });

  it('records exactly what the table says, for the right patient and reader', async () => {
    const table = procedureTable(w);
    const rightful: Record<Scope, SessionUser | 'anonymous'> = {
      public: 'anonymous', authed: await makeUser(h.db, 'clinician'), clinician: w.owner, admin: w.admin, 'patient-or-care-team': w.member,
      'plan-editor': w.planEditor, 'patient-prescribe': w.owner, 'patient-self': w.victim, 'care-team': w.member, 'mdt-attendee': w.owner, 'mdt-item': w.owner,
    };
    // As in the access matrix: plan procedures first (the care-team edits later take the read-only member off the team).
    const ordered = Object.entries(table).sort(([, a], [, b]) => Number(!a.plan) - Number(!b.plan));
    const checked: string[] = [];
    for (const [path, entry] of ordered) {
      const who = entry.caller?.(w) ?? rightful[entry.scope];
      const expected = READ_AUDIT[path];
      if (!expected) throw new Error(`no read-audit entry for ${path}`);
      if (who === 'anonymous') {
        // Public procedures: nobody signed in, nothing of a record; they write no read whatever they are called with.
        expect([path, expected.reads]).toEqual([path, 'none']);
        checked.push(path);
        continue;
      }
      const { result, rows } = await callRecorded(who, path, await inputOf(h.db, w, entry));
      const seen = rows.map((r) => ({ actor: r.actorId, role: r.actorRole, patient: r.patientId, what: r.what }));
      const row = (patientId: string) => ({ actor: who.id, role: who.role, patient: patientId, what: path });
      if (expected.reads === 'patient') expect([path, seen]).toEqual([path, [row(w.victim.id)]]);
      else if (expected.reads === 'care-teams') {
        const team = await teamPatients(who.id);
        expect(team).toContain(w.victim.id);
        expect([path, seen.sort((a, b) => a.patient.localeCompare(b.patient))]).toEqual([path, team.map(row)]);
      } else if (expected.reads === 'shown') {
        // Here the agenda may be empty (earlier calls dealt with the victim's alert): 'recording' below shows it with them on it.
        const shown = [...new Set((result as { patientId: string }[]).map((r) => r.patientId))].sort();
        expect([path, seen.sort((a, b) => a.patient.localeCompare(b.patient))]).toEqual([path, shown.map(row)]);
      } else if (expected.reads === 'meeting') expect([path, seen]).toEqual([path, [row(w.victim.id)]]);
      else expect([path, seen]).toEqual([path, []]);
      // The page is set only by server components; a call like this one names none.
      expect(rows.every((r) => r.page === null)).toBe(true);
      checked.push(path);
    }
    expect(checked.sort()).toEqual(procedurePaths());
  });
});

describe('recording', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(h.db);
  });

  it('keeps one row per patient in one request: a page that calls several procedures', async () => {
    const requestId = randomUUID();
    const api = createCaller(createContextFor(h.db, signedIn(w.owner), { requestId, page: '/clinician/patients/[id]/plan' }));
    await Promise.all([api.patients.get({ patientId: w.victim.id }), api.plans.get({ patientId: w.victim.id }), api.checkins.list({ patientId: w.victim.id, days: 14 })]);
    await api.alerts.list({ patientId: w.victim.id, open: true });
    const rows = await h.db.select().from(recordReads).where(eq(recordReads.requestId, requestId));
    expect(rows).toEqual([expect.objectContaining({ actorId: w.owner.id, patientId: w.victim.id, page: '/clinician/patients/[id]/plan' })]);
  });

  it('keeps one row per patient when the triage list and the patient list are read together, and when a record follows', async () => {
    const requestId = randomUUID();
    const api = createCaller(createContextFor(h.db, signedIn(w.owner), { requestId, page: '/clinician' }));
    await Promise.all([api.triage.list(), api.patients.listMine()]);
    await api.patients.get({ patientId: w.victim.id });
    const rows = await h.db.select({ patientId: recordReads.patientId }).from(recordReads).where(eq(recordReads.requestId, requestId));
    expect(rows.map((r) => r.patientId).sort()).toEqual(await teamPatients(w.owner.id));
  });

  it('records each patient the MDT agenda proposes', async () => {
    const { result, rows } = await callRecorded(w.owner, 'mdt.agenda', undefined);
    expect((result as { patientId: string }[]).map((r) => r.patientId)).toContain(w.victim.id);
    expect(rows.map((r) => [r.patientId, r.what]).sort()).toEqual((result as { patientId: string }[]).map((r) => [r.patientId, 'mdt.agenda']).sort());
  });

  it('does not record a read the tier refused, a call with bad input, nor a mutation that only writes', async () => {
    const before = await h.db.select({ id: recordReads.id }).from(recordReads).where(eq(recordReads.patientId, w.victim.id));
    await rejection(createCaller(createContextFor(h.db, signedIn(w.victim))).alerts.list({ patientId: w.victim.id, open: true }));
    await rejection(createCaller(createContextFor(h.db, signedIn(w.outsider))).patients.get({ patientId: w.victim.id }));
    // Bad input is refused (400) before anything is read: no row either.
    const bad = await rejection(createCaller(createContextFor(h.db, signedIn(w.owner))).checkins.list({ patientId: w.victim.id, days: -3 }));
    expect(bad.code).toBe('BAD_REQUEST');
    await createCaller(createContextFor(h.db, signedIn(w.owner))).notes.create({ patientId: w.victim.id, body: 'Called about sleep.', visibility: 'shared' });
    const after = await h.db.select({ id: recordReads.id }).from(recordReads).where(eq(recordReads.patientId, w.victim.id));
    expect(after.length).toBe(before.length);
  });

  // A read the audit could not take returns nothing: the trigger below makes the insert fail for these requests only.
  it('answers 503 with no data when the read could not be recorded, and the data once it can', async () => {
    await h.db.execute(sql`create or replace function refuse_read() returns trigger language plpgsql as $$
      begin if new.request_id like 'refuse-%' then raise exception 'read audit unavailable'; end if; return new; end $$`);
    await h.db.execute(sql`drop trigger if exists refuse_read on record_reads`);
    await h.db.execute(sql`create trigger refuse_read before insert on record_reads for each row execute function refuse_read()`);
    try {
      for (const [path, call] of [
        ['patients.get', (api: ReturnType<typeof createCaller>) => api.patients.get({ patientId: w.victim.id })],
        ['triage.list', (api: ReturnType<typeof createCaller>) => api.triage.list()],
        ['exports.csv', (api: ReturnType<typeof createCaller>) => api.exports.csv({ patientId: w.victim.id, table: 'check-ins' })],
      ] as const) {
        const api = createCaller(createContextFor(h.db, signedIn(w.owner), { requestId: `refuse-${randomUUID()}` }));
        const error = await rejection(call(api));
        expect([path, error.code, error.message]).toEqual([path, 'SERVICE_UNAVAILABLE', renderError(READ_NOT_RECORDED)]);
      }
      const ok = await createCaller(createContextFor(h.db, signedIn(w.owner))).patients.get({ patientId: w.victim.id });
      expect(ok.patient.id).toBe(w.victim.id);
    } finally {
      await h.db.execute(sql`drop trigger if exists refuse_read on record_reads`);
    }
  });

  it('shows the patient who else looked, in plain topics, without their own reads', async () => {
    await createCaller(createContextFor(h.db, signedIn(w.member), { page: '/clinician/patients/[id]/trends' })).trends.get({ patientId: w.victim.id, range: '2w' });
    await createCaller(createContextFor(h.db, signedIn(w.victim))).plans.get({ patientId: w.victim.id });
    const days = await createCaller(createContextFor(h.db, signedIn(w.victim))).readAudit.mine({ patientId: w.victim.id });
    const readers = days.flatMap((d) => d.readers);
    expect(readers.map((r) => r.actorId)).not.toContain(w.victim.id);
    expect(readers.find((r) => r.actorId === w.member.id)).toMatchObject({ name: w.member.name, role: 'clinician', discipline: 'prescriber' });
    expect(readers.find((r) => r.actorId === w.member.id)?.topics).toContain('trends');
  });

  it('lets the administrator filter by patient, person and days, and download it as CSV (itself audited)', async () => {
    const admin = createCaller(createContextFor(h.db, signedIn(w.admin)));
    const today = new Date().toISOString().slice(0, 10);
    const mine = await admin.readAudit.list({ patient: w.victim.id, person: w.member.id, from: today, to: today });
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.patientId === w.victim.id && r.actorId === w.member.id)).toBe(true);
    expect(mine.rows[0]).toMatchObject({ patientName: w.victim.name, actorName: w.member.name });
    const none = await admin.readAudit.list({ patient: w.victim.id, from: '2020-01-01', to: '2020-01-02' });
    expect(none).toEqual({ rows: [], page: 1, hasMore: false });
    const filters = await admin.readAudit.filters();
    expect(filters.patients.map((p) => p.id)).toContain(w.victim.id);
    const csv = await admin.readAudit.exportCsv({ patient: w.victim.id, person: w.member.id });
    expect(csv.csv.split('\r\n')[0]).toBe('\uFEFFat_utc,reader_id,reader_name,reader_role,reader_profession,patient_id,patient_name,topic,what,page,request_id');
    expect(csv.rows).toBe(mine.rows.length);
    expect(csv.csv).toContain(w.member.name);
    const [audit] = await h.db.select().from(auditEvents).where(eq(auditEvents.actorId, w.admin.id)).orderBy(desc(auditEvents.id)).limit(1);
    expect(audit).toMatchObject({ action: 'read-audit.export', entityType: 'record_reads', after: { filters: { patient: w.victim.id, person: w.member.id }, rows: csv.rows } });
    const bad = await rejection(admin.readAudit.list({ from: '2026-02-30' }));
    expect(bad.code).toBe('BAD_REQUEST');
    const backwards = await rejection(admin.readAudit.list({ from: '2026-02-03', to: '2026-02-01' }));
    expect(backwards.code).toBe('BAD_REQUEST');
    expect(bad).toBeInstanceOf(TRPCError);
  });

});
