// zod inputs of check-ins: the daily check-in with the messages shown next to each field, and the list.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { uuidSchema } from '~/lib/validation';
import { redFlagCodes, type CheckInResult } from './types';

const score = (max: number) =>
  z.number(ek('checkins.chooseNumber')).int(ek('checkins.chooseWholeNumber')).min(0, ek('checkins.atLeast')).max(max, ek('checkins.atMost')).nullable().default(null);
const screener = z.tuple([z.number().int().min(0).max(3), z.number().int().min(0).max(3)]).nullable().default(null);

export const doseTakenInput = z
  .strictObject({
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, ek('checkins.doseTime')),
    takenMg: z.number(ek('checkins.doseMg')).min(0, ek('checkins.doseNegative')).max(240, ek('checkins.doseTooHigh')).nullable(),
    status: z.enum(['taken', 'changed', 'missed']),
  })
  .refine((d) => (d.status === 'missed') === (d.takenMg === null), { message: ek('checkins.missedOrTaken'), path: ['takenMg'] });

export const submitCheckInInput = z.strictObject({
  patientId: uuidSchema,
  idempotencyKey: z.uuid(ek('checkins.submissionKey')),
  localDate: z.iso.date(ek('checkins.dateFormat')),
  doses: z.array(doseTakenInput).max(6, ek('checkins.dosesPerDay')),
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
  sleepHours: z.number(ek('checkins.sleepHours')).min(0, ek('checkins.atLeast')).max(24, ek('checkins.sleepHoursMax')).nullable().default(null),
  redFlags: z.array(z.enum(redFlagCodes)).max(redFlagCodes.length).default([]),
  stressors: z.string().trim().max(500, ek('validation.atMostChars')).default(''),
  activity: z.string().trim().max(500, ek('validation.atMostChars')).default(''),
  systolic: z.number().int().min(50, ek('checkins.tooLow')).max(260, ek('checkins.tooHigh')).nullable().default(null),
  diastolic: z.number().int().min(30, ek('checkins.tooLow')).max(160, ek('checkins.tooHigh')).nullable().default(null),
  heartRate: z.number().int().min(30, ek('checkins.tooLow')).max(250, ek('checkins.tooHigh')).nullable().default(null),
  phq2: screener,
  gad2: screener,
  notes: z.string().trim().max(2000, ek('validation.atMostChars')).default(''),
});
export type SubmitCheckInInput = z.output<typeof submitCheckInInput>;

/** The last `days` days of check-ins (two weeks unless asked). */
export const listCheckInsInput = z.strictObject({ patientId: uuidSchema, days: z.number().int().min(1).max(366).default(14) });

/** A stored answer read back for a resend: checked, since it comes from a jsonb column. */
export const checkInResultSchema = z.object({
  checkInId: z.string(),
  localDate: z.string(),
  revision: z.number().int(),
  redFlags: z.array(z.object({ code: z.string(), kind: z.enum(['reported', 'vital', 'pattern']) })),
  urgent: z.boolean(),
  alertsRaised: z.number().int(),
}) satisfies z.ZodType<CheckInResult>;
