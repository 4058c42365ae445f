// zod inputs for plans: the taper parameters and every plan action, with the messages people see.
import { z } from 'zod';
import { planCommentVisibilities } from '~/lib/enums';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';

const formulationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tablet'), strengthMg: z.number().positive('Choose a tablet strength.').max(100), scored: z.boolean() }),
  z.strictObject({
    kind: z.literal('liquid'),
    mgPerMl: z.number().positive('Choose the liquid’s strength.').max(10),
    minMeasurableMl: z.number().min(0.1, 'A volume under 0.1 mL cannot be measured reliably: choose 0.1 mL or more.').max(10),
  }),
]);

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write dose times as HH:MM.');

export const taperInputSchema = z.strictObject({
  currentDailyMg: z.number('Enter the current dose in mg a day.').positive('The current dose must be more than 0.').max(240, 'At most 240 mg a day.'),
  doseTimes: z
    .array(timeSchema)
    .min(1, 'Choose at least one dose time.')
    .max(6, 'At most 6 dose times.'),
  split: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('even') }),
    z.strictObject({ kind: z.literal('weighted'), weights: z.array(z.number().min(0).max(100)).min(1).max(6) }),
  ]),
  formulations: z.array(formulationSchema).min(1, 'List at least one formulation the patient has.').max(6),
  strategy: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), mgPerStep: z.number().positive('The cut must be more than 0.').max(40) }),
    z.strictObject({
      kind: z.literal('percent'),
      percent: z.number().positive('The percentage must be more than 0.').max(50, 'At most 50%.'),
      minCutMg: z.number().positive('The smallest cut must be more than 0.').max(40),
      maxCutMg: z.number().positive('The largest cut must be more than 0.').max(40),
    }),
  ]),
  stepDays: z.number().int('Whole days only.').min(1, 'At least 1 day.').max(90, 'At most 90 days.'),
  targetDailyMg: z.number().min(0, 'The target must be 0 or more.').max(240),
  startDate: z.iso.date('Enter the start date as YYYY-MM-DD.'),
  maxCutPercent: z.number().positive('The cap must be more than 0%.').max(50, 'At most 50%.'),
  highDoseReason: z.string().trim().max(500).optional(),
  stopAtMg: z.number('Enter the lowest dose before stopping in mg a day.').min(1, 'At least 1 mg a day.').max(10, 'At most 10 mg a day.').optional(),
  followUpDays: z.number().int('Whole days only.').min(1, 'At least 1 day.').max(90, 'At most 90 days.').optional(),
  dropOrder: z.array(timeSchema).max(6).optional(),
  slowFactor: z.number().positive().max(1).optional(),
});

const reasonSchema = z.string().trim().max(1000, 'Use at most 1000 characters.');
const requiredReason = reasonSchema.min(3, 'Give a reason: everyone on the plan sees it.');
/** A prescriber's reason for accepting cuts above the cap; empty means none given. */
const aboveCapReason = z
  .string()
  .trim()
  .max(1000, 'Use at most 1000 characters.')
  .refine((s) => s === '' || s.length >= 3, 'Give the reason in a few words: everyone on the plan sees it.')
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const versionRef = { patientId: uuidSchema, planId: uuidSchema, expectedVersion: versionNumberSchema, aboveCapReason };

export const createPlanInput = z.strictObject({ patientId: uuidSchema, input: taperInputSchema, reason: reasonSchema.default(''), aboveCapReason });
export const updatePlanInput = z.strictObject({ ...versionRef, input: taperInputSchema, reason: requiredReason });
export const transitionInput = z.strictObject({ ...versionRef, reason: reasonSchema.default('') });
export const requiredReasonTransitionInput = z.strictObject({ ...versionRef, reason: requiredReason });
export const extendInput = z.strictObject({ ...versionRef, reason: requiredReason, days: z.number().int().min(1, 'At least 1 day.').max(90, 'At most 90 days.') });
export const slowInput = z.strictObject({ ...versionRef, reason: requiredReason, percent: z.number().int().min(5, 'At least 5%.').max(50, 'At most 50%.') });
export const stepBackInput = z.strictObject({ ...versionRef, reason: requiredReason, slowPercent: z.number().int().min(5).max(50).default(25) });
export const editStepInput = z
  .strictObject({
    ...versionRef,
    reason: requiredReason,
    index: z.number().int().min(0),
    dailyMg: z.number().min(0).max(240).optional(),
    days: z.number().int().min(1).max(365).optional(),
  })
  .refine((v) => v.dailyMg !== undefined || v.days !== undefined, { message: 'Change the dose or the length.', path: ['dailyMg'] });
export const commentInput = z.strictObject({
  patientId: uuidSchema,
  planId: uuidSchema,
  version: versionNumberSchema,
  body: z.string().trim().min(1, 'Write something first.').max(2000, 'Use at most 2000 characters.'),
  /** Who may read it; left out, the care team's comment on a draft is team-only, any other is shared. The patient's are always shared. */
  visibility: z.enum(planCommentVisibilities, 'Choose who can read this comment.').optional(),
});
export const versionInput = z.strictObject({ patientId: uuidSchema, planId: uuidSchema, version: versionNumberSchema });
export const diffInput = z.strictObject({ patientId: uuidSchema, planId: uuidSchema, from: versionNumberSchema, to: versionNumberSchema });
