// Patients' daily check-in reminders and "your dose changes tomorrow" notices, clinicians' daily digests, and
// what a digest counts. Run every minute by the 'reminders' and 'digests' jobs with the time they run at.
// Notices carry no health data: the kind and a link; the worker renders the words, and a digest's counts,
// at delivery. The patient's home page shows tomorrow's doses behind sign-in (doseChangeTomorrow).
import 'server-only';
import { and, count, eq, gt, inArray, isNull, like, ne, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '~/db';
import {
  alerts, careTeamMembers, checkIns, notifications, notificationSettings, patientConversations, taperPlans, taperPlanVersions, users,
} from '~/db/schema';
import { addDays, localDate } from '~/lib/dates';
import {
  checkInReminderDue, digestDue, doseChangeDue, reminderKeys, REMINDER_GRACE_MINUTES, sameDayDelivery, stepChangingOn,
} from '~/lib/notify/reminders';
import type { DoseAtTime } from '~/lib/taper/types';
import { triageList } from '~/server/triage/service';
import { enqueueNotifications, type NewNotice } from './outbox';
import { DEFAULT_SETTINGS, deliveryFor, type NotificationSettings, type Recipient } from './settings';

/** The settings columns, read beside the person in one statement (null when they never saved any). */
const settingsColumns = {
  saved: notificationSettings.userId,
  emailEnabled: notificationSettings.emailEnabled,
  pushEnabled: notificationSettings.pushEnabled,
  urgentEnabled: notificationSettings.urgentEnabled,
  messagesEnabled: notificationSettings.messagesEnabled,
  digest: notificationSettings.digest,
  digestTime: notificationSettings.digestTime,
  reminderTime: notificationSettings.reminderTime,
  doseChangeEnabled: notificationSettings.doseChangeEnabled,
  quietStart: notificationSettings.quietStart,
  quietEnd: notificationSettings.quietEnd,
};

type SettingsRow = { [K in keyof typeof settingsColumns]: (typeof settingsColumns)[K]['_']['data'] | null };

/** The same defaults as loadRecipients: no row means the defaults; a saved row is taken as it is. */
function settingsOf(row: SettingsRow): NotificationSettings {
  if (row.saved === null) return DEFAULT_SETTINGS;
  return {
    emailEnabled: row.emailEnabled ?? DEFAULT_SETTINGS.emailEnabled,
    pushEnabled: row.pushEnabled ?? DEFAULT_SETTINGS.pushEnabled,
    urgentEnabled: row.urgentEnabled ?? DEFAULT_SETTINGS.urgentEnabled,
    messagesEnabled: row.messagesEnabled ?? DEFAULT_SETTINGS.messagesEnabled,
    digest: row.digest ?? DEFAULT_SETTINGS.digest,
    digestTime: row.digestTime ?? DEFAULT_SETTINGS.digestTime,
    reminderTime: row.reminderTime,
    doseChangeEnabled: row.doseChangeEnabled ?? DEFAULT_SETTINGS.doseChangeEnabled,
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
  };
}

/** Minutes after midnight of an 'HH:MM' text column or expression, in SQL. */
const sqlMinutes = (hhmm: SQL) => sql`(substr(${hhmm}, 1, 2)::int * 60 + substr(${hhmm}, 4, 2)::int)`;

/**
 * Writes the check-in reminders and dose-change notices due at `now`, for patients whose plan is running:
 * check-in reminders while it is active or paused (the team wants the check-ins of a pause too), dose-change
 * notices while it is active (a paused plan holds its step). One statement finds the candidates, narrowed in SQL to those
 * whose notice time is near their clock now and who have not had today's reminder or checked in today;
 * the exact rule (lib/notify/reminders) decides, and each patient's notices are written in a transaction
 * of their own. Idempotent: the dedupe keys make a second run (or a second worker) write nothing.
 */
export async function runPatientReminders(db: Db, now = new Date()): Promise<{ checkIn: number; doseChange: number }> {
  const localNow = sql`(${now.toISOString()}::timestamptz at time zone ${users.timeZone})`;
  const today = sql`(${localNow})::date`;
  const clockNow = sql`(extract(hour from ${localNow})::int * 60 + extract(minute from ${localNow})::int)`;
  // The reminder time (19:00 without saved settings); the dose-change notice uses it, or 18:00 when it is off.
  const reminderTime = sql`(case when ${notificationSettings.userId} is null then ${DEFAULT_SETTINGS.reminderTime} else ${notificationSettings.reminderTime} end)`;
  const noticeTime = sql`coalesce(${reminderTime}, '18:00')`;
  // A superset of the exact rule: the clock from an hour before the notice time (a clock that went back
  // an hour) to an hour past the grace (one that went forward).
  const nearNoticeTime = sql`((${clockNow} - ${sqlMinutes(noticeTime)} + 1440 + 60) % 1440) <= ${REMINDER_GRACE_MINUTES + 120}`;
  const checkedIn = sql<boolean>`exists (select 1 from ${checkIns} c where c.patient_id = ${taperPlans.patientId} and c.local_date = ${today})`;
  const reminded = sql<boolean>`exists (select 1 from ${notifications} n where n.dedupe_key = 'check-in:' || ${taperPlans.patientId}::text || ':' || ${today}::text)`;
  // The step starting tomorrow, from the step summary (no doses): most days there is none. Only on an active
  // plan: a paused one holds its step, so nothing changes tomorrow.
  const tomorrowStep = sql<string | null>`(case when ${taperPlans.status} = 'active' then (select s->>'startDate'
    from jsonb_array_elements(${taperPlanVersions.stepSummary}) s where s->>'startDate' = (${today} + 1)::text limit 1) end)`;
  const doseTold = sql<boolean>`exists (select 1 from ${notifications} n
    where n.dedupe_key = 'dose:' || ${taperPlans.id}::text || ':' || ${taperPlans.version}::text || ':' || (${today} + 1)::text)`;
  const candidates = await db
    .select({
      patientId: taperPlans.patientId,
      planId: taperPlans.id,
      version: taperPlans.version,
      timeZone: users.timeZone,
      ...settingsColumns,
      checkedIn,
      reminded,
      tomorrowStep,
    })
    .from(taperPlans)
    .innerJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
    .innerJoin(users, eq(users.id, taperPlans.patientId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, taperPlans.patientId))
    .where(and(
      inArray(taperPlans.status, ['active', 'paused']),
      isNull(users.disabledAt),
      nearNoticeTime,
      // Something may be left to send: today's reminder, or tomorrow's step's notice.
      sql`((${reminderTime} is not null and not ${checkedIn} and not ${reminded})
        or (coalesce(${notificationSettings.doseChangeEnabled}, true) and ${tomorrowStep} is not null and not ${doseTold}))`,
    ));

  let checkIn = 0;
  let doseChange = 0;
  for (const c of candidates) {
    const settings = settingsOf(c);
    const recipient: Recipient = { userId: c.patientId, timeZone: c.timeZone, settings };
    const reminder = c.checkedIn || c.reminded ? null : checkInReminderDue(now, c.timeZone, settings.reminderTime);
    const dose = c.tomorrowStep ? doseChangeDue(now, c.timeZone, settings, [c.tomorrowStep]) : null;
    if (!reminder && !dose) continue;
    const written = await db.transaction(async (tx) => {
      const notices: NewNotice[] = [];
      if (reminder) {
        notices.push({
          recipient: { userId: c.patientId },
          patientId: c.patientId,
          kind: 'check-in-reminder',
          link: '/patient/check-in',
          dedupeKey: reminderKeys.checkIn(c.patientId, reminder.localDate),
          ...sameDayDelivery(deliveryFor(recipient, { urgent: false }, now), c.timeZone, reminder.localDate),
        });
      }
      if (dose && (await announcesDoseChange(tx, c, dose.stepStartDate))) {
        notices.push({
          recipient: { userId: c.patientId },
          patientId: c.patientId,
          kind: 'dose-change',
          link: '/patient/plan',
          dedupeKey: reminderKeys.doseChange(c.planId, c.version, dose.stepStartDate),
          ...sameDayDelivery(deliveryFor(recipient, { urgent: false }, now), c.timeZone, dose.localDate),
        });
      }
      const counts = { checkIn: 0, doseChange: 0 };
      for (const notice of notices) {
        const ids = await enqueueNotifications(tx, [notice]);
        if (notice.kind === 'check-in-reminder') counts.checkIn += ids.length;
        else counts.doseChange += ids.length;
      }
      return counts;
    });
    checkIn += written.checkIn;
    doseChange += written.doseChange;
  }
  return { checkIn, doseChange };
}

/**
 * Whether the step starting on `stepStartDate` changes what the patient takes (read with its doses, for
 * this patient only), and no notice went out for that step under an earlier version of the same plan (an
 * edit after the notice that kept the date: the patient was told already).
 */
async function announcesDoseChange(tx: DbOrTx, plan: { planId: string; version: number; patientId: string }, stepStartDate: string): Promise<boolean> {
  const [version] = await tx
    .select({ steps: taperPlanVersions.steps, currentDailyMg: sql<number>`(${taperPlanVersions.input}->>'currentDailyMg')::float8` })
    .from(taperPlanVersions)
    .where(and(eq(taperPlanVersions.planId, plan.planId), eq(taperPlanVersions.version, plan.version)));
  if (!version || !stepChangingOn(version.steps, version.currentDailyMg, stepStartDate)) return false;
  const [told] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(
      eq(notifications.recipientId, plan.patientId),
      eq(notifications.kind, 'dose-change'),
      like(notifications.dedupeKey, `dose:${plan.planId}:%:${stepStartDate}`),
      ne(notifications.dedupeKey, reminderKeys.doseChange(plan.planId, plan.version, stepStartDate)),
    ))
    .limit(1);
  return !told;
}

