// Reading the read audit back: the administrator's viewer and CSV, and the patient's "who looked at my record".
import 'server-only';
import { and, asc, desc, eq, exists, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { careTeamMembers, recordReads, users } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { readAuditCsv } from '~/lib/read-audit/csv';
import { readTopic, type listRecordReadsInput } from '~/lib/read-audit/what';
import { addDays, localDate } from '~/lib/dates';

export const READS_PER_PAGE = 50;
/** At most this many rows in one CSV; the answer says when there were more (narrow the dates). */
export const CSV_ROW_LIMIT = 50_000;

type Filters = Omit<z.output<typeof listRecordReadsInput>, 'page'>;

const reader = alias(users, 'reader');
const patient = alias(users, 'patient');

/** The filters as conditions; days are the administrator's own (midnight to midnight in their time zone). */
function conditions(filters: Filters, timeZone: string): SQL | undefined {
  const at = (day: string) => sql`(${day}::date)::timestamp at time zone ${timeZone}`;
  return and(
    filters.patient ? eq(recordReads.patientId, filters.patient) : undefined,
    filters.person ? eq(recordReads.actorId, filters.person) : undefined,
    filters.from ? gte(recordReads.at, at(filters.from)) : undefined,
    filters.to ? lt(recordReads.at, at(addDays(filters.to, 1))) : undefined,
  );
}

function readRows(db: DbOrTx, filters: Filters, timeZone: string, limit: number, offset = 0) {
  return db
    .select({
      id: recordReads.id,
      at: recordReads.at,
      actorId: recordReads.actorId,
      actorName: reader.name,
      actorRole: recordReads.actorRole,
      actorProfession: reader.profession,
      patientId: recordReads.patientId,
      patientName: patient.name,
      what: recordReads.what,
      page: recordReads.page,
      requestId: recordReads.requestId,
    })
    .from(recordReads)
    .innerJoin(reader, eq(reader.id, recordReads.actorId))
    .innerJoin(patient, eq(patient.id, recordReads.patientId))
    .where(conditions(filters, timeZone))
    .orderBy(desc(recordReads.at), desc(recordReads.id))
    .limit(limit)
    .offset(offset);
}

/** One page of the read audit, newest first, for the administrator's viewer. */
export async function listRecordReads(db: DbOrTx, timeZone: string, input: z.output<typeof listRecordReadsInput>) {
  const { page, ...filters } = input;
  const rows = await readRows(db, filters, timeZone, READS_PER_PAGE + 1, (page - 1) * READS_PER_PAGE);
  return { rows: rows.slice(0, READS_PER_PAGE).map((r) => ({ ...r, topic: readTopic(r.what, r.page) })), page, hasMore: rows.length > READS_PER_PAGE };
}

/** The choices of the viewer's filters: staff (who may read), and the patients whose record someone has read. */
export async function readAuditFilterOptions(db: DbOrTx) {
  const [people, patients] = await Promise.all([
    db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(inArray(users.role, ['clinician', 'admin'])).orderBy(asc(users.name)),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.role, 'patient'), exists(db.select({ one: sql`1` }).from(recordReads).where(eq(recordReads.patientId, users.id)))))
      .orderBy(asc(users.name)),
  ]);
  return { people, patients };
}

/** The filtered read audit as CSV (at most CSV_ROW_LIMIT rows, newest first); the download itself is audited. */
export async function exportRecordReads(db: Db, actor: Actor, timeZone: string, filters: Filters, now = new Date()) {
  const rows = await readRows(db, filters, timeZone, CSV_ROW_LIMIT + 1);
  const shown = rows.slice(0, CSV_ROW_LIMIT);
  await writeAudit(db, actor, { action: 'read-audit.export', entityType: 'record_reads', after: { filters, rows: shown.length } });
  return { csv: readAuditCsv(shown), rows: shown.length, truncated: rows.length > CSV_ROW_LIMIT, today: localDate(timeZone, now) };
}

/**
 * Who else read the patient's record over the last `days` days (their own reads are not listed): each reader's
 * name, their discipline on the care team (or their profession), when, and what, newest first.
 */
export async function othersReadsOf(db: DbOrTx, patientId: string, days: number, now = new Date()) {
  const rows = await db
    .select({
      at: recordReads.at,
      actorId: recordReads.actorId,
      name: users.name,
      role: recordReads.actorRole,
      profession: users.profession,
      discipline: careTeamMembers.discipline,
      what: recordReads.what,
      page: recordReads.page,
    })
    .from(recordReads)
    .innerJoin(users, eq(users.id, recordReads.actorId))
    .leftJoin(careTeamMembers, and(eq(careTeamMembers.patientId, recordReads.patientId), eq(careTeamMembers.clinicianId, recordReads.actorId)))
    .where(and(eq(recordReads.patientId, patientId), ne(recordReads.actorId, patientId), gte(recordReads.at, new Date(now.getTime() - days * 86_400_000))))
    .orderBy(desc(recordReads.at), desc(recordReads.id))
    .limit(1000);
  return rows.map(({ what, page, ...r }) => ({ ...r, topic: readTopic(what, page) }));
}
