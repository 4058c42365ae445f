// The read audit's words: the page a read came from (ids taken out) and what it showed, as a topic a
// patient can read ("your plan"), from the procedure or the page that recorded it.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { uuidSchema } from '~/lib/validation';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A page's path with every id replaced ('/clinician/patients/[id]/plan'): what the read audit stores, never a query string. */
export function pageRoute(pathname: string): string {
  const path = pathname.split(/[?#]/)[0] ?? '';
  return path.replace(UUID, '[id]').slice(0, 200) || '/';
}

export const readTopics = ['record', 'plan', 'check-ins', 'trends', 'notes', 'goals', 'reviews', 'alerts', 'summary', 'export', 'patient-list', 'meeting', 'read-log'] as const;
export type ReadTopic = (typeof readTopics)[number];

// Most specific first: the first pattern that matches the page names the topic.
const PAGE_TOPICS: [RegExp, ReadTopic][] = [
  [/^\/clinician\/patients\/\[id\]\/plan(\/|$)/, 'plan'],
  [/^\/clinician\/patients\/\[id\]\/trends$/, 'trends'],
  [/^\/clinician\/patients\/\[id\]\/notes$/, 'notes'],
  [/^\/clinician\/patients\/\[id\]\/goals$/, 'goals'],
  [/^\/clinician\/patients\/\[id\]\/review$/, 'reviews'],
  [/^\/clinician\/patients\/\[id\]\/summary$/, 'summary'],
  [/^\/clinician\/patients\/\[id\]$/, 'record'],
  [/^\/clinician\/mdt(\/|$)/, 'meeting'],
  [/^\/clinician$/, 'patient-list'],
];

const PROCEDURE_TOPICS: Record<string, ReadTopic> = {
  patients: 'record', plans: 'plan', adjuncts: 'plan', criteria: 'plan', decisions: 'plan', checkins: 'check-ins', trends: 'trends',
  notes: 'notes', conversation: 'notes', goals: 'goals', milestones: 'goals', weeklyReviews: 'reviews', alerts: 'alerts', exports: 'export',
  triage: 'patient-list', readAudit: 'read-log',
};

/** What a read showed, in one word a patient can be told: the page's when a page was opened, else the procedure's. */
export function readTopic(what: string, page: string | null): ReadTopic {
  if (page) for (const [pattern, topic] of PAGE_TOPICS) if (pattern.test(page)) return topic;
  if (what === 'exports.summary') return 'summary';
  if (what === 'patients.listMine') return 'patient-list';
  if (what.startsWith('mdt.')) return what === 'mdt.sharedOutcomes' ? 'reviews' : 'meeting';
  return PROCEDURE_TOPICS[what.split('.')[0] ?? ''] ?? 'record';
}

const isoDay = z.iso.date({ error: ek('accounts.readAudit.date') });

/** The administrator's filters: a patient, a person, a date range (the administrator's own days), a page. */
export const listRecordReadsInput = z
  .strictObject({
    /** The patient whose record was read ('patient', not 'patientId': this is no patient-scoped procedure). */
    patient: uuidSchema.optional(),
    /** Who read it. */
    person: uuidSchema.optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    page: z.int(ek('accounts.readAudit.page')).min(1, ek('accounts.readAudit.page')).max(10_000, ek('accounts.readAudit.page')).default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: ek('accounts.readAudit.dayOrder'), path: ['to'] });
export type ListRecordReadsInput = z.input<typeof listRecordReadsInput>;

/** The patient's own list: who else read their record, over the last `days` days. */
export const myRecordReadsInput = z.strictObject({
  patientId: uuidSchema,
  days: z.int().min(1).max(365).default(90),
});

/** The CSV download: the same filters, no page. */
export const exportRecordReadsInput = z
  .strictObject({ patient: uuidSchema.optional(), person: uuidSchema.optional(), from: isoDay.optional(), to: isoDay.optional() })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: ek('accounts.readAudit.dayOrder'), path: ['to'] });
