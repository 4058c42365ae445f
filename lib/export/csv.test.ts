// The CSV exports read back exactly: every check-in field, unicode and awkward text, and formulas made harmless.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redFlagCodes } from '~/lib/checkins/types';
import { propertyRuns } from '~/lib/testing/property-runs';
import { checkInColumns, checkInsCsv, planStepColumns, planStepsCsv } from './csv';
import { emptyRecord, sampleRecord } from './fixture';
import type { ExportCheckIn, ExportDose } from './types';

type Row = Record<string, string>;

function readBack(csv: string): Row[] {
  return parse(csv, { columns: true, bom: true }) as Row[];
}

const cell = (n: number | null) => (n === null ? '' : String(n));
const guarded = (text: string) => (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text);

/** What each check-in must read back as, written independently of the code under test. */
function expectedRow(c: ExportCheckIn): Row {
  const planned = c.doses.filter((d) => d.plannedMg !== null).map((d) => d.plannedMg ?? 0);
  const mg = (n: number) => String(Math.round(n * 100) / 100);
  return {
    date: c.localDate,
    plan_version: cell(c.planVersion),
    step: c.stepIndex === null ? '' : String(c.stepIndex + 1),
    planned_mg_day: planned.length ? mg(planned.reduce((a, b) => a + b, 0)) : '',
    taken_mg_day: c.doses.length ? mg(c.doses.reduce((a, d) => a + (d.takenMg ?? 0), 0)) : '',
    doses_planned: c.doses.filter((d) => d.plannedMg !== null).map((d) => `${d.time} ${mg(d.plannedMg ?? 0)} mg`).join('; '),
    doses_taken: c.doses.map((d) => (d.takenMg === null || d.status === 'missed' ? `${d.time} missed` : `${d.time} ${mg(d.takenMg)} mg`)).join('; '),
    doses_missed: String(c.doses.filter((d) => d.status === 'missed').length),
    spasticity_0_10: cell(c.spasticity),
    spasm_frequency_penn_0_4: cell(c.spasmFrequency),
    sleep_quality_0_10: cell(c.sleepQuality),
    sleep_hours_h: cell(c.sleepHours),
    restlessness_0_10: cell(c.restlessness),
    anxiety_0_10: cell(c.anxiety),
    mood_0_10: cell(c.mood),
    pain_0_10: cell(c.pain),
    headache_0_10: cell(c.headache),
    nausea_0_10: cell(c.nausea),
    strength_mobility_0_10: cell(c.strengthMobility),
    systolic_mmhg: cell(c.systolic),
    diastolic_mmhg: cell(c.diastolic),
    heart_rate_bpm: cell(c.heartRate),
    phq2_total_0_6: c.phq2 === null ? '' : String(c.phq2.reduce((a, b) => a + b, 0)),
    gad2_total_0_6: c.gad2 === null ? '' : String(c.gad2.reduce((a, b) => a + b, 0)),
    red_flags: c.redFlags.join('; '),
    stressors: guarded(c.stressors),
    activity: guarded(c.activity),
    notes: guarded(c.notes),
    revision: String(c.revision),
  };
}

