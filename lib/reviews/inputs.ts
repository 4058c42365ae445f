// zod inputs for MDT meetings and weekly reviews, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { disciplines, weeklyReviewDecisions } from '~/lib/enums';

export const MAX_MEETING_PATIENTS = 40;
export const MAX_ATTENDEES = 20;
const isoDate = z.iso.date('Enter the date as YYYY-MM-DD.');
const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);

export const createMeetingInput = z.strictObject({
  heldOn: isoDate,
  title: z.string().trim().min(3, 'Give the meeting a title (for example “Tuesday MDT”).').max(200, 'Use at most 200 characters.'),
  myDiscipline: z.enum(disciplines, 'Choose your discipline.'),
  attendees: z
    .array(z.strictObject({ clinicianId: uuidSchema, discipline: z.enum(disciplines, 'Choose a discipline.') }))
    .max(MAX_ATTENDEES, `At most ${MAX_ATTENDEES} attendees.`)
    .refine((list) => new Set(list.map((a) => a.clinicianId)).size === list.length, 'Each attendee is listed once.'),
  patientIds: z
    .array(uuidSchema)
    .min(1, 'Choose at least one patient to discuss.')
    .max(MAX_MEETING_PATIENTS, `At most ${MAX_MEETING_PATIENTS} patients a meeting.`)
    .refine((list) => new Set(list).size === list.length, 'Each patient is listed once.'),
});

export const meetingIdInput = z.strictObject({ meetingId: uuidSchema });

export const recordItemInput = z
  .strictObject({
    meetingId: uuidSchema,
    itemId: uuidSchema,
    expectedVersion: versionNumberSchema,
    discussion: text(8000),
    decisions: z.string().trim().min(3, 'Write what the team decided.').max(4000, 'Use at most 4000 characters.'),
    goalsReset: text(4000),
    sharedSummary: z.string().trim().min(3, 'Write the summary the patient will read.').max(4000, 'Use at most 4000 characters.'),
    nextReviewOn: isoDate.nullable(),
  });

export const addDissentInput = z.strictObject({
  meetingId: uuidSchema,
  itemId: uuidSchema,
  body: z.string().trim().min(3, 'Say what you disagree with and why.').max(2000, 'Use at most 2000 characters.'),
});

export const signMeetingInput = z.strictObject({ meetingId: uuidSchema, expectedVersion: versionNumberSchema });

export const finaliseMeetingInput = z.strictObject({ meetingId: uuidSchema, expectedVersion: versionNumberSchema });
export const recordWeeklyReviewInput = z.strictObject({
  patientId: uuidSchema,
  summary: z.string().trim().min(3, 'Write what the week showed: the team reads it.').max(4000, 'Use at most 4000 characters.'),
  decision: z.enum(weeklyReviewDecisions, 'Choose a decision.'),
  nextReviewOn: z.iso.date('Enter the next review date as YYYY-MM-DD.'),
});
