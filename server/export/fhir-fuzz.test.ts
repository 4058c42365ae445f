// Fuzz: 1,000 random records (plans from the taper engine, check-in histories, alerts, notes, goals, supports)
// each export to a FHIR bundle the R4 validator finds no error in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFhirBundle } from '~/lib/fhir/bundle';
import { exportRecordArb } from '~/lib/testing/export-arbitraries';
import { propertyRuns } from '~/lib/testing/property-runs';
import { validateBundle } from './fhir-validate';

// 1,000 is the floor here, not an everyday sample: the export refuses to serve an invalid bundle, so any
// record that maps to one is a patient who cannot get their record.
const RUNS = propertyRuns(1000);

describe('the FHIR export of any record', () => {
  it(`validates with zero errors (${RUNS} records)`, { timeout: 180_000 }, () => {
    validateBundle(toFhirBundle({
      audience: 'patient', generatedAt: '2026-01-01T00:00:00.000Z', today: '2026-01-01', range: { from: null, to: null },
      patient: { id: 'warm-up', name: 'x', email: 'x', dateOfBirth: null, phone: null, timeZone: 'UTC', conditions: '', renalFunction: 'normal', hasIntrathecalPump: false },
      careTeam: [], plans: [], checkIns: [], alerts: [], notes: [], goals: [], adjuncts: [],
    }));
    const t0 = performance.now();
    let entries = 0;
    fc.assert(
      fc.property(exportRecordArb, (record) => {
        const bundle = toFhirBundle(record);
        entries += bundle.entry.length;
        const { errors } = validateBundle(bundle);
        expect(errors).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    console.log(`${RUNS} records, ${entries} entries validated in ${Math.round(performance.now() - t0)} ms`);
  });
});
