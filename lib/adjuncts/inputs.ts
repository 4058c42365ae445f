// zod inputs for adjunct therapies, with the rules rescue medication must meet and a message beside each field.
import { z } from 'zod';
import { adjunctKinds } from '~/lib/enums';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { addDays } from '~/lib/dates';
import { FOLLOW_UP_GRACE_DAYS, latestFollowUp, RESCUE_MAX_DAYS } from '~/lib/adjuncts/rescue';

export type { AdjunctKind } from '~/lib/adjuncts/kinds';

/** A real calendar date as YYYY-MM-DD ('2026-02-30' is not one). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const isoDate = (message: string) => z.string().trim().refine(isCalendarDate, message);

const adjunctFields = {
  kind: z.enum(adjunctKinds, 'Choose which support this is.'),
  name: z.string().trim().max(200, 'Use at most 200 characters.').default(''),
  notes: z.string().trim().max(2000, 'Use at most 2000 characters.').default(''),
  startedOn: isoDate('Enter the start date.'),
  maxDays: z
    .number('Enter the maximum number of days as a whole number.')
    .int('Enter the maximum number of days as a whole number.')
    .min(1, 'Rescue medication needs a maximum of at least 1 day.')
    .max(RESCUE_MAX_DAYS, `Rescue medication is a short course: at most ${RESCUE_MAX_DAYS} days.`)
    .nullable()
    .default(null),
  stopCriteria: z.string().trim().max(1000, 'Use at most 1000 characters.').nullable().default(null),
  followUpOn: isoDate('Enter the follow-up date.').nullable().default(null),
};

type AdjunctFields = z.output<z.ZodObject<typeof adjunctFields>>;

/** The rules that depend on the kind: what rescue medication must name, and what only it may have. */
function checkKindRules(v: AdjunctFields, ctx: z.RefinementCtx) {
  const issue = (path: keyof AdjunctFields, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.kind === 'rescue-medication') {
    if (v.name.length < 2) issue('name', 'Name the medicine and its dose (for example “Diazepam 2 mg at night”).');
    if (v.maxDays === null) issue('maxDays', 'Rescue medication needs a maximum number of days.');
    if (!v.stopCriteria || v.stopCriteria.length < 3) issue('stopCriteria', 'Say when the rescue medication stops (for example “Stop when spasms are back to 2 or less”).');
    // A malformed date already has its own message: nothing is compared with it.
    if (v.followUpOn === null) issue('followUpOn', 'Rescue medication needs a follow-up date.');
    else if (!isCalendarDate(v.followUpOn) || !isCalendarDate(v.startedOn)) return;
    else if (v.followUpOn < v.startedOn) issue('followUpOn', 'The follow-up cannot be before the start date.');
    else if (v.maxDays !== null && v.maxDays >= 1 && v.maxDays <= RESCUE_MAX_DAYS && v.followUpOn > latestFollowUp(v.startedOn, v.maxDays)) {
      issue('followUpOn', `Set the follow-up no later than ${FOLLOW_UP_GRACE_DAYS} days after the course’s last day (${latestFollowUp(v.startedOn, v.maxDays)}).`);
    }
    return;
  }
  if (v.kind === 'other' && v.name.length < 2) issue('name', 'Name the support (for example “Hydrotherapy”).');
  if (v.maxDays !== null) issue('maxDays', 'Only rescue medication has a maximum number of days.');
  if (v.stopCriteria !== null && v.stopCriteria !== '') issue('stopCriteria', 'Only rescue medication has stop criteria.');
  if (v.followUpOn !== null) issue('followUpOn', 'Only rescue medication has a follow-up date.');
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
  stoppedOn: isoDate('Enter the date it stopped.'),
  reason: z.string().trim().min(3, 'Say why it stopped: the team and the patient see it.').max(1000, 'Use at most 1000 characters.'),
});

export type AddAdjunctInput = z.output<typeof addAdjunctInput>;
export type UpdateAdjunctInput = z.output<typeof updateAdjunctInput>;
export type StopAdjunctInput = z.output<typeof stopAdjunctInput>;

/** How far from today a start date may be: a typo in the year is caught, a planned or recent course is not. */
export const START_WINDOW_DAYS = 365;
export function startOutOfWindow(startedOn: string, today: string): boolean {
  return startedOn < addDays(today, -START_WINDOW_DAYS) || startedOn > addDays(today, START_WINDOW_DAYS);
}
