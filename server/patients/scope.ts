// Which patients a read covers: a list of ids, everyone (scripts), or a clinician's care teams. The care
// team form is a subquery, not a list of ids: a 200-patient IN list cost more to build, send and plan than
// the rows it found.
import 'server-only';
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { careTeamMembers } from '~/db/schema';

export type PatientSet = readonly string[] | 'all' | { careTeamOf: string };

/** True when the set is a list with nothing in it: the read can answer at once. */
export function isEmptySet(set: PatientSet): boolean {
  return Array.isArray(set) && set.length === 0;
}

/** A condition keeping `column` (a patient id) within the set; undefined for everyone. */
export function inPatientSet(column: PgColumn, set: PatientSet): SQL | undefined {
  if (set === 'all') return undefined;
  if (Array.isArray(set)) return inArray(column, set as string[]);
  const { careTeamOf } = set as { careTeamOf: string };
  // = any(array(...)): one index probe per patient, as an id list gives, where "in (select ...)" tempted
  // the planner into joins that read more.
  return sql`${column} = any(array(select m.patient_id from ${careTeamMembers} m where m.clinician_id = ${careTeamOf}))`;
}
