// Records reads of patients' records (record_reads): one row per patient per request, written while the
// read runs and awaited before its answer leaves. A read that could not be recorded returns no data.
import 'server-only';
import { sql } from 'drizzle-orm';
import { noteDbFailure, type Db } from '~/db';
import { careTeamMembers, recordReads } from '~/db/schema';

/** What one request has recorded: patient id → its insert, and TEAM for "every patient on the reader's care teams". */
export type ReadLog = Map<string, Promise<boolean>>;

export interface ReadScope {
  db: Db;
  requestId: string;
  /** The page being rendered ('/clinician/patients/[id]'), when the read comes from one. */
  page?: string;
  reads: ReadLog;
}

export interface Reader {
  id: string;
  role: 'patient' | 'clinician' | 'admin';
}

const TEAM = '*care-teams';

function settle(insert: Promise<unknown>, scope: ReadScope): Promise<boolean> {
  return insert.then(
    () => true,
    (error: unknown) => {
      noteDbFailure(error);
      // No patient data: the request id leads to the rest.
      console.error(`[read-audit] a read could not be recorded (request ${scope.requestId}): ${error instanceof Error ? error.name : 'Error'}`);
      return false;
    },
  );
}

/**
 * Records that `reader` read the records of `patientIds` through `what`, in one insert of those this request
 * has not recorded yet. `onReadersTeam`: the reader reaches these patients as a care-team member, so a
 * recorded read of all their care teams' patients covers them already.
 */
export function auditReads(scope: ReadScope, reader: Reader, patientIds: readonly string[], what: string, onReadersTeam = false): Promise<boolean> {
  const team = onReadersTeam ? scope.reads.get(TEAM) : undefined;
  const pending: Promise<boolean>[] = team ? [team] : [];
  const fresh: string[] = [];
  for (const id of new Set(patientIds)) {
    const earlier = scope.reads.get(id);
    if (earlier) pending.push(earlier);
    else if (!team) fresh.push(id);
  }
  if (fresh.length) {
    const insert = settle(
      scope.db.insert(recordReads).values(fresh.map((patientId) => ({ actorId: reader.id, actorRole: reader.role, patientId, what, page: scope.page ?? null, requestId: scope.requestId }))),
      scope,
    );
    for (const id of fresh) scope.reads.set(id, insert);
    pending.push(insert);
  }
  return Promise.all(pending).then((all) => all.every(Boolean));
}

/**
 * Records a read of every patient on the clinician's care teams (the triage list and the patient list show
 * each of them): INSERT … SELECT, so it runs beside the list's own query instead of after it.
 */
export function auditCareTeamReads(scope: ReadScope, reader: Reader, what: string): Promise<boolean> {
  const earlier = scope.reads.get(TEAM);
  if (earlier) return earlier;
  const already = [...scope.reads.keys()];
  const notYet = already.length ? sql` and ${careTeamMembers.patientId} not in (${sql.join(already.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const statement = sql`insert into ${recordReads} (actor_id, actor_role, patient_id, what, page, request_id)
    select ${reader.id}::uuid, ${reader.role}::user_role, ${careTeamMembers.patientId}, ${what}, ${scope.page ?? null}::text, ${scope.requestId}
    from ${careTeamMembers} where ${careTeamMembers.clinicianId} = ${reader.id}${notYet}`;
  const insert = settle(scope.db.execute(statement), scope);
  scope.reads.set(TEAM, insert);
  return insert;
}
