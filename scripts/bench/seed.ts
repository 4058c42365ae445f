// Seeds the synthetic clinic for `npm run bench` with set-based SQL through the real schema: patients,
// clinicians, care teams, plans with the engine's own schedules, 180 days of check-ins each, alerts,
// weekly and MDT reviews, step decisions, goals, conversations' read state, supports (adjunct therapies).
import type { Sql } from 'postgres';
import type { Db } from '~/db';
import { defaultCriteria } from '~/lib/criteria/evaluate';
import { hashPassword } from '~/server/auth/password';
import { recordMilestones } from '~/server/milestones/service';
import { localDate } from '~/lib/dates';
import { addDays, generateSchedule, stepIndexOn, type TaperInput, type TaperStep } from '~/lib/taper';
import { clinicSize } from './args';
import { assertSynthetic, MARKER_TABLE, SYNTHETIC_DOMAIN } from './guard';

export const BENCH_PASSWORD = 'bench-synthetic-clinic-2026';
export const timeZones = ['Europe/London', 'America/New_York', 'Europe/Dublin', 'Australia/Sydney', 'UTC'] as const;
const conditions = ['Multiple sclerosis', 'Spinal cord injury', 'Cerebral palsy', 'Stroke', 'Hereditary spastic paraplegia'];
const disciplines = ['prescriber', 'physiotherapist', 'nurse', 'pharmacist'] as const;

/** Four dose profiles the clinic's plans are made from; every plan reuses the engine's output for one. */
export function doseProfiles(today: string): { input: TaperInput; steps: TaperStep[]; warnings: unknown[] }[] {
  const start = addDays(today, -150);
  const inputs: TaperInput[] = [
    {
      currentDailyMg: 60, doseTimes: ['08:00', '14:00', '22:00'], split: { kind: 'even' },
      formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }, { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 }],
      strategy: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 10 }, stepDays: 14, targetDailyMg: 0, startDate: start, maxCutPercent: 25,
    },
    {
      currentDailyMg: 40, doseTimes: ['08:00', '20:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
      strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 28, targetDailyMg: 0, startDate: start, maxCutPercent: 25,
    },
    {
      currentDailyMg: 80, doseTimes: ['07:00', '12:00', '17:00', '22:00'], split: { kind: 'even' },
      formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }, { kind: 'tablet', strengthMg: 5, scored: false }],
      strategy: { kind: 'percent', percent: 10, minCutMg: 5, maxCutMg: 10 }, stepDays: 21, targetDailyMg: 10, startDate: start, maxCutPercent: 20,
    },
    {
      currentDailyMg: 30, doseTimes: ['09:00', '21:00'], split: { kind: 'weighted', weights: [1, 2] },
      formulations: [{ kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 }],
      strategy: { kind: 'fixed', mgPerStep: 2.5 }, stepDays: 14, targetDailyMg: 0, startDate: start, maxCutPercent: 25,
    },
  ];
  return inputs.map((input) => {
    const { steps, warnings } = generateSchedule(input, { hasIntrathecalPump: false, renalFunction: 'normal' });
    const last = steps.at(-1);
    if (!last || last.endDate < addDays(today, 14)) throw new Error(`Bench dose profile ${input.currentDailyMg} mg ends too soon (${last?.endDate}).`);
    return { input, steps, warnings };
  });
}

interface DayRow { profile: number; day: string; step_index: number | null; doses: unknown; doses_missed: unknown }