describe('checkInsCsv', () => {
  it('starts with a BOM, ends lines with CRLF, and names the columns with their units', () => {
    const csv = checkInsCsv(sampleRecord());
    expect(csv.startsWith('\uFEFFdate,plan_version,step,planned_mg_day,taken_mg_day,doses_planned,')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${checkInColumns.join(',')}`);
    // Every LF belongs to a CRLF, except those inside a quoted note.
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('reads back as the record’s check-ins, field by field', () => {
    const record = sampleRecord();
    const rows = readBack(checkInsCsv(record));
    expect(rows).toHaveLength(record.checkIns.length);
    expect(rows).toEqual(record.checkIns.map(expectedRow));
    // Spot checks in plain numbers, against the plan the fixture runs (step 3, 22.5 mg/day from 1 Feb).
    const feb9 = rows.find((r) => r.date === '2027-02-09');
    expect(feb9).toMatchObject({ plan_version: '3', step: '3', planned_mg_day: '22.5', doses_planned: '08:00 7.5 mg; 14:00 7.5 mg; 22:00 7.5 mg' });
    const missed = rows.find((r) => r.doses_missed === '1');
    expect(missed?.doses_taken).toMatch(/14:00 missed/);
    expect(Number(missed?.taken_mg_day)).toBeLessThan(Number(missed?.planned_mg_day));
  });

  it('leaves cells empty for nulls and for a day without recorded doses', () => {
    const base = sampleRecord().checkIns[0];
    if (!base) throw new Error('fixture has check-ins');
    const bare: ExportCheckIn = {
      ...base, planId: null, planVersion: null, stepIndex: null, doses: [], spasticity: null, spasmFrequency: null, sleepQuality: null, sleepHours: null,
      restlessness: null, anxiety: null, mood: null, pain: null, headache: null, nausea: null, strengthMobility: null, systolic: null, diastolic: null,
      heartRate: null, phq2: null, gad2: null, redFlags: [], stressors: '', activity: '', notes: '',
    };
    const [row] = readBack(checkInsCsv({ checkIns: [bare] }));
    expect(row).toEqual({ ...Object.fromEntries(checkInColumns.map((c) => [c, ''])), date: base.localDate, doses_missed: '0', revision: String(base.revision) });
  });

  it('keeps accents, emoji, Chinese, commas, quotes and line breaks in free text', () => {
    const base = sampleRecord().checkIns[0];
    if (!base) throw new Error('fixture has check-ins');
    const notes = 'Café, crème brûlée 🙂👍🏽 — 夜里腿抽筋\n"quoted", then a\r\nWindows line, and a lone \r return';
    const csv = checkInsCsv({ checkIns: [{ ...base, notes, stressors: 'a, b; "c"', activity: '散步 20 分钟' }] });
    const [row] = readBack(csv);
    expect(row?.notes).toBe(notes);
    expect(row?.stressors).toBe('a, b; "c"');
    expect(row?.activity).toBe('散步 20 分钟');
    // The quote is doubled inside a quoted field (RFC 4180 §2.7), not escaped with a backslash.
    expect(csv).toContain('"a, b; ""c"""');
  });

  it('neutralises cells a spreadsheet would run as formulas, in every free-text column', () => {
    const base = sampleRecord().checkIns[0];
    if (!base) throw new Error('fixture has check-ins');
    const attacks = ['=HYPERLINK("http://evil.example","click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '＝1+1'];
    const rows = readBack(checkInsCsv({ checkIns: attacks.map((a, i) => ({ ...base, localDate: `2027-03-0${i + 1}`, notes: a, stressors: a, activity: a })) }));
    for (const [i, row] of rows.entries()) {
      const attack = attacks[i] ?? '';
      expect(row.notes).toBe(`'${attack}`);
      expect(row.stressors).toBe(`'${attack}`);
      expect(row.activity).toBe(`'${attack}`);
    }
    // Text that merely contains those characters is left alone.
    const [plain] = readBack(checkInsCsv({ checkIns: [{ ...base, notes: 'Pain 3-4, mood = ok, email a@b.c' }] }));
    expect(plain?.notes).toBe('Pain 3-4, mood = ok, email a@b.c');
  });

  it('gives just the header for a record without check-ins', () => {
    expect(checkInsCsv(emptyRecord())).toBe(`\uFEFF${checkInColumns.join(',')}\r\n`);
  });
});

