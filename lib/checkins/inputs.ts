// zod inputs of check-ins: the daily check-in with the messages shown next to each field, and the list.
import { z } from 'zod';
import { uuidSchema } from '~/lib/validation';
import { redFlagCodes } from './types';

const score = (max: number) =>
  z.number('Choose a number.').int('Choose a whole number.').min(0, 'Choose 0 or more.').max(max, `Choose ${max} or less.`).nullable().default(null);
const screener = z.tuple([z.number().int().min(0).max(3), z.number().int().min(0).max(3)]).nullable().default(null);

export const doseTakenInput = z
  .strictObject({
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as HH:MM.'),
    takenMg: z.number('Enter the dose in mg.').min(0, 'The dose cannot be negative.').max(240, 'That dose is too high to be right.').nullable(),
    status: z.enum(['taken', 'changed', 'missed']),
  })
  .refine((d) => (d.status === 'missed') === (d.takenMg === null), { message: 'A missed dose has no amount; a taken dose needs one.', path: ['takenMg'] });

export const submitCheckInInput = z.strictObject({
  patientId: uuidSchema,
  idempotencyKey: z.uuid('The submission key is not valid. Reload the page.'),
  localDate: z.iso.date('The date is written as YYYY-MM-DD.'),
  doses: z.array(doseTakenInput).max(6, 'At most 6 doses a day.'),
  scores: z
    .strictObject({
      spasticity: score(10),
      spasmFrequency: score(4),
      sleepQuality: score(10),
      restlessness: score(10),
      anxiety: score(10),
      mood: score(10),
      pain: score(10),
      headache: score(10),
      nausea: score(10),
      strengthMobility: score(10),
    })
    .default({
      spasticity: null, spasmFrequency: null, sleepQuality: null, restlessness: null, anxiety: null, mood: null, pain: null, headache: null, nausea: null, strengthMobility: null,
    }),
  sleepHours: z.number('Enter the hours slept.').min(0, 'Choose 0 or more.').max(24, 'At most 24 hours.').nullable().default(null),
  redFlags: z.array(z.enum(redFlagCodes)).max(redFlagCodes.length).default([]),
  stressors: z.string().trim().max(500, 'Use at most 500 characters.').default(''),
  activity: z.string().trim().max(500, 'Use at most 500 characters.').default(''),
  systolic: z.number().int().min(50, 'That is too low to be right.').max(260, 'That is too high to be right.').nullable().default(null),
  diastolic: z.number().int().min(30, 'That is too low to be right.').max(160, 'That is too high to be right.').nullable().default(null),
  heartRate: z.number().int().min(30, 'That is too low to be right.').max(250, 'That is too high to be right.').nullable().default(null),
  phq2: screener,
  gad2: screener,
  notes: z.string().trim().max(2000, 'Use at most 2000 characters.').default(''),
});
export type SubmitCheckInInput = z.output<typeof submitCheckInInput>;

/** The last `days` days of check-ins (two weeks unless asked). */
export const listCheckInsInput = z.strictObject({ patientId: uuidSchema, days: z.number().int().min(1).max(366).default(14) });