/** The doses of each profile on each day: as planned once the taper runs, the starting dose before it. */
function profileDays(profiles: ReturnType<typeof doseProfiles>, today: string, days: number): DayRow[] {
  const rows: DayRow[] = [];
  profiles.forEach((p, profile) => {
    const first = p.steps[0];
    for (let i = days; i >= 1; i--) {
      const day = addDays(today, -i);
      const running = first && day >= first.startDate;
      const step = running ? p.steps[stepIndexOn(p.steps, day)] : undefined;
      const planned = step
        ? step.doses.map((d) => ({ time: d.time, mg: d.mg as number | null }))
        : p.input.doseTimes.map((time) => ({ time, mg: null as number | null }));
      const before = p.input.currentDailyMg / p.input.doseTimes.length;
      const taken = planned.map((d) => ({ time: d.time, plannedMg: d.mg, takenMg: d.mg ?? before, status: 'taken' }));
      const missed = taken.map((d, j) => (j === 0 ? { ...d, takenMg: null, status: 'missed' } : d));
      rows.push({ profile, day, step_index: step ? step.index : null, doses: taken, doses_missed: missed });
      // The same days without a plan, for patients whose plan is still a draft (profile + 4).
      const unplanned = p.input.doseTimes.map((time) => ({ time, plannedMg: null, takenMg: before, status: 'taken' }));
      rows.push({ profile: profile + 4, day, step_index: null, doses: unplanned, doses_missed: unplanned.map((d, j) => (j === 0 ? { ...d, takenMg: null, status: 'missed' } : d)) });
    }
  });
  return rows;
}

export interface SeedSummary {
  patients: number;
  clinicians: number;
  checkIns: number;
  plans: number;
  alerts: number;
  /** Weekly reviews and MDT patient items. */
  reviews: number;
  /** Adjunct therapies (supports), rescue medication included. */
  supports: number;
  seconds: number;
}

