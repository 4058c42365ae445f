// The inputs of the export procedures: which patient, which table, and an optional window of days.
import { z } from 'zod';
import { daysBetween } from '~/lib/dates';
import { ek } from '~/i18n/error-keys';
import { uuidSchema } from '~/lib/validation';

/** The longest window one export covers: years of daily check-ins stay one file a spreadsheet opens. */
export const MAX_EXPORT_DAYS = 5 * 366;

const isoDate = z.iso.date(ek('exports.dateFormat'));

/** Optional first and last day (inclusive) of the check-ins and alerts exported; absent ends mean the whole record. */
export const exportRangeShape = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

function checkRange(v: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (v.from && v.to) {
    const span = daysBetween(v.from, v.to);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: ek('exports.lastBeforeFirst') });
    else if (span + 1 > MAX_EXPORT_DAYS) {
      // The longest window goes with the issue (its params) for the message to name.
      ctx.addIssue({ code: 'custom', path: ['to'], message: ek('exports.rangeTooLong'), params: { maximum: MAX_EXPORT_DAYS } });
    }
  }
}

export const exportFhirInput = z.strictObject({ patientId: uuidSchema, ...exportRangeShape }).superRefine(checkRange);

export const exportTables = ['check-ins', 'plan-steps'] as const;
export type ExportTable = (typeof exportTables)[number];

export const exportCsvInput = z
  .strictObject({
    patientId: uuidSchema,
    table: z.enum(exportTables, { error: ek('exports.table') }),
    ...exportRangeShape,
  })
  .superRefine(checkRange);

export const exportSummaryInput = z.strictObject({
  patientId: uuidSchema,
  /** What the summary is read for: the page (html) or the PDF download; both are recorded. */
  format: z.enum(['html', 'pdf'], { error: ek('exports.format') }),
});
