// zod inputs for goals and the progress recorded on them, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { ek, type ErrorKey } from '~/i18n/error-keys';

/** A real calendar date as YYYY-MM-DD (30 February is refused, not rolled over). */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const isoDate = (message: ErrorKey) => z.string().trim().refine(isCalendarDate, message);

export const goalFields = {
  title: z.string().trim().min(2, ek('goals.title')).max(200, ek('validation.atMostChars')),
  measure: z.string().trim().min(2, ek('goals.measure')).max(300, ek('validation.atMostChars')),
  target: z.string().trim().min(1, ek('goals.target')).max(200, ek('validation.atMostChars')),
  targetValue: z.number(ek('goals.targetNumber')).finite(ek('goals.targetNumber')).min(-1_000_000).max(1_000_000).nullable().default(null),
  targetUnit: z.string().trim().max(50, ek('validation.atMostChars')).default(''),
  dueOn: isoDate(ek('goals.dateFormat')).nullable().default(null),
};

export const createGoalInput = z.strictObject({ patientId: uuidSchema, ...goalFields });

export const reviseGoalInput = z.strictObject({
  patientId: uuidSchema,
  goalId: uuidSchema,
  expectedVersion: versionNumberSchema,
  ...goalFields,
  reason: z.string().trim().min(2, ek('goals.revisedReason')).max(500, ek('validation.atMostChars')),
});

export const setGoalStatusInput = z
  .strictObject({
    patientId: uuidSchema,
    goalId: uuidSchema,
    expectedVersion: versionNumberSchema,
    status: z.enum(['achieved', 'dropped'], ek('goals.status')),
    reason: z.string().trim().max(500, ek('validation.atMostChars')).default(''),
  })
  .refine((v) => v.status !== 'dropped' || v.reason.length >= 2, { message: ek('goals.droppedReason'), path: ['reason'] });

export const recordProgressInput = z
  .strictObject({
    patientId: uuidSchema,
    goalId: uuidSchema,
    recordedOn: isoDate(ek('goals.dateFormat')),
    value: z.number(ek('goals.number')).finite(ek('goals.number')).min(-1_000_000).max(1_000_000).nullable().default(null),
    note: z.string().trim().max(1000, ek('validation.atMostChars')).default(''),
  })
  .refine((v) => v.value !== null || v.note.length > 0, { message: ek('goals.valueOrNote'), path: ['value'] });
