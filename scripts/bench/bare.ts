// The bench's baseline: a bare node:http server with postgres.js issuing the same SQL as the services
// behind the measured endpoints (no Next, tRPC, Auth.js, Drizzle or zod), so ours / bare shows the stack's cost.
// Auth is reduced to a cookie holding the user id, looked up as the app's session check does.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import postgres from 'postgres';
import { detectRedFlags } from '~/lib/checkins/red-flags';
import { scoreKeys, type CheckInFacts, type ScoreKey } from '~/lib/checkins/types';
import { alertSeverity, evaluateCriteria } from '~/lib/criteria/evaluate';
import { criteriaSchema } from '~/lib/criteria/types';
import { detectMilestones, type DetectorPlan } from '~/lib/milestones/detect';
import { localDate } from '~/lib/dates';
import { addDays, checkSchedule, daysBetween, generateSchedule, stepIndexOn, type TaperInput, type TaperStep } from '~/lib/taper';
import { NOT_REVIEWED_DAYS } from '~/lib/triage/row';
import {
  adherence, criteriaBands, daySeries, defaultMetrics, MAX_PAST_DAYS, rangeBounds, trendRanges, weeklyAverages,
  type CheckInRecord, type DoseRecord, type PlanVersionFacts, type TrendRange,
} from '~/lib/trends/series';

type Row = Record<string, unknown>;
interface User { id: string; role: string; timeZone: string; hasPatientRecord: boolean }
class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set.');
// Dates stay 'YYYY-MM-DD' strings and names camelCase, as Drizzle hands them to the services.
const sql = postgres(url, {
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
  onnotice: () => {},
  transform: postgres.camel,
  types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
});
type Q = typeof sql | postgres.TransactionSql;
const scoreColumns = scoreKeys.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

async function userOf(req: IncomingMessage): Promise<User> {
  const match = /(?:^|;\s*)bare_uid=([0-9a-f-]{36})/.exec(req.headers.cookie ?? '');
  if (!match?.[1]) throw new HttpError(401, 'Please sign in.');
  const [row] = await sql<Row[]>`select u.id, u.email, u.name, u.role, u.time_zone, u.session_version, u.disabled_at, pp.patient_id is not null as has_patient_record
    from users u left join patient_profiles pp on pp.patient_id = u.id where u.id = ${match[1]} limit 1`;
  if (!row || row.disabledAt) throw new HttpError(401, 'Your session has ended.');
  return { id: String(row.id), role: String(row.role), timeZone: String(row.timeZone), hasPatientRecord: Boolean(row.hasPatientRecord) };
}

async function access(user: User, patientId: string, permission: 'read' | 'edit-plan' | 'self') {
  if (user.role === 'patient') {
    // The record's existence came with the session, as in the app.
    if (user.id !== patientId || permission === 'edit-plan' || !user.hasPatientRecord) throw new HttpError(403, 'No access.');
    return;
  }
  if (user.role !== 'clinician' || permission === 'self') throw new HttpError(403, 'No access.');
  const [m] = await sql<Row[]>`select discipline, may_edit_plan from care_team_members where patient_id = ${patientId} and clinician_id = ${user.id} limit 1`;
  if (!m || (permission === 'edit-plan' && !m.mayEditPlan)) throw new HttpError(403, 'No access.');
}

function factsOf(row: Row): CheckInFacts {
  const scores: Partial<Record<ScoreKey, number>> = {};
  for (const key of scoreKeys) if (typeof row[key] === 'number') scores[key] = row[key];
  const doses = row.doses as { plannedMg: number | null; status: string }[];
  return {
    localDate: String(row.localDate),
    scores,
    sleepHours: (row.sleepHours as number | null) ?? null,
    dosesPlanned: doses.filter((d) => d.plannedMg !== null).length,
    dosesMissed: doses.filter((d) => d.status === 'missed').length,
    redFlags: row.redFlags as CheckInFacts['redFlags'],
    heartRate: row.heartRate as number | null,
    systolic: row.systolic as number | null,
    diastolic: row.diastolic as number | null,
  };
}

