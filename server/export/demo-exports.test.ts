// The demo clinic's patients, exported as their care team and as themselves: every Bundle passes the R4
// validator with zero errors (its warnings are listed), and the CSV and summary (the PDF in each language) are
// made without fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { locales } from '~/lib/i18n/locales';
import { seedDemoClinic } from '~/scripts/seed/demo-clinic';
import { callerFor, sessionUser } from '~/server/test/db';
import { openTemplatePglite } from '~/server/test/pglite-template';
import { validateBundle } from './fhir-validate';
import { summaryPdf } from './pdf';

let h: DbHandle;
let prescriberId: string;
let patientIds: string[];

beforeAll(async () => {
  // A database of its own (the demo's addresses are fixed): the demo is data, the same on either engine.
  h = await openTemplatePglite();
  ({ prescriberId, patientIds } = await seedDemoClinic(h.db));
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe('the demo patients’ FHIR exports', () => {
  it('validate with zero errors, for the care team and for each patient', async () => {
    const prescriber = await sessionUser(h.db, prescriberId);
    const results: { patient: number; audience: string; resources: number; errors: number; warnings: string[] }[] = [];
    for (const [i, id] of patientIds.entries()) {
      for (const who of [prescriber, await sessionUser(h.db, id)]) {
        const { bundle } = await callerFor(h.db, who).exports.fhir({ patientId: id });
        const { errors, warnings } = validateBundle(bundle);
        results.push({
          patient: i, audience: who.role, resources: bundle.entry?.length ?? 0, errors: errors.length,
          warnings: warnings.map((w) => `${w.where.replace(/^entry\[\d+\] /, '').replace(/\[\d+\]/g, '[]')}: ${w.message.replace(/urn:uuid:[0-9a-f-]+/g, 'urn:uuid:…')}`),
        });
        await callerFor(h.db, who).exports.csv({ patientId: id, table: 'check-ins' });
        await callerFor(h.db, who).exports.csv({ patientId: id, table: 'plan-steps' });
      }
      const { summary } = await callerFor(h.db, prescriber).exports.summary({ patientId: id, format: 'pdf' });
      // Every message the demo's records call for is formatted (a message that cannot be fails the PDF).
      for (const locale of locales) expect((await summaryPdf(summary, { pageSize: 'A4', locale })).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    console.log('demo FHIR exports:', JSON.stringify(results.map(({ warnings, ...r }) => ({ ...r, warnings: warnings.length }))));
    const warnings = [...new Set(results.flatMap((r) => r.warnings))];
    if (warnings.length) console.log('validator warnings:', warnings.join(' | '));
    expect(results.map((r) => r.errors)).toEqual(results.map(() => 0));
    // Maria's running plan, James's proposed one, Priya's red flag: the Bundles are not empty shells.
    expect(results.every((r) => r.resources >= 3)).toBe(true);
  }, 120_000);
});
