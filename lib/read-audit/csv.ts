// The read audit as CSV for the administrator: one row per recorded read, the names guarded against formulas.
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '~/lib/export/csv';
import { readTopic } from './what';

/** The columns, in order: an interface (people build spreadsheets on them): add, never rename. */
export const readAuditColumns = [
  'at_utc', 'reader_id', 'reader_name', 'reader_role', 'reader_profession', 'patient_id', 'patient_name', 'topic', 'what', 'page', 'request_id',
] as const;

export interface ReadAuditCsvRow {
  at: Date;
  actorId: string;
  actorName: string;
  actorRole: string;
  actorProfession: string | null;
  patientId: string;
  patientName: string;
  what: string;
  page: string | null;
  requestId: string;
}

export function readAuditCsv(rows: readonly ReadAuditCsvRow[]): string {
  const records = rows.map((r) => ({
    at_utc: r.at.toISOString(),
    reader_id: r.actorId,
    reader_name: neutraliseFormula(r.actorName),
    reader_role: r.actorRole,
    reader_profession: r.actorProfession ?? '',
    patient_id: r.patientId,
    patient_name: neutraliseFormula(r.patientName),
    topic: readTopic(r.what, r.page),
    what: r.what,
    page: r.page ?? '',
    request_id: r.requestId,
  }));
  // As the record's own CSV exports: RFC 4180 line ends and a BOM, so Excel reads UTF-8.
  return stringify(records, { header: true, columns: readAuditColumns.map((key) => ({ key, header: key })), bom: true, record_delimiter: 'windows' });
}