/** The patient's clock, running plan and criteria in one read, as the check-in service's patientDay. */
function patientDayQuery(q: Q, patientId: string) {
  return q<Row[]>`
    select u.time_zone, p.id as plan_id, p.version, p.status, p.paused_on, p.updated_at, v.input, v.steps, c.criteria,
      (select (v1.input->>'currentDailyMg')::float8 from taper_plan_versions v1 where v1.plan_id = p.id and v1.version = 1) as start_daily_mg
    from patient_profiles pp join users u on u.id = pp.patient_id
    left join taper_plans p on p.patient_id = pp.patient_id and p.status in ('active', 'paused')
    left join taper_plan_versions v on v.plan_id = p.id and v.version = p.version
    left join stop_go_criteria c on c.plan_id = p.id
    where pp.patient_id = ${patientId} limit 1`;
}

function patientDayOf(row: Row | undefined, now: Date) {
  if (!row) throw new HttpError(404, 'Not found.');
  const timeZone = String(row.timeZone);
  const today = localDate(timeZone, now);
  const steps = (row.steps ?? []) as TaperStep[];
  const first = steps[0];
  if (!row.planId || !first) return { timeZone, today, running: null };
  const step = today < first.startDate ? null : (steps[stepIndexOn(steps, row.status === 'paused' && row.pausedOn ? String(row.pausedOn) : today)] ?? null);
  const detectorPlan: DetectorPlan | undefined = row.startDailyMg === null ? undefined : {
    planId: String(row.planId), status: row.status as DetectorPlan['status'],
    steps: steps.map((s) => ({ index: s.index, startDate: s.startDate, endDate: s.endDate, dailyMg: s.dailyMg })),
    startDailyMg: Number(row.startDailyMg), targetDailyMg: (row.input as TaperInput).targetDailyMg, completedOn: null,
  };
  return { timeZone, today, running: { planId: String(row.planId), version: Number(row.version), steps, step, criteria: row.criteria, detectorPlan } };
}

async function audit(q: Q, actorId: string | null, action: string, entityType: string, entityId: string, patientId: string, before: unknown, after: unknown) {
  await q`insert into audit_events (actor_id, action, entity_type, entity_id, patient_id, before, after, request_id)
    values (${actorId}, ${action}, ${entityType}, ${entityId}, ${patientId}, ${before === null ? null : q.json(before as never)}, ${q.json(after as never)}, ${randomUUID()})`;
}

