// The read audit's cost, A/B in one process on the bench's database: each procedure as the app runs it (its
// read rows written beside it) against its service alone, alternating call by call so both see the same
// machine. Sequential calls: the figure is what the audit adds to one request's latency.
// DATABASE_URL=postgres://…/taperline_bench npx tsx --conditions=react-server scripts/bench/read-audit-ab.ts [calls]
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDb } from '~/db';
import { patientsRouter } from '~/server/api/routers/patients';
import { triageRouter } from '~/server/api/routers/triage';
import { createCallerFactory, createContextFor, noteProcedureInputs, router } from '~/server/api/trpc';
import { patientAccess } from '~/server/auth/policy';
import { getPatientRecord } from '~/server/patients/service';
import { triageList } from '~/server/triage/service';
import { percentile } from './stats';

// The two routers measured, as the app router holds them (the whole app router loads the pages' i18n, which a script cannot).
const measured = router({ triage: triageRouter, patients: patientsRouter });
noteProcedureInputs(measured._def.procedures);
const createCaller = createCallerFactory(measured);

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to the bench database.');
  const calls = Number(process.argv[2] ?? 200);
  const sql = postgres(url, { max: 1 });
  const [busiest] = await sql<{ clinician_id: string; n: number }[]>`
    select clinician_id, count(*)::int as n from care_team_members group by clinician_id order by n desc limit 1`;
  if (!busiest) throw new Error('No care teams: seed the bench first.');
  const [patient] = await sql<{ patient_id: string }[]>`select patient_id from care_team_members where clinician_id = ${busiest.clinician_id} limit 1`;
  const [row] = await sql<{ email: string; name: string; time_zone: string }[]>`select email, name, time_zone from users where id = ${busiest.clinician_id}`;
  await sql.end();
  if (!row || !patient) throw new Error('No clinician to sign in as.');
  const user = { id: busiest.clinician_id, email: row.email, name: row.name, role: 'clinician' as const, timeZone: row.time_zone };
  const { db, close } = await openDb({ url, migrate: false });
  const api = () => createCaller(createContextFor(db, { status: 'signed-in', user, sessionId: randomUUID() }));
  const pairs: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [`triage.list (${busiest.n} patients)`, () => api().triage.list(), () => triageList(db, user.id)],
    // Alone: the tier's access check too, so only the read row differs.
    ['patients.get', () => api().patients.get({ patientId: patient.patient_id }), async () => (await patientAccess(db, user, patient.patient_id)) && getPatientRecord(db, patient.patient_id)],
  ];
  for (const [label, withAudit, alone] of pairs) {
    const times = { withAudit: [] as number[], alone: [] as number[] };
    for (let i = 0; i < 10; i += 1) await Promise.all([withAudit(), alone()]);
    for (let i = 0; i < calls; i += 1) {
      for (const [key, fn] of (i % 2 ? [['alone', alone], ['withAudit', withAudit]] : [['withAudit', withAudit], ['alone', alone]]) as ['withAudit' | 'alone', () => Promise<unknown>][]) {
        const started = performance.now();
        await fn();
        times[key].push(performance.now() - started);
      }
    }
    const line = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
    console.log(`${label}: with its read rows ${line(times.withAudit)}; service alone ${line(times.alone)} (${calls} calls each, alternating)`);
  }
  await close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
