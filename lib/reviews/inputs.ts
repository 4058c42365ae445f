// zod inputs for MDT meetings and weekly reviews, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { disciplines, weeklyReviewDecisions } from '~/lib/enums';
import { ek } from '~/i18n/error-keys';

export const MAX_MEETING_PATIENTS = 40;
export const MAX_ATTENDEES = 20;
const isoDate = z.iso.date(ek('reviews.dateFormat'));
const text = (max: number) => z.string().trim().max(max, ek('validation.atMostChars'));

export const createMeetingInput = z.strictObject({
  heldOn: isoDate,
  title: z.string().trim().min(3, ek('reviews.meetingTitle')).max(200, ek('validation.atMostChars')),
  myDiscipline: z.enum(disciplines, ek('reviews.myDiscipline')),
  attendees: z
    // Without a discipline, an attendee attends in the one their account gives them (disciplineFor).
    .array(z.strictObject({ clinicianId: uuidSchema, discipline: z.enum(disciplines, ek('reviews.discipline')).optional() }))
    .max(MAX_ATTENDEES, ek('reviews.tooManyAttendees'))
    .refine((list) => new Set(list.map((a) => a.clinicianId)).size === list.length, ek('reviews.attendeeTwice')),
  patientIds: z
    .array(uuidSchema)
    .min(1, ek('reviews.noPatients'))
    .max(MAX_MEETING_PATIENTS, ek('reviews.tooManyPatients'))
    .refine((list) => new Set(list).size === list.length, ek('reviews.patientTwice')),
});

export const meetingIdInput = z.strictObject({ meetingId: uuidSchema });

export const recordItemInput = z
  .strictObject({
    meetingId: uuidSchema,
    itemId: uuidSchema,
    expectedVersion: versionNumberSchema,
    discussion: text(8000),
    decisions: z.string().trim().min(3, ek('reviews.decisionsMissing')).max(4000, ek('validation.atMostChars')),
    goalsReset: text(4000),
    sharedSummary: z.string().trim().min(3, ek('reviews.sharedSummaryMissing')).max(4000, ek('validation.atMostChars')),
    nextReviewOn: isoDate.nullable(),
  });

export const addDissentInput = z.strictObject({
  meetingId: uuidSchema,
  itemId: uuidSchema,
  body: z.string().trim().min(3, ek('reviews.dissentMissing')).max(2000, ek('validation.atMostChars')),
});

export const signMeetingInput = z.strictObject({ meetingId: uuidSchema, expectedVersion: versionNumberSchema });

export const finaliseMeetingInput = z.strictObject({ meetingId: uuidSchema, expectedVersion: versionNumberSchema });
export const recordWeeklyReviewInput = z.strictObject({
  patientId: uuidSchema,
  summary: z.string().trim().min(3, ek('reviews.weekSummaryMissing')).max(4000, ek('validation.atMostChars')),
  decision: z.enum(weeklyReviewDecisions, ek('reviews.decision')),
  nextReviewOn: z.iso.date(ek('reviews.nextReviewDateFormat')),
});