/** trends.get as the patient reads it: the same queries as getTrends, shaped by the same pure functions. */
async function trends(user: User, params: URLSearchParams) {
  const patientId = params.get('patientId') ?? '';
  const range = params.get('range') ?? '';
  if (!(trendRanges as readonly string[]).includes(range)) throw new HttpError(400, 'Choose a range.');
  const rangeName = range as TrendRange;
  await access(user, patientId, 'read');
  const viewer = user.role === 'patient' ? 'patient' : 'team';
  const metrics = [...defaultMetrics];
  const now = new Date();
  const [patient] = await sql<Row[]>`select u.time_zone from patient_profiles pp inner join users u on u.id = pp.patient_id where pp.patient_id = ${patientId}`;
  if (!patient) throw new HttpError(404, 'Not found.');
  const tz = String(patient.timeZone);
  const today = localDate(tz, now);
  const versionRows = await sql<Row[]>`select plan_id, version, status, action, steps, created_at from taper_plan_versions
    where patient_id = ${patientId} order by created_at asc, version asc`;
  const versions: PlanVersionFacts[] = versionRows
    .filter((v) => viewer === 'team' || v.status !== 'draft')
    .map((v) => ({
      planId: String(v.planId), version: Number(v.version), status: v.status as PlanVersionFacts['status'], action: String(v.action),
      steps: v.steps as TaperStep[], effectiveFrom: localDate(tz, v.createdAt as Date),
    }));
  const readFrom = rangeName === 'all' ? addDays(today, -MAX_PAST_DAYS) : rangeBounds(rangeName, today, versions, null).from;
  const readTo = rangeBounds(rangeName, today, versions, null).to;
  const sinceInstant = new Date(`${addDays(readFrom, -1)}T00:00:00Z`);
  // The plan whose criteria are drawn, as getTrends picks it: the latest still open, else the latest.
  const latestStatus = new Map<string, string>();
  for (const v of versions) latestStatus.set(v.planId, v.status);
  const currentPlanId = [...latestStatus].filter(([, s]) => s !== 'completed' && s !== 'stopped').map(([id]) => id).at(-1) ?? versions.at(-1)?.planId ?? null;
  const [checkInRows, flagRows, reviewRows, mdtRows, criteriaRows] = await Promise.all([
    sql<Row[]>`select local_date, doses, red_flags, ${sql(scoreColumns)} from check_ins
      where patient_id = ${patientId} and local_date >= ${readFrom} and local_date <= ${readTo} order by local_date asc`,
    sql<Row[]>`select a.code, a.created_at, c.local_date as day from alerts a left join check_ins c on c.id = a.check_in_id
      where a.patient_id = ${patientId} and a.created_at >= ${sinceInstant} and a.kind = 'red-flag'`,
    sql<Row[]>`select created_at, decision, summary from weekly_reviews where patient_id = ${patientId} and created_at >= ${sinceInstant}`,
    sql<Row[]>`select m.held_on, i.decisions, i.shared_summary from mdt_patient_items i inner join mdt_meetings m on m.id = i.meeting_id
      where i.patient_id = ${patientId} and m.finalised_at is not null and m.held_on >= ${readFrom} and m.held_on <= ${readTo}`,
    currentPlanId ? sql<Row[]>`select criteria from stop_go_criteria where plan_id = ${currentPlanId} and patient_id = ${patientId}` : Promise.resolve([] as Row[]),
  ]);
  const first = checkInRows[0];
  const { from, to } = rangeBounds(rangeName, today, versions, first ? String(first.localDate) : null);
  const inRange = (date: string) => from <= date && date <= to;
  const records: CheckInRecord[] = checkInRows.map((r) => ({
    localDate: String(r.localDate), doses: r.doses as DoseRecord[], redFlags: r.redFlags as string[],
    scores: Object.fromEntries(scoreKeys.map((k) => [k, r[k] as number | null])),
  }));
  const days = daySeries(from, to, versions, records, metrics);
  const markers: { kind: string; date: string; [k: string]: unknown }[] = [];
  for (const v of versions) if (inRange(v.effectiveFrom)) markers.push({ kind: 'plan-change', date: v.effectiveFrom, action: v.action, version: v.version });
  const flagsByDay = new Map<string, Set<string>>();
  const addFlag = (date: string, code: string) => {
    if (!inRange(date)) return;
    const codes = flagsByDay.get(date) ?? new Set<string>();
    codes.add(code);
    flagsByDay.set(date, codes);
  };
  for (const r of records) for (const code of r.redFlags) addFlag(r.localDate, code);
  for (const a of flagRows) addFlag(a.day ? String(a.day) : localDate(tz, a.createdAt as Date), String(a.code));
  for (const [date, codes] of flagsByDay) markers.push({ kind: 'red-flag', date, codes: [...codes].sort() });
  for (const r of reviewRows) {
    const date = localDate(tz, r.createdAt as Date);
    if (inRange(date)) markers.push(viewer === 'team' ? { kind: 'weekly-review', date, decision: r.decision, summary: r.summary } : { kind: 'weekly-review', date });
  }
  for (const r of mdtRows) {
    const shared = String(r.sharedSummary).trim() === '' ? {} : { sharedSummary: r.sharedSummary };
    markers.push(viewer === 'team' ? { kind: 'mdt-review', date: String(r.heldOn), ...shared, decisions: r.decisions } : { kind: 'mdt-review', date: String(r.heldOn), ...shared });
  }
  markers.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const parsed = criteriaSchema.safeParse(criteriaRows[0]?.criteria ?? []);
  const bands = parsed.success ? criteriaBands(parsed.data, metrics) : [];
  return {
    viewer, range: rangeName, from, to, today, metrics, days, weeks: weeklyAverages(days, today, metrics), adherence: adherence(days, today),
    bands: viewer === 'team' ? bands : bands.map(({ team: _team, ...band }) => band), markers,
    hasPlan: days.some((d) => d.plannedMg !== null), hasCheckIns: days.some((d) => d.checkedIn),
  };
}

