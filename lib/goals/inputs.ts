// zod inputs for goals and the progress recorded on them, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';

/** A real calendar date as YYYY-MM-DD (30 February is refused, not rolled over). */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const isoDate = (message: string) => z.string().trim().refine(isCalendarDate, message);

export const goalFields = {
  title: z.string().trim().min(2, 'Say what the goal is (for example “Walk to the corner shop”).').max(200, 'Use at most 200 characters.'),
  measure: z.string().trim().min(2, 'Say how it is measured (for example “minutes walked a day”).').max(300, 'Use at most 300 characters.'),
  target: z.string().trim().min(1, 'Say the target in words (for example “20 minutes a day”).').max(200, 'Use at most 200 characters.'),
  targetValue: z.number('Enter the target as a number.').finite('Enter the target as a number.').min(-1_000_000).max(1_000_000).nullable().default(null),
  targetUnit: z.string().trim().max(50, 'Use at most 50 characters.').default(''),
  dueOn: isoDate('Enter a date as YYYY-MM-DD.').nullable().default(null),
};

export const createGoalInput = z.strictObject({ patientId: uuidSchema, ...goalFields });

export const reviseGoalInput = z.strictObject({
  patientId: uuidSchema,
  goalId: uuidSchema,
  expectedVersion: versionNumberSchema,
  ...goalFields,
  reason: z.string().trim().min(2, 'Say why the goal is revised.').max(500, 'Use at most 500 characters.'),
});

export const setGoalStatusInput = z
  .strictObject({
    patientId: uuidSchema,
    goalId: uuidSchema,
    expectedVersion: versionNumberSchema,
    status: z.enum(['achieved', 'dropped'], 'Choose achieved or dropped.'),
    reason: z.string().trim().max(500, 'Use at most 500 characters.').default(''),
  })
  .refine((v) => v.status !== 'dropped' || v.reason.length >= 2, { message: 'Say why the goal is dropped.', path: ['reason'] });

export const recordProgressInput = z
  .strictObject({
    patientId: uuidSchema,
    goalId: uuidSchema,
    recordedOn: isoDate('Enter a date as YYYY-MM-DD.'),
    value: z.number('Enter a number.').finite('Enter a number.').min(-1_000_000).max(1_000_000).nullable().default(null),
    note: z.string().trim().max(1000, 'Use at most 1000 characters.').default(''),
  })
  .refine((v) => v.value !== null || v.note.length > 0, { message: 'Enter a value or a few words about how it went.', path: ['value'] });
