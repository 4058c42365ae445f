import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '~/db/schema';
import { classifyScan, describeScans, FIXED_SIZE_TABLES, GROWS_WITH_CLINIC, TINY_ROWS } from './explain';

const tables = (Object.values(schema) as unknown[]).flatMap((v) => (is(v, PgTable) ? [getTableConfig(v).name] : []));

describe('the query-plan check', () => {
  it('classifies every table of the schema once: growing with the clinic, or of fixed size', () => {
    const listed = [...GROWS_WITH_CLINIC, ...FIXED_SIZE_TABLES];
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...new Set(tables)].sort());
  });

  it('counts a whole read of a growing table, and of a small one no index can serve; not a small indexed one, nor a fixed-size table', () => {
    expect(classifyScan('taper_plans', 20_000, true)).toBe('grows');
    expect(classifyScan('user_totp', 0, false)).toBe('unindexed');
    expect(classifyScan('user_totp', 0, true)).toBe('tiny');
    expect(classifyScan('mdt_meetings', TINY_ROWS - 1, true)).toBe('tiny');
    expect(classifyScan('mdt_meetings', TINY_ROWS, true)).toBe('grows');
    expect(classifyScan('clinic_settings', 1, false)).toBe('fixed');
  });

  it('says which scans count and why the others are right', () => {
    const line = describeScans({
      endpoint: 'triage list', queries: 2, checkInSeqScans: 0, growingSeqScans: 1,
      seqScans: [
        { relation: 'patient_profiles', kind: 'grows', rows: 20_000, sql: '' },
        { relation: 'user_totp', kind: 'tiny', rows: 0, sql: '' },
        { relation: 'clinic_settings', kind: 'fixed', rows: 1, sql: '' },
      ],
    });
    expect(line).toBe('triage list 2 queries, **sequential scans of tables that grow with the clinic: patient_profiles**; small enough to read whole, an index serving them as they grow: user_totp (0 rows); fixed-size: clinic_settings');
    expect(describeScans({ endpoint: 'plan save', queries: 9, checkInSeqScans: 0, growingSeqScans: 0, seqScans: [] })).toBe('plan save 9 queries, no sequential scan of a table that grows with the clinic');
  });
});