async function submit(user: User, input: Row) {
  const patientId = String(input.patientId);
  await access(user, patientId, 'self');
  const now = new Date();
  const { idempotencyKey, ...body } = input;
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return sql.begin(async (tx) => {
    // Pipelined as the service does (db/together.ts): independent statements share a round trip.
    const todays = (day: string) => tx<Row[]>`select * from check_ins where patient_id = ${patientId} and local_date = ${day} for update`;
    const [[claimed], [dayRow], [locked]] = await Promise.all([
      tx`insert into check_in_submissions (patient_id, idempotency_key, request_hash) values (${patientId}, ${String(idempotencyKey)}, ${requestHash})
        on conflict do nothing returning idempotency_key`,
      patientDayQuery(tx, patientId),
      todays(String(input.localDate)),
    ]);
    if (!claimed) throw new HttpError(409, 'Already sent.');
    const { timeZone, today, running } = patientDayOf(dayRow, now);
    if (input.localDate !== today) throw new HttpError(400, 'A check-in is for today.');
    const planned = new Map((running?.step?.doses ?? []).map((d) => [d.time, d.mg]));
    const doses = (input.doses as { time: string }[]).map((d) => ({ ...d, plannedMg: planned.get(d.time) ?? null }));
    const s = input.scores as Record<ScoreKey, number | null>;
    const values = {
      doses: tx.json(doses as never), spasticity: s.spasticity, spasm_frequency: s.spasmFrequency, sleep_quality: s.sleepQuality, restlessness: s.restlessness,
      anxiety: s.anxiety, mood: s.mood, pain: s.pain, headache: s.headache, nausea: s.nausea, strength_mobility: s.strengthMobility,
      sleep_hours: input.sleepHours as number | null, red_flags: [...new Set(input.redFlags as string[])], stressors: String(input.stressors), activity: String(input.activity),
      systolic: input.systolic as number | null, diastolic: input.diastolic as number | null, heart_rate: input.heartRate as number | null,
      phq2: input.phq2 as number[] | null, gad2: input.gad2 as number[] | null, notes: String(input.notes),
      plan_id: running?.planId ?? null, plan_version: running?.version ?? null, step_index: running?.step?.index ?? null,
    };
    // The columns the service reads back (its factColumns), not all of them.
    const factCols = tx(['local_date', ...scoreColumns, 'sleep_hours', 'doses', 'red_flags', 'heart_rate', 'systolic', 'diastolic']);
    const recentQuery = () => tx<Row[]>`select ${factCols} from check_ins where patient_id = ${patientId} and local_date >= ${addDays(today, -28)} and local_date <= ${today} order by local_date asc`;
    let existing = locked;
    let row: Row | undefined;
    let recent: Row[] | undefined;
    if (!existing) {
      [row] = await tx<Row[]>`insert into check_ins ${tx({ patient_id: patientId, local_date: today, ...values })} on conflict (patient_id, local_date) do nothing returning id, revision, ${factCols}`;
      if (row) [, recent] = await Promise.all([audit(tx, user.id, 'checkin.create', 'check_in', String(row.id), patientId, null, { ...values, doses }), recentQuery()]);
      else [existing] = await todays(today);
    }
    if (existing) {
      const { id, createdAt: _c, updatedAt: _u, ...before } = existing;
      [, [row]] = await Promise.all([
        tx`insert into check_in_revisions (check_in_id, patient_id, revision, values, replaced_by) values (${String(id)}, ${patientId}, ${Number(existing.revision)}, ${tx.json(before as never)}, ${user.id})`,
        tx<Row[]>`update check_ins set ${tx({ ...values, revision: Number(existing.revision) + 1, updated_at: now })} where id = ${String(id)} returning id, revision, ${factCols}`,
        audit(tx, user.id, 'checkin.correct', 'check_in', String(id), patientId, before, { ...values, doses }),
      ]);
    }
    if (!row) throw new HttpError(503, 'Not saved.');
    recent ??= await recentQuery();
    const facts = recent.map(factsOf);
    const flags = detectRedFlags(factsOf(row), facts.filter((f) => f.localDate < today));
    let raised = 0;
    const raise = async (kind: string, severity: string, code: string, evidence: unknown, dedupeKey: string) => {
      const [a] = await tx`insert into alerts (patient_id, kind, severity, code, evidence, check_in_id, dedupe_key)
        values (${patientId}, ${kind}, ${severity}, ${code}, ${tx.json(evidence as never)}, ${String(row?.id)}, ${dedupeKey}) on conflict do nothing returning id`;
      if (!a) return;
      await audit(tx, null, 'alert.raise', 'alert', String(a.id), patientId, null, { kind, severity, code });
      raised++;
    };
    for (const flag of flags) await raise('red-flag', 'urgent', flag.code, flag.evidence, `red-flag:${today}:${flag.code}`);
    if (running) {
      const parsed = criteriaSchema.safeParse(running.criteria ?? []);
      if (parsed.success && parsed.data.length) {
        const firstDay = running.steps[0]?.startDate;
        const baseline: Partial<Record<ScoreKey, number>> = {};
        if (firstDay && parsed.data.some((c) => c.metric.kind === 'changeFromBaseline')) {
          const rows = await tx<Row[]>`select * from check_ins where patient_id = ${patientId} and local_date >= ${addDays(firstDay, -7)} and local_date <= ${addDays(firstDay, -1)}`;
          for (const key of scoreKeys) {
            const v = rows.map((r) => r[key]).filter((x): x is number => typeof x === 'number');
            if (v.length) baseline[key] = v.reduce((a, b) => a + b, 0) / v.length;
          }
        }
        for (const fired of evaluateCriteria(parsed.data, facts, today, baseline)) {
          const severity = alertSeverity(fired.action);
          if (!severity) continue;
          const [open] = await tx`select id from alerts where patient_id = ${patientId} and kind = 'criterion' and code = ${fired.criterionId} and acknowledged_at is null limit 1`;
          if (open) continue;
          await raise('criterion', severity, fired.criterionId, fired, `criterion:${fired.criterionId}:${today}`);
        }
      }
    }
    const result = { checkInId: row.id, localDate: today, revision: row.revision, redFlags: flags.map((f) => ({ code: f.code, kind: f.kind })), urgent: flags.length > 0, alertsRaised: raised };
    await Promise.all([
      recordMilestones(tx, patientId, today, timeZone, running?.detectorPlan),
      tx`update check_in_submissions set check_in_id = ${String(row.id)}, result = ${tx.json(result as never)} where patient_id = ${patientId} and idempotency_key = ${String(idempotencyKey)}`,
    ]);
    return { ...result, replayed: false };
  });
}

