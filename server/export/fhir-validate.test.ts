// The FHIR export validates against R4 and the HL7 vital-signs profiles, and the validator catches a dropped required element.
import { describe, expect, it } from 'vitest';
import { toFhirBundle } from '~/lib/fhir/bundle';
import { exampleRecord } from '~/lib/fhir/example-record';
import type { Bundle, Resource } from '~/lib/fhir/types';
import { validateBundle, validateBundleInTurns, type Issue } from './fhir-validate';

/** The validator reads a reference's type from its first path segment, so every urn:uuid reference warns. */
const isUrnReferenceWarning = (w: Issue) => /^Invalid reference: got "urn:uuid:/.test(w.message);

function first<T extends Resource['resourceType']>(bundle: Bundle, type: T): Extract<Resource, { resourceType: T }> {
  const found = bundle.entry.find((e) => e.resource.resourceType === type)?.resource;
  if (!found) throw new Error(`no ${type} in the bundle`);
  return found as Extract<Resource, { resourceType: T }>;
}

describe('validateBundle', () => {
  it('finds no error in the export of a realistic record', () => {
    const bundle = toFhirBundle(exampleRecord());
    const t0 = performance.now();
    const { errors, warnings } = validateBundle(bundle);
    const other = warnings.filter((w) => !isUrnReferenceWarning(w));
    console.log(
      `validated ${bundle.entry.length} entries in ${Math.round(performance.now() - t0)} ms; ` +
        `${warnings.length - other.length} urn:uuid reference warnings, ${other.length} others`,
    );
    for (const w of other) console.log(`warning: ${w.where}: ${w.message}`);
    expect(errors).toEqual([]);
    expect(other).toEqual([]);
  });

  it.each([
    ['MedicationRequest', 'intent'],
    ['MedicationRequest', 'status'],
    ['MedicationRequest', 'subject'],
    ['Observation', 'code'],
    ['Observation', 'status'],
    ['Flag', 'code'],
    ['CarePlan', 'intent'],
    ['Goal', 'lifecycleStatus'],
    ['DetectedIssue', 'status'],
  ] as const)('reports an error naming %s.%s when it is dropped', (type, field) => {
    const bundle = toFhirBundle(exampleRecord());
    const resource = first(bundle, type) as unknown as Record<string, unknown>;
    delete resource[field];
    const { errors } = validateBundle(bundle);
    expect(errors.some((e) => e.where.includes(`${type}.${field}`) && /Missing required property/.test(e.message))).toBe(true);
  });

  // Not tested here: the profile's fixed unit code ('/min'). @medplum/core 4.5.2 does not enforce fixed values
  // inside value[x], so lib/fhir's own tests assert the UCUM codes.
  it('reports a heart rate without the vital-signs category its profile requires', () => {
    const bundle = toFhirBundle(exampleRecord());
    const hr = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'Observation' && r.code.coding?.[0]?.code === '8867-4');
    if (hr?.resourceType !== 'Observation') throw new Error('no heart rate');
    delete hr.category;
    const { errors } = validateBundle(bundle);
    expect(errors.some((e) => e.where.includes('heartrate') && e.where.includes('Observation.category'))).toBe(true);
  });

  it('reports a blood pressure without its systolic component', () => {
    const bundle = toFhirBundle(exampleRecord());
    const bp = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'Observation' && r.code.coding?.[0]?.code === '85354-9');
    if (bp?.resourceType !== 'Observation' || !bp.component) throw new Error('no blood pressure');
    bp.component = bp.component.filter((c) => c.code.coding?.[0]?.code !== '8480-6');
    const { errors } = validateBundle(bundle);
    expect(errors.some((e) => /SystolicBP/.test(e.message))).toBe(true);
  });

  it('names an error by its place in the whole bundle when the entries are validated in batches, in turns or at once', async () => {
    const bundle = toFhirBundle(exampleRecord());
    expect(bundle.entry.length).toBeGreaterThan(60);
    // The last entry sits in a later batch than the first fifty.
    const last = bundle.entry.length - 1;
    const resource = bundle.entry[last]?.resource as unknown as Record<string, unknown>;
    const type = String(resource.resourceType);
    delete resource.status;
    const inTurns = await validateBundleInTurns(bundle);
    expect(inTurns).toEqual(validateBundle(bundle));
    expect(inTurns.errors.map((e) => e.where)).toContain(`entry[${last}] ${type}.status`);
  });
});