/**
 * Writes the daily digests due at `now`: clinicians who chose a daily digest, whose digest time came today
 * on their clock, and who have not had today's. Returns how many were written. The notice holds no counts:
 * the worker reads digestCounts when it delivers, so the email says what waits then.
 */
export async function runDigests(db: Db, now = new Date()): Promise<number> {
  const localNow = sql`(${now.toISOString()}::timestamptz at time zone ${users.timeZone})`;
  const today = sql`(${localNow})::date`;
  const clockNow = sql`(extract(hour from ${localNow})::int * 60 + extract(minute from ${localNow})::int)`;
  const candidates = await db
    .select({ userId: users.id, timeZone: users.timeZone, ...settingsColumns })
    .from(users)
    .innerJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(and(
      eq(users.role, 'clinician'),
      isNull(users.disabledAt),
      eq(notificationSettings.digest, 'daily'),
      // A superset of "the digest time came today": an hour's slack for a clock that went back.
      sql`${clockNow} >= ${sqlMinutes(sql`${notificationSettings.digestTime}`)} - 60`,
      sql`not exists (select 1 from ${notifications} n where n.dedupe_key = 'digest:' || ${users.id}::text || ':' || ${today}::text)`,
    ));
  let written = 0;
  for (const c of candidates) {
    const settings = settingsOf(c);
    const due = digestDue(now, c.timeZone, settings);
    if (!due) continue;
    const recipient: Recipient = { userId: c.userId, timeZone: c.timeZone, settings };
    const ids = await db.transaction((tx) =>
      enqueueNotifications(tx, [{
        recipient: { userId: c.userId },
        patientId: null,
        kind: 'digest',
        link: '/clinician',
        dedupeKey: reminderKeys.digest(c.userId, due.localDate),
        ...deliveryFor(recipient, { urgent: false }, now),
      }]),
    );
    written += ids.length;
  }
  return written;
}