/** recordMilestones's queries inside the check-in's transaction, with the same pure detector. */
async function recordMilestones(tx: Q, patientId: string, today: string, timeZone: string, runningPlan: DetectorPlan | undefined) {
  const detectorPlan = async (): Promise<DetectorPlan | null> => {
    const [plan] = await tx<Row[]>`select p.id, p.status, p.updated_at, v.input, v.steps,
        (select (v1.input->>'currentDailyMg')::float8 from taper_plan_versions v1 where v1.plan_id = p.id and v1.version = 1) as start_daily_mg
      from taper_plans p join taper_plan_versions v on v.plan_id = p.id and v.version = p.version
      where p.patient_id = ${patientId} and p.status in ('active', 'paused', 'completed') order by p.status in ('active', 'paused') desc, p.updated_at desc limit 1`;
    if (!plan || plan.startDailyMg === null) return null;
    return {
      planId: String(plan.id), status: plan.status as DetectorPlan['status'],
      steps: (plan.steps as TaperStep[]).map((s) => ({ index: s.index, startDate: s.startDate, endDate: s.endDate, dailyMg: s.dailyMg })),
      startDailyMg: Number(plan.startDailyMg), targetDailyMg: (plan.input as TaperInput).targetDailyMg,
      completedOn: plan.status === 'completed' ? localDate(timeZone, plan.updatedAt as Date) : null,
    };
  };
  const [plan, [history]] = await Promise.all([
    runningPlan ?? detectorPlan(),
    tx<Row[]>`select
      (select coalesce(json_agg(json_build_array(c.local_date, cardinality(c.red_flags) > 0 or c.local_date = any(array(
        select fc.local_date from alerts a join check_ins fc on fc.id = a.check_in_id where a.patient_id = ${patientId} and a.kind = 'red-flag')))), '[]')
        from check_ins c where c.patient_id = ${patientId}) as days,
      (select coalesce(json_agg(json_build_object('id', g.id, 'title', g.title, 'updatedAt', g.updated_at)), '[]') from goals g where g.patient_id = ${patientId} and g.status = 'achieved') as achieved,
      (select coalesce(json_agg(m.dedupe_key), '[]') from milestones m where m.patient_id = ${patientId}) as recorded
      from patient_profiles where patient_id = ${patientId}`,
  ]);
  if (!history) return;
  const due = detectMilestones({
    today, plan,
    checkInDays: (history.days as [string, boolean][]).map(([day, redFlag]) => ({ localDate: day, redFlag })),
    achievedGoals: (history.achieved as { id: string; title: string; updatedAt: string }[]).map((g) => ({ goalId: g.id, title: g.title, achievedOn: localDate(timeZone, new Date(g.updatedAt)) })),
  });
  const seen = new Set(history.recorded as string[]);
  const fresh = due.filter((m) => !seen.has(m.dedupeKey));
  if (fresh.length === 0) return;
  const inserted = await tx<Row[]>`insert into milestones ${tx(fresh.map((m) => ({ patient_id: patientId, kind: m.kind, dedupe_key: m.dedupeKey, achieved_on: m.achievedOn, details: tx.json(m.details as never) })))}
    on conflict (patient_id, dedupe_key) do nothing returning id, kind, achieved_on`;
  for (const row of inserted) await audit(tx, null, 'milestone.record', 'milestone', String(row.id), patientId, null, { kind: row.kind, achievedOn: row.achievedOn });
}

