// zod inputs for plans: the taper parameters and every plan action, with the messages people see.
import { z } from 'zod';
import { planCommentVisibilities } from '~/lib/enums';
import { ek } from '~/i18n/error-keys';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';

const formulationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tablet'), strengthMg: z.number().positive(ek('plans.tabletStrength')).max(100), scored: z.boolean() }),
  z.strictObject({
    kind: z.literal('liquid'),
    mgPerMl: z.number().positive(ek('plans.liquidStrength')).max(10),
    minMeasurableMl: z.number().min(0.1, ek('taper.minMeasurable')).max(10),
  }),
]);

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, ek('plans.doseTimeFormat'));

export const taperInputSchema = z.strictObject({
  currentDailyMg: z.number(ek('plans.currentDoseRequired')).positive(ek('plans.currentDosePositive')).max(240, ek('plans.atMostMgADay')),
  doseTimes: z
    .array(timeSchema)
    .min(1, ek('plans.doseTimesRequired'))
    .max(6, ek('plans.doseTimesMax')),
  split: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('even') }),
    z.strictObject({ kind: z.literal('weighted'), weights: z.array(z.number().min(0).max(100)).min(1).max(6) }),
  ]),
  formulations: z.array(formulationSchema).min(1, ek('taper.noFormulations')).max(6),
  strategy: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), mgPerStep: z.number().positive(ek('plans.cutPositive')).max(40) }),
    z.strictObject({
      kind: z.literal('percent'),
      percent: z.number().positive(ek('plans.percentPositive')).max(50, ek('plans.atMostPercent')),
      minCutMg: z.number().positive(ek('plans.minCutPositive')).max(40),
      maxCutMg: z.number().positive(ek('plans.maxCutPositive')).max(40),
    }),
  ]),
  stepDays: z.number().int(ek('plans.wholeDays')).min(1, ek('plans.atLeastDays')).max(90, ek('plans.atMostDays')),
  targetDailyMg: z.number().min(0, ek('plans.targetMin')).max(240),
  startDate: z.iso.date(ek('plans.startDate')),
  maxCutPercent: z.number().positive(ek('plans.capPositive')).max(50, ek('plans.atMostPercent')),
  highDoseReason: z.string().trim().max(500).optional(),
  stopAtMg: z.number(ek('plans.stopAtRequired')).min(1, ek('plans.atLeastMgADay')).max(10, ek('plans.atMostMgADay')).optional(),
  followUpDays: z.number().int(ek('plans.wholeDays')).min(1, ek('plans.atLeastDays')).max(90, ek('plans.atMostDays')).optional(),
  dropOrder: z.array(timeSchema).max(6).optional(),
  slowFactor: z.number().positive().max(1).optional(),
});

const reasonSchema = z.string().trim().max(1000, ek('validation.atMostChars'));
const requiredReason = reasonSchema.min(3, ek('plans.reasonRequired'));
/** A prescriber's reason for accepting cuts above the cap; empty means none given. */
const aboveCapReason = z
  .string()
  .trim()
  .max(1000, ek('validation.atMostChars'))
  .refine((s) => s === '' || s.length >= 3, ek('plans.aboveCapReasonShort'))
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const versionRef = { patientId: uuidSchema, planId: uuidSchema, expectedVersion: versionNumberSchema, aboveCapReason };

export const createPlanInput = z.strictObject({ patientId: uuidSchema, input: taperInputSchema, reason: reasonSchema.default(''), aboveCapReason });
export const updatePlanInput = z.strictObject({ ...versionRef, input: taperInputSchema, reason: requiredReason });
export const transitionInput = z.strictObject({ ...versionRef, reason: reasonSchema.default('') });
export const requiredReasonTransitionInput = z.strictObject({ ...versionRef, reason: requiredReason });
export const extendInput = z.strictObject({ ...versionRef, reason: requiredReason, days: z.number().int().min(1, ek('plans.atLeastDays')).max(90, ek('plans.atMostDays')) });
export const slowInput = z.strictObject({ ...versionRef, reason: requiredReason, percent: z.number().int().min(5, ek('plans.atLeastPercent')).max(50, ek('plans.atMostPercent')) });
export const stepBackInput = z.strictObject({ ...versionRef, reason: requiredReason, slowPercent: z.number().int().min(5).max(50).default(25) });
export const editStepInput = z
  .strictObject({
    ...versionRef,
    reason: requiredReason,
    index: z.number().int().min(0),
    dailyMg: z.number().min(0).max(240).optional(),
    days: z.number().int().min(1).max(365).optional(),
  })
  .refine((v) => v.dailyMg !== undefined || v.days !== undefined, { message: ek('plans.changeDoseOrLength'), path: ['dailyMg'] });
export const commentInput = z.strictObject({
  patientId: uuidSchema,
  planId: uuidSchema,
  version: versionNumberSchema,
  body: z.string().trim().min(1, ek('plans.commentEmpty')).max(2000, ek('validation.atMostChars')),
  /** Who may read it; left out, the care team's comment on a draft is team-only, any other is shared. The patient's are always shared. */
  visibility: z.enum(planCommentVisibilities, ek('plans.commentVisibility')).optional(),
});
export const versionInput = z.strictObject({ patientId: uuidSchema, planId: uuidSchema, version: versionNumberSchema });
export const diffInput = z.strictObject({ patientId: uuidSchema, planId: uuidSchema, from: versionNumberSchema, to: versionNumberSchema });