export interface DigestCounts {
  /** Open (unacknowledged) urgent alerts. */
  urgentAlerts: number;
  /** Open warnings and other non-urgent alerts. */
  otherAlerts: number;
  /** Patients whose latest message the team has not read. */
  unreadConversations: number;
  /** Running plans whose step decision is due (as on the triage list). */
  decisionsDue?: number;
}

/**
 * What waits for a clinician, counted over the patients of their care teams only: for the digest email,
 * which says how many, never who or what.
 */
export async function digestCounts(db: DbOrTx, clinicianId: string, now = new Date()): Promise<DigestCounts> {
  const onTeam = (patientId: typeof alerts.patientId | typeof patientConversations.patientId) =>
    sql`exists (select 1 from ${careTeamMembers} t where t.patient_id = ${patientId} and t.clinician_id = ${clinicianId})`;
  const [open] = await db
    .select({
      urgent: sql<number>`(count(*) filter (where ${alerts.severity} = 'urgent'))::int`,
      other: sql<number>`(count(*) filter (where ${alerts.severity} <> 'urgent'))::int`,
    })
    .from(alerts)
    .where(and(isNull(alerts.acknowledgedAt), onTeam(alerts.patientId)));
  const [unread] = await db
    .select({ n: count() })
    .from(patientConversations)
    .where(and(
      onTeam(patientConversations.patientId),
      gt(patientConversations.lastPatientMessageAt, sql`coalesce(${patientConversations.teamReadAt}, '-infinity'::timestamptz)`),
    ));
  const decisionsDue = (await triageList(db, clinicianId, now)).filter((row) => row.decisionDue).length;
  return { urgentAlerts: open?.urgent ?? 0, otherAlerts: open?.other ?? 0, unreadConversations: unread?.n ?? 0, decisionsDue };
}

export interface DoseChangeTomorrow {
  /** The step's first day (tomorrow on the patient's clock). */
  startDate: string;
  dailyMg: number;
  /** What to take at each dose time from tomorrow (times given nothing are left out). */
  doses: DoseAtTime[];
}

/**
 * The doses of the step that starts tomorrow on the patient's clock, when it changes what they take and
 * their plan is running; null otherwise. In the app only: emails and push never carry doses.
 */
export async function doseChangeTomorrow(db: DbOrTx, patientId: string, now = new Date()): Promise<DoseChangeTomorrow | null> {
  const [row] = await db
    .select({
      timeZone: users.timeZone,
      steps: taperPlanVersions.steps,
      currentDailyMg: sql<number>`(${taperPlanVersions.input}->>'currentDailyMg')::float8`,
    })
    .from(taperPlans)
    .innerJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
    .innerJoin(users, eq(users.id, taperPlans.patientId))
    .where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, ['active'])))
    .limit(1);
  if (!row) return null;
  const tomorrow = addDays(localDate(row.timeZone, now), 1);
  const step = stepChangingOn(row.steps, row.currentDailyMg, tomorrow);
  if (!step) return null;
  return { startDate: step.startDate, dailyMg: step.dailyMg, doses: step.doses.filter((d) => d.mg > 0) };
}