async function planSave(user: User, input: Row) {
  const patientId = String(input.patientId);
  await access(user, patientId, 'edit-plan');
  const now = new Date();
  return sql.begin(async (tx) => {
    const [plan] = await tx<Row[]>`select * from taper_plans where id = ${String(input.planId)} and patient_id = ${patientId} for update`;
    if (!plan) throw new HttpError(404, 'Not found.');
    if (plan.version !== input.expectedVersion) {
      await tx`select v.version, v.action, u.name, v.created_at from taper_plan_versions v join users u on u.id = v.author_id where v.plan_id = ${String(plan.id)} and v.version = ${Number(plan.version)}`;
      throw new HttpError(409, 'Someone else changed this plan.', { latestVersion: plan.version });
    }
    if (plan.status !== 'draft' && plan.status !== 'proposed') throw new HttpError(400, 'Not editable.');
    const [[version], [facts]] = await Promise.all([
      tx`select * from taper_plan_versions where plan_id = ${String(plan.id)} and version = ${Number(plan.version)}`,
      tx<Row[]>`select pp.has_intrathecal_pump, pp.renal_function, u.time_zone from patient_profiles pp join users u on u.id = pp.patient_id where pp.patient_id = ${patientId}`,
    ]);
    if (!version) throw new HttpError(404, 'Not found.');
    if (!facts) throw new HttpError(404, 'Not found.');
    const taperInput = input.input as TaperInput;
    const { steps, warnings } = generateSchedule(taperInput, { hasIntrathecalPump: Boolean(facts.hasIntrathecalPump), renalFunction: facts.renalFunction as 'normal' });
    checkSchedule(taperInput, steps);
    const next = Number(plan.version) + 1;
    await Promise.all([
      tx`update taper_plans set status = 'draft', version = ${next}, updated_at = ${now} where id = ${String(plan.id)} and version = ${Number(plan.version)}`,
      tx`insert into taper_plan_versions (plan_id, patient_id, version, status, action, author_id, author_role, reason, input, steps, warnings)
        values (${String(plan.id)}, ${patientId}, ${next}, 'draft', 'edit', ${user.id}, ${user.role}, ${String(input.reason)}, ${tx.json(taperInput as never)}, ${tx.json(steps as never)}, ${tx.json(warnings as never)})`,
      audit(tx, user.id, 'plan.edit', 'taper_plan', String(plan.id), patientId, { version: plan.version, status: plan.status }, { version: next, status: 'draft', reason: input.reason }),
    ]);
    return { planId: plan.id, version: next, status: 'draft' };
  });
}

const toDate = (value: unknown): Date | null => {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
};

