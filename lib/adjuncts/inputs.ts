// zod inputs for adjunct therapies, with the rules rescue medication must meet and a message beside each field.
import { z } from 'zod';
import { adjunctKinds } from '~/lib/enums';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { addDays } from '~/lib/dates';
import { latestFollowUp, RESCUE_MAX_DAYS } from '~/lib/adjuncts/rescue';
import { ek, type ErrorKey } from '~/i18n/error-keys';
import type { AdjunctKind } from '~/lib/adjuncts/kinds';

export type { AdjunctKind } from '~/lib/adjuncts/kinds';

/** A real calendar date as YYYY-MM-DD ('2026-02-30' is not one). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const isoDate = (message: ErrorKey) => z.string().trim().refine(isCalendarDate, message);

const adjunctFields = {
  kind: z.enum(adjunctKinds, ek('adjuncts.kind')),
  name: z.string().trim().max(200, ek('validation.atMostChars')).default(''),
  notes: z.string().trim().max(2000, ek('validation.atMostChars')).default(''),
  startedOn: isoDate(ek('adjuncts.startDate')),
  maxDays: z
    .number(ek('adjuncts.maxDaysWhole'))
    .int(ek('adjuncts.maxDaysWhole'))
    .min(1, ek('adjuncts.maxDaysAtLeastOne'))
    .max(RESCUE_MAX_DAYS, ek('adjuncts.maxDaysShortCourse'))
    .nullable()
    .default(null),
  stopCriteria: z.string().trim().max(1000, ek('validation.atMostChars')).nullable().default(null),
  followUpOn: isoDate(ek('adjuncts.followUpDate')).nullable().default(null),
};

type AdjunctFields = z.output<z.ZodObject<typeof adjunctFields>>;

/** The rules that depend on the kind: what rescue medication must name, and what only it may have. */
function checkKindRules(v: AdjunctFields, ctx: z.RefinementCtx) {
  const issue = (path: keyof AdjunctFields, message: ErrorKey) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.kind === 'rescue-medication') {
    if (v.name.length < 2) issue('name', 'adjuncts.rescueName');
    if (v.maxDays === null) issue('maxDays', 'adjuncts.rescueMaxDays');
    if (!v.stopCriteria || v.stopCriteria.length < 3) issue('stopCriteria', 'adjuncts.rescueStopCriteria');
    // A malformed date already has its own message: nothing is compared with it.
    if (v.followUpOn === null) issue('followUpOn', 'adjuncts.rescueFollowUp');
    else if (!isCalendarDate(v.followUpOn) || !isCalendarDate(v.startedOn)) return;
    else if (v.followUpOn < v.startedOn) issue('followUpOn', 'adjuncts.followUpBeforeStart');
    // How late the follow-up may fall is checked by the service (followUpPastLatest): its message names a date,
    // and a schema's message can carry only the bounds of its check.
    return;
  }
  if (v.kind === 'other' && v.name.length < 2) issue('name', 'adjuncts.otherName');
  if (v.maxDays !== null) issue('maxDays', 'adjuncts.maxDaysRescueOnly');
  if (v.stopCriteria !== null && v.stopCriteria !== '') issue('stopCriteria', 'adjuncts.stopCriteriaRescueOnly');
  if (v.followUpOn !== null) issue('followUpOn', 'adjuncts.followUpRescueOnly');
}

/**
 * The latest follow-up date a rescue course allows, when the follow-up is set after it; null when it is not.
 * Called on input the schema accepted (real dates, a maximum within its bounds, a follow-up from the start on).
 */
export function followUpPastLatest(v: { kind: AdjunctKind; startedOn: string; maxDays: number | null; followUpOn: string | null }): string | null {
  if (v.kind !== 'rescue-medication' || v.maxDays === null || v.followUpOn === null) return null;
  const latest = latestFollowUp(v.startedOn, v.maxDays);
  return v.followUpOn > latest ? latest : null;
}

export const listAdjunctsInput = z.strictObject({ patientId: uuidSchema, planId: uuidSchema });

export const addAdjunctInput = z.strictObject({ patientId: uuidSchema, planId: uuidSchema, ...adjunctFields }).superRefine(checkKindRules);

/** The kind stays as it was added: a different support is stopped and a new one added, so the history reads true. */
export const updateAdjunctInput = z
  .strictObject({ patientId: uuidSchema, adjunctId: uuidSchema, expectedVersion: versionNumberSchema, ...adjunctFields })
  .superRefine(checkKindRules);

export const stopAdjunctInput = z.strictObject({
  patientId: uuidSchema,
  adjunctId: uuidSchema,
  expectedVersion: versionNumberSchema,
  stoppedOn: isoDate(ek('adjuncts.stopDate')),
  reason: z.string().trim().min(3, ek('adjuncts.stopReason')).max(1000, ek('validation.atMostChars')),
});

export type AddAdjunctInput = z.output<typeof addAdjunctInput>;
export type UpdateAdjunctInput = z.output<typeof updateAdjunctInput>;
export type StopAdjunctInput = z.output<typeof stopAdjunctInput>;

/** How far from today a start date may be: a typo in the year is caught, a planned or recent course is not. */
export const START_WINDOW_DAYS = 365;
export function startOutOfWindow(startedOn: string, today: string): boolean {
  return startedOn < addDays(today, -START_WINDOW_DAYS) || startedOn > addDays(today, START_WINDOW_DAYS);
}