const score = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null });
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const mg = fc.integer({ min: 0, max: 400 }).map((n) => n / 4);
const dose: fc.Arbitrary<ExportDose> = fc.oneof(
  fc.record({ time, plannedMg: fc.option(mg, { nil: null }), takenMg: mg, status: fc.constantFrom('taken' as const, 'changed' as const) }),
  fc.record({ time, plannedMg: fc.option(mg, { nil: null }), takenMg: fc.constant(null), status: fc.constant('missed' as const) }),
);
// Free text from every plane of unicode, with the characters CSV and spreadsheets care about mixed in.
const text = fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\n', '\r', '=', '+', '-', '@', '\t', ';', ' ', '\uFEFF'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 });
const date = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

const checkInArb: fc.Arbitrary<ExportCheckIn> = fc.record({
  id: fc.uuid(),
  localDate: date,
  planId: fc.option(fc.constant('plan-1'), { nil: null }),
  planVersion: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
  stepIndex: fc.option(fc.integer({ min: 0, max: 199 }), { nil: null }),
  doses: fc.array(dose, { maxLength: 6 }),
  spasticity: score(10), spasmFrequency: score(4), sleepQuality: score(10),
  sleepHours: fc.option(fc.integer({ min: 0, max: 48 }).map((n) => n / 2), { nil: null }),
  restlessness: score(10), anxiety: score(10), mood: score(10), pain: score(10), headache: score(10), nausea: score(10), strengthMobility: score(10),
  redFlags: fc.subarray([...redFlagCodes]),
  stressors: text, activity: text,
  systolic: fc.option(fc.integer({ min: 60, max: 250 }), { nil: null }),
  diastolic: fc.option(fc.integer({ min: 30, max: 150 }), { nil: null }),
  heartRate: fc.option(fc.integer({ min: 30, max: 220 }), { nil: null }),
  phq2: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { nil: null }),
  gad2: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { nil: null }),
  notes: text,
  revision: fc.integer({ min: 1, max: 99 }),
  updatedAt: fc.constant('2027-01-01T00:00:00Z'),
});

describe('checkInsCsv, property', () => {
  it('parse(checkInsCsv(r)) gives back every check-in of r', () => {
    fc.assert(
      fc.property(fc.uniqueArray(checkInArb, { selector: (c) => c.localDate, maxLength: 8 }), (checkIns) => {
        const sorted = [...checkIns].sort((a, b) => a.localDate.localeCompare(b.localDate));
        expect(readBack(checkInsCsv({ checkIns }))).toEqual(sorted.map(expectedRow));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('planStepsCsv', () => {
  it('lists the current version’s steps with their doses, notes and the cut above the cap', () => {
    const record = sampleRecord();
    const rows = readBack(planStepsCsv(record));
    const steps = record.plans[0]?.versions.at(-1)?.steps ?? [];
    expect(Object.keys(rows[0] ?? {})).toEqual([...planStepColumns]);
    expect(rows).toHaveLength(steps.length);
    expect(rows[0]).toEqual({
      plan_id: 'plan-1', plan_status: 'active', plan_version: '3', step: '1', start_date: '2027-01-04', end_date: '2027-01-17', days: '14',
      daily_mg: '27.5', cut_mg: '2.5', cut_percent: '8.3',
      doses: '08:00 7.5 mg (1½ × 5 mg tablets); 14:00 10 mg (1 × 10 mg tablet); 22:00 10 mg (1 × 10 mg tablet)',
      notes: 'rounded', above_cap: 'no',
    });
    const big = rows.find((r) => r.above_cap === 'yes');
    expect(big).toMatchObject({ step: '10', daily_mg: '5', cut_mg: '2.5', cut_percent: '33.3', doses: '08:00 2.5 mg (½ × 5 mg tablet); 22:00 2.5 mg (½ × 5 mg tablet)' });
    expect(big?.notes?.split('; ')).toContain('above-cap');
    expect(rows.at(-1)).toMatchObject({ daily_mg: '0', doses: '', notes: 'final' });
  });

  it('gives just the header when there is no plan', () => {
    expect(planStepsCsv(emptyRecord())).toBe(`\uFEFF${planStepColumns.join(',')}\r\n`);
  });
});