/** Wipes the (synthetic) database and seeds the clinic at `scale`. Refuses a database with real data. */
export async function seedClinic(sql: Sql, scale: number, now = new Date()): Promise<SeedSummary> {
  await assertSynthetic(sql);
  const started = performance.now();
  const size = clinicSize(scale);
  const today = localDate('UTC', now);
  const profiles = doseProfiles(today);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const criteria = defaultCriteria();

  await sql.begin(async (tx) => {
    await tx.unsafe(`create table if not exists ${MARKER_TABLE} (scale double precision not null, seeded_on date not null, patients int not null, clinicians int not null, created_at timestamptz not null default now())`);
    const tables = await tx<{ name: string }[]>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> ${MARKER_TABLE}`;
    if (tables.length) await tx.unsafe(`truncate ${tables.map((t) => `"${t.name}"`).join(', ')} restart identity cascade`);
    await tx.unsafe(`truncate ${MARKER_TABLE}`);
    await tx`insert into ${tx(MARKER_TABLE)} (scale, seeded_on, patients, clinicians) values (${scale}, ${today}, ${size.patients}, ${size.clinicians})`;

    await tx`create temp table bench_profile (profile int primary key, input jsonb, steps jsonb, warnings jsonb) on commit drop`;
    for (const [i, p] of profiles.entries()) {
      await tx`insert into bench_profile values (${i}, ${tx.json(p.input as never)}, ${tx.json(p.steps as never)}, ${tx.json(p.warnings as never)})`;
    }
    await tx`create temp table bench_days (profile int, day date, step_index int, doses jsonb, doses_missed jsonb, primary key (profile, day)) on commit drop`;
    const days = profileDays(profiles, today, size.days);
    await tx`insert into bench_days select * from jsonb_to_recordset(${tx.json(days as never)}) as x(profile int, day date, step_index int, doses jsonb, doses_missed jsonb)`;

    // Clinicians, then patients; n numbers them so care teams and profiles follow from it.
    await tx`create temp table bench_clinicians on commit drop as
      select n, gen_random_uuid() as id from generate_series(0, ${size.clinicians - 1}::int) n`;
    // Every bench clinician may prescribe (a clinician needs a profession): the bench measures reads, not rights.
    await tx`insert into users (id, email, name, role, password_hash, time_zone, profession, may_prescribe)
      select id, 'clinician-' || lpad(n::text, 3, '0') || '@' || ${SYNTHETIC_DOMAIN}, 'Bench Clinician ' || lpad(n::text, 3, '0'), 'clinician', ${passwordHash}, 'Europe/London',
        'physician', true
      from bench_clinicians`;
    await tx`create temp table bench_patients on commit drop as
      select n, gen_random_uuid() as id, gen_random_uuid() as plan_id, (${tx.array([...timeZones])}::text[])[1 + n % ${timeZones.length}] as tz,
        n % 4 + (case when n % 10 = 9 then 4 else 0 end) as profile, n % 10 = 9 as draft
      from generate_series(0, ${size.patients - 1}::int) n`;
    await tx`insert into users (id, email, name, role, password_hash, time_zone)
      select id, 'patient-' || lpad(n::text, 5, '0') || '@' || ${SYNTHETIC_DOMAIN}, 'Bench Patient ' || lpad(n::text, 5, '0'), 'patient', ${passwordHash}, tz
      from bench_patients`;
    await tx`insert into patient_profiles (patient_id, date_of_birth, conditions, renal_function, created_by)
      select p.id, date '1950-01-01' + (p.n * 37 % 18000), (${tx.array(conditions)}::text[])[1 + p.n % ${conditions.length}], 'normal', c.id
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians}`;
    // Each patient on teamSize clinicians' teams, spread evenly: about 4 × patients / clinicians each.
    await tx`insert into care_team_members (patient_id, clinician_id, discipline, may_edit_plan, added_by)
      select p.id, c.id, (${tx.array([...disciplines])}::text[])[k + 1]::discipline, k = 0, c0.id
      from bench_patients p
      cross join generate_series(0, ${Math.min(size.teamSize, size.clinicians) - 1}::int) k
      join bench_clinicians c on c.n = (p.n + (k * ${size.clinicians}) / ${size.teamSize}) % ${size.clinicians}
      join bench_clinicians c0 on c0.n = p.n % ${size.clinicians}`;

    // Plans: nine in ten running (created, proposed, agreed, started 150 days ago), one in ten a draft.
    await tx`insert into taper_plans (id, patient_id, status, version, created_by, created_at)
      select p.plan_id, p.id, case when p.draft then 'draft' else 'active' end::plan_status, case when p.draft then 1 else 4 end, c.id, now() - interval '160 days'
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians}`;
    await tx`insert into taper_plan_versions (plan_id, patient_id, version, status, action, author_id, author_role, reason, input, steps, warnings, created_at)
      select p.plan_id, p.id, v.version, v.status::plan_status, v.action::plan_action, case when v.action = 'agree' then p.id else c.id end,
        case when v.action = 'agree' then 'patient' else 'clinician' end::user_role, '', bp.input, bp.steps, bp.warnings, now() - interval '160 days' + v.version * interval '1 day'
      from bench_patients p
      join bench_clinicians c on c.n = p.n % ${size.clinicians}
      join bench_profile bp on bp.profile = p.profile % 4
      join (values (1, 'draft', 'create'), (2, 'proposed', 'propose'), (3, 'agreed', 'agree'), (4, 'active', 'activate')) v(version, status, action)
        on v.version = 1 or not p.draft`;
    await tx`insert into stop_go_criteria (plan_id, patient_id, version, criteria, updated_by)
      select p.plan_id, p.id, 1, ${tx.json(criteria as never)}, c.id from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians}`;
    await tx`insert into stop_go_criteria_versions (plan_id, patient_id, version, criteria, reason, author_id)
      select p.plan_id, p.id, 1, ${tx.json(criteria as never)}, 'Default criteria', c.id from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians}`;

    // 180 days of check-ins, about 1 in 25 days skipped, 1 in 30 with a missed dose; weekly screeners on Mondays.
    await tx`insert into check_ins (patient_id, local_date, plan_id, plan_version, step_index, doses, spasticity, spasm_frequency, sleep_quality, sleep_hours,
        restlessness, anxiety, mood, pain, headache, nausea, strength_mobility, stressors, activity, phq2, gad2, notes, created_at, updated_at)
      select p.id, d.day, case when d.step_index is not null then p.plan_id end, case when d.step_index is not null then 4 end, d.step_index,
        case when random() < 0.033 then d.doses_missed else d.doses end,
        (2 + random() * 5)::int, (random() * 3)::int, (4 + random() * 5)::int, round((5 + random() * 3)::numeric, 1)::float8,
        (random() * 4)::int, (random() * 4)::int, (5 + random() * 4)::int, (1 + random() * 4)::int, (random() * 2)::int, (random() * 1.4)::int, (5 + random() * 4)::int,
        '', case when random() < 0.3 then 'Walked to the shops' else '' end,
        case when extract(isodow from d.day) = 1 then array[(random() * 2)::int, (random() * 2)::int]::smallint[] end,
        case when extract(isodow from d.day) = 1 then array[(random() * 2)::int, (random() * 2)::int]::smallint[] end,
        '', d.day + time '20:00', d.day + time '20:00'
      from bench_patients p join bench_days d on d.profile = p.profile
      where random() > 0.04`;

    // The shared record the measured reads look at: a weekly review every two weeks and two finalised MDT
    // reviews in the last six months for every running plan (triage's review facts, trends' markers), and the
    // supports listed with the plans: physiotherapy for all, rescue medication for one in ten, of which one
    // in five is past its limits (the alert sweep raises its alert, once).
    await tx`insert into weekly_reviews (patient_id, reviewer_id, reviewer_discipline, period_start, period_end, summary, decision, next_review_on, snapshot, created_at)
      select p.id, c.id, 'prescriber', x.d - 6, x.d, 'Bench: a steady week.', 'continue', x.d + 14, '{"bench": true}'::jsonb, x.d + time '11:00'
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians}
      cross join generate_series(1, 12) w cross join lateral (select ${today}::date - (w * 14 + p.n % 7) as d) x
      where not p.draft`;
    await tx`create temp table bench_meetings on commit drop as
      select m, gen_random_uuid() as id, ${today}::date - m * 28 as held_on from generate_series(1, 6) m`;
    await tx`insert into mdt_meetings (id, held_on, title, created_by, finalised_at, created_at, updated_at)
      select b.id, b.held_on, 'Bench MDT ' || b.m, c.id, b.held_on + time '17:00', b.held_on + time '09:00', b.held_on + time '17:00'
      from bench_meetings b join bench_clinicians c on c.n = 0`;
    await tx`insert into mdt_attendees (meeting_id, clinician_id, discipline)
      select b.id, c.id, (${tx.array([...disciplines])}::text[])[c.n + 1]::discipline from bench_meetings b join bench_clinicians c on c.n < ${Math.min(4, size.clinicians)}`;
    await tx`insert into mdt_patient_items (meeting_id, patient_id, agenda_reasons, discussion, decisions, shared_summary, recorded_by, recorded_at, created_at)
      select b.id, p.id, array['not-reviewed'], 'Bench: discussed.', 'Continue the plan.', 'The team reviewed your taper and agreed to continue.', c.id,
        b.held_on + time '12:00', b.held_on + time '09:00'
      from bench_patients p join bench_meetings b on (b.m + p.n) % 3 = 0 join bench_clinicians c on c.n = p.n % ${size.clinicians}
      where not p.draft`;
    await tx`insert into adjunct_therapies (patient_id, plan_id, kind, started_on, created_by, created_at, updated_at)
      select p.id, p.plan_id, 'physiotherapy', ${addDays(today, -150)}, c.id, now() - interval '150 days', now() - interval '150 days'
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians} where not p.draft`;
    await tx`insert into adjunct_therapies (patient_id, plan_id, kind, name, started_on, max_days, stop_criteria, follow_up_on, created_by, created_at, updated_at)
      select p.id, p.plan_id, 'rescue-medication', 'Bench rescue medicine', ${today}::date - x.ago, 5, 'Stop once the spasms settle.', ${today}::date - x.ago + 8, c.id,
        now() - x.ago * interval '1 day', now() - x.ago * interval '1 day'
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians}
      cross join lateral (select case when p.n % 50 = 1 then 12 else 2 end as ago) x
      where not p.draft and p.n % 10 = 1`;

    // What a running taper gathers besides check-ins, so the measured reads probe these tables as a clinic's
    // would, not empty ones: a decision (advance) at the end of every past step, two goals (one achieved),
    // and, for one patient in three, the conversation's read state (one in ten of those unread by the team).
    await tx`insert into step_decisions (plan_id, patient_id, step_index, step_end_date, recommendation, evidence, decision, reason, plan_version, decided_by, created_at)
      select p.plan_id, p.id, (s->>'index')::int, (s->>'endDate')::date, 'go', '{"bench": true}'::jsonb, 'advance', 'Bench: the step was tolerated.', 4, c.id,
        (s->>'endDate')::date + time '09:00'
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians} join bench_profile bp on bp.profile = p.profile % 4
      cross join lateral jsonb_array_elements(bp.steps) s
      where not p.draft and (s->>'endDate')::date < ${today}::date`;
    await tx`insert into goals (patient_id, title, measure, target, due_on, status, created_by, created_at, updated_at)
      select p.id, g.title, g.measure, g.target, ${today}::date + 60, g.status::goal_status, c.id, now() - interval '140 days',
        now() - case when g.status = 'achieved' then interval '60 days' else interval '140 days' end
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians}
      cross join (values ('Walk 20 minutes a day', 'Minutes walked a day', '20 minutes', 'active'),
        ('Sleep through the night', 'Nights slept through in a week', '5 nights', 'achieved')) g(title, measure, target, status)
      where not p.draft`;
    await tx`insert into patient_conversations (patient_id, last_patient_message_at, team_read_at, team_read_by)
      select p.id, now() - (p.n % 30) * interval '1 day' - interval '3 hours',
        case when p.n % 30 <> 0 then now() - (p.n % 30) * interval '1 day' end, case when p.n % 30 <> 0 then c.id end
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians} where p.n % 3 = 0`;

    // Alerts: a month's worth of acknowledged history per patient, and some still open (5% urgent, 15% warning).
    await tx`insert into alerts (patient_id, kind, severity, code, evidence, dedupe_key, created_at, acknowledged_at, acknowledged_by, acknowledge_note)
      select p.id, 'criterion', 'warning', 'default-sleep-slow', '{"bench": true}'::jsonb, 'bench:history:' || m, now() - m * interval '30 days',
        now() - m * interval '30 days' + interval '1 day', c.id, 'Reviewed at the weekly check.'
      from bench_patients p join bench_clinicians c on c.n = p.n % ${size.clinicians} cross join generate_series(1, 5) m`;
    await tx`insert into alerts (patient_id, kind, severity, code, evidence, dedupe_key, created_at)
      select p.id, case when p.n % 20 = 3 then 'red-flag' else 'criterion' end::alert_kind, case when p.n % 20 = 3 then 'urgent' else 'warning' end::alert_severity,
        case when p.n % 20 = 3 then 'severe-anxiety-agitation' else 'default-spasticity-hold' end, '{"bench": true}'::jsonb, 'bench:open', now() - interval '1 day'
      from bench_patients p where p.n % 20 = 3 or p.n % 20 in (5, 11, 17)`;
  });
  // A clinic's tables are vacuumed by autovacuum as they fill (check_ins after 1% new rows): a bulk load
  // is vacuumed at once, so index-only reads find the pages marked all-visible as they would be in use.
  await sql`vacuum (analyze)`;
  const [counts] = await sql<{ check_ins: number; plans: number; alerts: number; reviews: number; supports: number }[]>`
    select (select count(*)::int from check_ins) as check_ins, (select count(*)::int from taper_plans) as plans, (select count(*)::int from alerts) as alerts,
      (select count(*)::int from weekly_reviews) + (select count(*)::int from mdt_patient_items) as reviews, (select count(*)::int from adjunct_therapies) as supports`;
  return {
    patients: size.patients,
    clinicians: size.clinicians,
    checkIns: counts?.check_ins ?? 0,
    plans: counts?.plans ?? 0,
    alerts: counts?.alerts ?? 0,
    reviews: counts?.reviews ?? 0,
    supports: counts?.supports ?? 0,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Records the milestones the seeded history has reached, through the service a check-in calls, as the
 * clinic's own check-ins would have over those months. Without them each patient's first measured
 * check-in would record months of milestones at once, which no real check-in does.
 */
export async function recordSeededMilestones(db: Db, sql: Sql, now = new Date()): Promise<number> {
  const patients = await sql<{ id: string; time_zone: string }[]>`select u.id, u.time_zone from users u join patient_profiles p on p.patient_id = u.id order by u.id`;
  let recorded = 0;
  for (let i = 0; i < patients.length; i += 4) {
    const batch = patients.slice(i, i + 4);
    const counts = await Promise.all(batch.map((p) => db.transaction((tx) => recordMilestones(tx, p.id, localDate(p.time_zone, now)))));
    recorded += counts.reduce((a, b) => a + b, 0);
  }
  return recorded;
}
