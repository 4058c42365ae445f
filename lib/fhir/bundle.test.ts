// The FHIR mapping of a hand-made record: statuses, dosage sequences and periods, codes, units, profiles,
// the version chain, warnings made visible, and the round trip of doses through a MedicationRequest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plannedArb } from '~/lib/testing/export-arbitraries';
import { propertyRuns } from '~/lib/testing/property-runs';
import { toFhirBundle } from './bundle';
import { CHECK_IN_SYSTEM, PROFILE, UCUM } from './codes';
import { IDS, exampleRecord } from './example-record';
import { dosagesOf } from './medication-request';
import { stepsFromMedicationRequest } from './read-dosage';
import type { Bundle, Resource } from './types';

type Of<T extends Resource['resourceType']> = Extract<Resource, { resourceType: T }>;
const all = <T extends Resource['resourceType']>(b: Bundle, type: T): Of<T>[] =>
  b.entry.map((e) => e.resource).filter((r): r is Of<T> => r.resourceType === type);
const byPlan = (b: Bundle, planId: string) => all(b, 'MedicationRequest').filter((m) => m.groupIdentifier?.value === planId);
const round = (x: number) => Math.round(x * 1000) / 1000;

describe('toFhirBundle', () => {
  const record = exampleRecord();
  const bundle = toFhirBundle(record);

  it('is a collection stamped with the record time, every entry at its urn:uuid and every reference resolving inside it', () => {
    expect(bundle.type).toBe('collection');
    expect(bundle.timestamp).toBe(record.generatedAt);
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    expect(urls.size).toBe(bundle.entry.length);
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
    for (const e of bundle.entry) expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const refs = JSON.stringify(bundle).match(/"reference":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(urls.has(r.slice(13, -1))).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(toFhirBundle(exampleRecord()))).toBe(JSON.stringify(bundle));
  });

  it('holds no more of the patient than the record does', () => {
    const [patient] = all(bundle, 'Patient');
    expect(patient).toEqual({
      resourceType: 'Patient', id: patient?.id,
      identifier: [{ system: 'urn:taperline:patient', value: IDS.patient }],
      name: [{ text: 'Zoë Marchetti-Ngata' }],
      telecom: [{ system: 'phone', value: '+44 7700 900123' }, { system: 'email', value: 'zoe@example.org' }],
      birthDate: '1979-06-14',
    });
  });

  it('lists the care team with disciplines, and the former prescriber who accepted a cut as a Practitioner', () => {
    const [team] = all(bundle, 'CareTeam');
    expect(team?.participant?.map((p) => p.role?.[0]?.text)).toEqual(['prescriber', 'physiotherapist']);
    expect(all(bundle, 'Practitioner').map((p) => p.name?.[0]?.text).sort()).toEqual(['Dr Amara Okafor', 'Dr Lena Vogel', 'Sam Lindqvist']);
  });

  it('makes one MedicationRequest per plan version, chained by priorPrescription, with statuses and intents', () => {
    const paused = byPlan(bundle, IDS.paused);
    expect(paused.map((m) => [m.status, m.intent])).toEqual([['cancelled', 'proposal'], ['stopped', 'order'], ['on-hold', 'order']]);
    expect(paused[0]?.priorPrescription).toBeUndefined();
    expect(paused[1]?.priorPrescription?.reference).toBe(`urn:uuid:${paused[0]?.id}`);
    expect(paused[2]?.priorPrescription?.reference).toBe(`urn:uuid:${paused[1]?.id}`);
    expect(byPlan(bundle, IDS.finished).map((m) => [m.status, m.intent])).toEqual([['cancelled', 'proposal'], ['completed', 'order']]);
    expect(byPlan(bundle, IDS.capped).map((m) => m.status)).toEqual(['cancelled', 'stopped']);
    const current = paused[2];
    expect(current?.medicationCodeableConcept?.coding?.[0]).toEqual({ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1292', display: 'baclofen' });
    expect(current?.authoredOn).toBe('2026-01-16T10:00:00.000Z');
    expect(current?.requester?.display).toBe('Dr Amara Okafor');
    expect(current?.note?.[0]?.text).toBe('Version 3 (pause): Hold the current step after a hard week');
  });

  it('gives each step a sequence, its dates as boundsPeriod, its dose times, and mg in UCUM; a weighted split gets concurrent entries', () => {
    const [, active] = byPlan(bundle, IDS.finished);
    const steps = record.plans[0]?.versions[1]?.steps ?? [];
    const first = active?.dosageInstruction?.filter((d) => d.sequence === 1) ?? [];
    // 25 mg over 08:00, 14:00, 22:00 weighted 1:1:2 — two amounts, two concurrent entries.
    expect(steps[0]?.dailyMg).toBe(25);
    expect(first.length).toBe(2);
    for (const d of first) {
      expect(d.timing?.repeat?.boundsPeriod).toEqual({ start: steps[0]?.startDate, end: steps[0]?.endDate });
      expect(d.timing?.repeat).toMatchObject({ period: 1, periodUnit: 'd' });
      expect(d.doseAndRate?.[0]?.doseQuantity).toMatchObject({ unit: 'mg', system: UCUM, code: 'mg' });
      expect(d.route?.coding?.[0]?.code).toBe('26643006');
    }
    const times = first.flatMap((d) => d.timing?.repeat?.timeOfDay ?? []).sort();
    expect(times).toEqual(['08:00:00', '14:00:00', '22:00:00']);
    expect(first[0]?.text).toMatch(/^Step 1, 2025-03-03 to 2025-03-16: 25 mg a day — /);
  });

  it('states the stop as 0 mg with text saying so', () => {
    const step = record.plans[1]?.versions[1]?.steps.at(-1);
    expect(step?.dailyMg).toBe(0);
    if (!step) return;
    const [d] = dosagesOf(step);
    expect(d?.text).toMatch(/0 mg a day — stop: no baclofen/);
    expect(d?.doseAndRate?.[0]?.doseQuantity?.value).toBe(0);
    expect(d?.timing?.repeat?.timeOfDay).toBeUndefined();
  });

  it('makes the accepted cut above the cap a high-severity DetectedIssue on its version, with the acceptance as mitigation', () => {
    const [, signed] = byPlan(bundle, IDS.capped);
    const issues = all(bundle, 'DetectedIssue').filter((i) => i.implicated?.[0]?.reference === `urn:uuid:${signed?.id}`);
    const cap = issues.find((i) => i.code?.coding?.[0]?.code === 'cut-above-cap');
    expect(cap?.severity).toBe('high');
    expect(cap?.code?.text).toBe("Cut above the clinician's cap");
    expect(cap?.detail).toMatch(/Step 1: 20 → 0 mg a day, a 100% cut/);
    expect(cap?.mitigation?.[0]?.action.text).toMatch(/^Accepted by the prescriber: Travelling abroad/);
    expect(cap?.mitigation?.[0]?.author?.display).toBe('Dr Lena Vogel');
    // Every warning of every version is a DetectedIssue.
    const warnings = record.plans.flatMap((p) => p.versions.flatMap((v) => v.warnings));
    expect(all(bundle, 'DetectedIssue').length).toBe(warnings.length);
  });

  it('maps plans to CarePlans with statuses, the current MedicationRequest, supports, goals and the care team', () => {
    const plans = all(bundle, 'CarePlan');
    expect(plans.map((p) => p.status)).toEqual(['completed', 'revoked', 'on-hold']);
    const paused = plans[2];
    expect(paused?.activity?.[0]?.reference?.reference).toBe(`urn:uuid:${byPlan(bundle, IDS.paused)[2]?.id}`);
    const rescue = paused?.activity?.[2]?.detail;
    expect(rescue?.status).toBe('stopped');
    expect(rescue?.scheduledPeriod).toEqual({ start: '2026-01-15', end: '2026-01-19' });
    expect(rescue?.description).toMatch(/At most 5 days\. — Stop criteria: .* — Follow-up on 2026-01-21\./);
    expect(paused?.activity?.[1]?.detail?.status).toBe('in-progress');
    expect(paused?.goal?.length).toBe(4);
    expect(plans[0]?.goal).toBeUndefined();
  });

  it('maps goals to lifecycle statuses, with the achieved one marked achieved and free-text units without UCUM', () => {
    const goals = all(bundle, 'Goal');
    expect(goals.map((g) => g.lifecycleStatus)).toEqual(['active', 'completed', 'cancelled', 'cancelled']);
    expect(goals[1]?.achievementStatus?.coding?.[0]?.code).toBe('achieved');
    expect(goals[0]?.target?.[0]).toEqual({ measure: { text: 'Minutes walked a day' }, detailQuantity: { value: 20, unit: 'minutes' }, dueDate: '2026-03-01' });
  });

  it('files check-ins as Observations with LOINC vitals under their profiles and PHQ-2 items', () => {
    const obs = all(bundle, 'Observation');
    const hr = obs.filter((o) => o.code.coding?.[0]?.code === '8867-4');
    expect(hr.length).toBe(2);
    expect(hr[0]?.meta?.profile).toEqual([PROFILE.heartRate]);
    expect(hr[0]?.valueQuantity).toEqual({ value: 74, unit: 'beats/minute', system: UCUM, code: '/min' });
    expect(hr[0]?.category?.[0]?.coding?.[0]?.code).toBe('vital-signs');
    const bp = obs.filter((o) => o.code.coding?.[0]?.code === '85354-9');
    expect(bp[0]?.meta?.profile).toEqual([PROFILE.bloodPressure]);
    expect(bp[0]?.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.code])).toEqual([['8480-6', 'mm[Hg]'], ['8462-4', 'mm[Hg]']]);
    // Only the systolic on 14 January: the diastolic says it was not entered.
    expect(bp[1]?.component?.[1]?.dataAbsentReason?.coding?.[0]?.code).toBe('unknown');
    expect(bp[1]?.status).toBe('amended');
    const phq = obs.find((o) => o.code.coding?.[0]?.code === '55758-7');
    expect(phq?.valueInteger).toBe(3);
    expect(phq?.component?.map((c) => [c.code.coding?.[0]?.code, c.valueInteger])).toEqual([['44250-9', 1], ['44255-8', 2]]);
    const gad = obs.find((o) => o.code.coding?.[0]?.code === 'gad-2-total');
    expect(gad?.code.coding?.[0]?.system).toBe(CHECK_IN_SYSTEM);
    expect(gad?.component?.map((c) => c.code.coding?.[0]?.code)).toEqual(['69725-0', '68509-9']);
    expect(obs.find((o) => o.code.coding?.[0]?.code === '72514-3')?.valueInteger).toBe(4);
    expect(obs.find((o) => o.code.coding?.[0]?.code === '93832-4')?.valueQuantity).toEqual({ value: 6.5, unit: 'h', system: UCUM, code: 'h' });
    for (const o of obs) expect(o.effectiveDateTime).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('records doses planned against taken, a missed dose as 0 mg taken, and red-flag answers', () => {
    const obs = all(bundle, 'Observation');
    const doses = obs.filter((o) => o.code.coding?.[0]?.code === 'doses-taken');
    expect(doses[1]?.valueQuantity?.value).toBe(28);
    const missed = doses[1]?.component?.filter((c) => c.code.text?.endsWith('12:00'));
    expect(missed?.map((c) => c.valueQuantity?.value ?? c.valueCodeableConcept?.coding?.[0]?.code)).toEqual([9, 0, 'missed']);
    expect(obs.filter((o) => o.code.coding?.[0]?.code === 'red-flag').map((o) => o.valueCodeableConcept?.coding?.[0]?.code)).toEqual(['hallucinations']);
    const panels = obs.filter((o) => o.code.coding?.[0]?.code === 'check-in');
    expect(panels.length).toBe(3);
    expect(panels[0]?.basedOn?.[0]?.reference).toBe(`urn:uuid:${byPlan(bundle, IDS.paused)[2]?.id}`);
  });

  it('raises each alert as a Flag: active until acknowledged', () => {
    const flags = all(bundle, 'Flag');
    expect(flags.map((f) => f.status)).toEqual(['active', 'inactive', 'inactive']);
    expect(flags[0]?.code.text).toBe('Urgent. Red flag: hallucinations or delusions (check-in of 2026-01-15)');
    expect(flags[1]?.period).toEqual({ start: '2026-01-15T20:16:00.000Z', end: '2026-01-16T08:05:00.000Z' });
    expect(flags[0]?.category?.[0]?.coding?.[0]?.code).toBe('clinical');
  });

  it('sends shared notes as Communications, a correction pointing at the note it corrects, and nothing else', () => {
    const notes = all(bundle, 'Communication');
    expect(notes.map((n) => n.payload?.[0]?.contentString)).toEqual(record.notes.map((n) => n.body));
    expect(notes[1]?.about?.[0]?.reference).toBe(`urn:uuid:${notes[0]?.id}`);
    expect(notes[2]?.sender?.reference).toBe(`urn:uuid:${all(bundle, 'Patient')[0]?.id}`);
    expect(JSON.stringify(bundle)).not.toMatch(/team-only|visibility/i);
  });
});

describe('stepsFromMedicationRequest', () => {
  it('reads back the steps, dates and doses of any schedule the engine makes', () => {
    fc.assert(
      fc.property(plannedArb, ({ schedule }) => {
        const read = stepsFromMedicationRequest({ dosageInstruction: schedule.steps.flatMap(dosagesOf) });
        expect(read).toEqual(schedule.steps.map((s) => ({
          index: s.index,
          startDate: s.startDate,
          endDate: s.endDate,
          dailyMg: round(s.dailyMg),
          doses: s.doses.filter((d) => d.mg > 0).map((d) => ({ time: d.time, mg: d.mg })).sort((a, b) => a.time.localeCompare(b.time)),
        })));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('reads back the example record’s current plans from the bundle', () => {
    const record = exampleRecord();
    const bundle = toFhirBundle(record);
    for (const plan of record.plans) {
      const current = byPlan(bundle, plan.id).at(-1);
      const steps = plan.versions.at(-1)?.steps ?? [];
      expect(current && stepsFromMedicationRequest(current).map((s) => [s.startDate, s.endDate, s.dailyMg])).toEqual(
        steps.map((s) => [s.startDate, s.endDate, round(s.dailyMg)]),
      );
    }
  });
});