/** The red flags raised on the patient's today, as triageRow counts them. */
function redFlagToday(recent: [string, string | null][] | null, timeZone: string, today: string) {
  const raised = (recent ?? []).filter(([at]) => localDate(timeZone, new Date(at)) === today);
  if (raised.length === 0) return null;
  const acknowledged = raised.map(([, at]) => toDate(at));
  const open = acknowledged.filter((at) => at === null).length;
  const latest = acknowledged.filter((d): d is Date => d instanceof Date).sort((x, y) => y.getTime() - x.getTime())[0] ?? null;
  return { count: raised.length, open, acknowledgedAt: open > 0 ? null : latest };
}

/** triage.list as the router runs it: triageList's one statement (a pure read; the worker's sweep raises the alerts time raises). */
async function triage(user: User) {
  if (user.role !== 'clinician') throw new HttpError(403, 'No access.');
  const now = new Date();
  const windowStart = addDays(localDate('UTC', now), -15);
  const redFlagsSince = new Date(now.getTime() - 26 * 3_600_000).toISOString();
  const patients = await sql<Row[]>`select m.patient_id, person.name, person.time_zone, person.has_intrathecal_pump,
      (select json_build_object('urgent', count(*) filter (where a.severity = 'urgent' and a.acknowledged_at is null),
        'warnings', count(*) filter (where a.severity = 'warning' and a.acknowledged_at is null),
        'info', count(*) filter (where a.severity = 'info' and a.acknowledged_at is null), 'lastAt', max(a.created_at),
        'redFlags', json_agg(json_build_array(a.created_at, a.acknowledged_at)) filter (where a.kind = 'red-flag' and a.created_at > ${redFlagsSince}::timestamptz))
        from alerts a where a.patient_id = m.patient_id) as alerts,
      (select json_build_object('day', c.local_date, 'at', c.updated_at) from check_ins c where c.patient_id = m.patient_id order by c.local_date desc limit 1) as last_check_in,
      (select json_object_agg(c.local_date, c.spasticity) from check_ins c where c.patient_id = m.patient_id and c.local_date >= ${windowStart}) as spasticity,
      plan.id as plan_id, plan.status as plan_status, plan.paused_on, plan.step_summary as steps, plan.current_daily_mg, plan.decided,
      (select max(w.created_at) from weekly_reviews w where w.patient_id = m.patient_id) as weekly_review_at,
      (select max(mm.finalised_at) from mdt_patient_items i join mdt_meetings mm on mm.id = i.meeting_id where i.patient_id = m.patient_id and mm.finalised_at is not null) as mdt_review_at,
      coalesce((select pc.last_patient_message_at > coalesce(pc.team_read_at, '-infinity'::timestamptz) from patient_conversations pc where pc.patient_id = m.patient_id), false) as unread_message
    from care_team_members m
    join lateral (select u.name, u.time_zone, pp.has_intrathecal_pump from users u join patient_profiles pp on pp.patient_id = u.id where u.id = m.patient_id limit 1) person on true
    left join lateral (select p.id, p.status, p.paused_on, v.step_summary, (v.input->>'currentDailyMg')::float8 as current_daily_mg,
        case when p.status = 'active' then (select json_agg(json_build_array(d.step_index, d.step_end_date)) from step_decisions d where d.plan_id = p.id) end as decided
      from taper_plans p left join taper_plan_versions v on v.plan_id = p.id and v.version = p.version
      where p.patient_id = m.patient_id and p.status not in ('completed', 'stopped') limit 1) plan on true
    where m.clinician_id = ${user.id}`;
  const windows = new Map<string, string[]>();
  const order: Record<string, number> = { urgent: 0, 'decision-due': 1, warning: 2, 'missed-check-in': 3, none: 4 };
  return patients
    .map((p) => {
      const id = String(p.patientId);
      const today = localDate(String(p.timeZone), now);
      const al = p.alerts as { urgent: number; warnings: number; info: number; lastAt: string | null; redFlags: [string, string | null][] | null } | null;
      const a = al ? { ...al, lastAt: toDate(al.lastAt) } : undefined;
      const plan = p.planId ? p : undefined;
      const steps = (p.steps ?? []) as TaperStep[];
      const lastCheckIn = p.lastCheckIn as { day: string; at: string } | null;
      const lastDay = lastCheckIn?.day ?? null;
      const running = plan && (plan.planStatus === 'active' || plan.planStatus === 'paused') && steps.length > 0 && (steps[0]?.startDate ?? today) <= today;
      const onDay = plan?.planStatus === 'paused' && plan.pausedOn ? String(plan.pausedOn) : today;
      const step = running ? steps[stepIndexOn(steps, onDay)] : undefined;
      const daysSince = lastDay ? daysBetween(lastDay, today) : null;
      const decided = ((p.decided ?? []) as [number, string][]).some(([i, end]) => step && i === step.index && end === step.endDate);
      const decisionDue = Boolean(step && plan?.planStatus === 'active' && daysBetween(today, step.endDate) <= 1 && !decided);
      const missed = Boolean(running && (daysSince === null || daysSince >= 2));
      const urgent = a?.urgent ?? 0;
      const reason = urgent > 0 ? 'urgent' : decisionDue ? 'decision-due' : (a?.warnings ?? 0) > 0 ? 'warning' : missed || (a?.info ?? 0) > 0 ? 'missed-check-in' : 'none';
      let window = windows.get(today);
      if (!window) windows.set(today, (window = Array.from({ length: 14 }, (_, i) => addDays(today, i - 13))));
      const byDate = p.spasticity as Record<string, unknown> | null;
      const reviewedAt = toDate(p.weeklyReviewAt);
      const newest = [toDate(lastCheckIn?.at), a?.lastAt].filter((d): d is Date => d instanceof Date).sort((x, y) => y.getTime() - x.getTime())[0];
      const lastReview = [reviewedAt, toDate(p.mdtReviewAt)].filter((d): d is Date => d instanceof Date).sort((x, y) => y.getTime() - x.getTime())[0];
      const lastReviewedOn = lastReview ? localDate(String(p.timeZone), lastReview) : null;
      return {
        patientId: id, name: String(p.name), reason, urgent, warnings: a?.warnings ?? 0, info: a?.info ?? 0, planStatus: plan?.planStatus ?? null,
        currentDailyMg: step ? step.dailyMg : plan ? Number(plan.currentDailyMg) : null, stepNumber: step ? step.index + 1 : null, stepCount: plan ? steps.length : null,
        stepDay: step ? daysBetween(step.startDate, onDay) + 1 : null, stepDays: step ? step.days : null, stepEndsOn: step ? step.endDate : null, lastCheckIn: lastDay,
        daysSinceCheckIn: daysSince, spasticity: window.map((date) => byDate?.[date] ?? null),
        hasIntrathecalPump: Boolean(p.hasIntrathecalPump), decisionDue, reviewedAt, reviewed: Boolean(reviewedAt && (!newest || newest < reviewedAt)),
        lastReviewedOn, notReviewedForTwoWeeks: lastReviewedOn === null || daysBetween(lastReviewedOn, today) >= NOT_REVIEWED_DAYS,
        unreadMessage: Boolean(p.unreadMessage),
        redFlagToday: redFlagToday(al?.redFlags ?? null, String(p.timeZone), today),
      };
    })
    .sort((x, y) => (order[x.reason] ?? 4) - (order[y.reason] ?? 4) || y.urgent - x.urgent || x.name.localeCompare(y.name));
}

async function readJson(req: IncomingMessage): Promise<Row> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Row;
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const target = new URL(req.url ?? '/', 'http://bare.local');
  try {
    const user = await userOf(req);
    let body: unknown;
    if (req.method === 'GET' && target.pathname === '/trends') body = await trends(user, target.searchParams);
    else if (req.method === 'GET' && target.pathname === '/triage') body = await triage(user);
    else if (req.method === 'POST' && target.pathname === '/checkin') body = await submit(user, await readJson(req));
    else if (req.method === 'POST' && target.pathname === '/plan') body = await planSave(user, await readJson(req));
    else throw new HttpError(404, 'Not found.');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    if (status === 500) console.error(`[bare] ${target.pathname}: ${(error as Error).message}`);
    const details = error instanceof HttpError ? error.details : {};
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message, ...details }));
  }
}

const port = Number(process.env.PORT ?? 3161);
const server = createServer((req, res) => void handle(req, res));
server.listen(port, '127.0.0.1', () => console.log(`bare listening on ${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void sql.end({ timeout: 2 }).then(() => process.exit(0));
  });
}
