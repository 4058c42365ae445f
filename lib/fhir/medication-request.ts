// A taper plan's versions as MedicationRequests (one dosageInstruction group per step) and its warnings as DetectedIssues.
import type { ExportPlan, ExportPlanVersion } from '~/lib/export/types';
import type { TaperStep, Warning } from '~/lib/taper/types';
import { BACLOFEN, ID_SYSTEM, ORAL_ROUTE, PLAN_WARNING_SYSTEM, fhirText, mg, mgText } from './codes';
import { uuidFrom, urnOf } from './ids';
import type { DetectedIssue, Dosage, MedicationRequest, MedicationRequestStatus, Reference } from './types';

type PlanStatus = ExportPlan['status'];

export function medicationRequestId(planId: string, version: number): string {
  return uuidFrom(`MedicationRequest/${planId}/v${version}`);
}

/**
 * The plan as it stands. Draft, proposed and agreed plans are not yet being taken: FHIR's 'draft'.
 * A paused taper is 'on-hold' (DOMAIN: Standards to speak).
 */
export function currentStatus(status: PlanStatus): MedicationRequestStatus {
  switch (status) {
    case 'draft':
    case 'proposed':
    case 'agreed':
      return 'draft';
    case 'active':
      return 'active';
    case 'paused':
      return 'on-hold';
    case 'completed':
      return 'completed';
    case 'stopped':
      return 'stopped';
  }
}

/**
 * An earlier version, replaced by a later one. A version that was being taken (active or paused) was halted
 * before all its doses: 'stopped'. One that never ran was withdrawn before any dose: 'cancelled'. Neither is
 * 'entered-in-error': the version was real, it is kept so every change can be traced.
 */
export function supersededStatus(status: PlanStatus): MedicationRequestStatus {
  switch (status) {
    case 'active':
    case 'paused':
    case 'stopped':
      return 'stopped';
    case 'completed':
      return 'completed';
    case 'draft':
    case 'proposed':
    case 'agreed':
      return 'cancelled';
  }
}

const time = (hhmm: string): string => `${hhmm}:00`;

function stepText(step: TaperStep): string {
  const head = `Step ${step.index + 1}, ${step.startDate} to ${step.endDate}`;
  const tags = [step.notes.includes('step-back') ? 'a return to the last tolerated dose' : '', step.notes.includes('final') ? 'final step' : '']
    .filter(Boolean);
  const tail = tags.length > 0 ? ` (${tags.join('; ')})` : '';
  if (step.dailyMg === 0) return `${head}: 0 mg a day — stop: no baclofen${tail}`;
  const given = step.doses.filter((d) => d.mg > 0).map((d) => `${mgText(d.mg)} mg at ${d.time}`);
  const none = step.doses.filter((d) => d.mg === 0).map((d) => d.time);
  const skipped = none.length > 0 ? `; no dose at ${none.join(', ')}` : '';
  return `${head}: ${mgText(step.dailyMg)} mg a day — ${given.join(', ')}${skipped}${tail}`;
}

/**
 * One step as dosage instructions sharing its `sequence` (FHIR reads equal sequences as concurrent).
 * Equal doses at every time: one instruction. A weighted split gives different doses at different times,
 * and a Dosage has one dose quantity, so each distinct amount gets its own instruction with its times.
 * Dose times left empty (the day's dose too small to split) get no instruction; the text names them.
 */
export function dosagesOf(step: TaperStep): Dosage[] {
  const sequence = step.index + 1;
  const text = stepText(step);
  const boundsPeriod = { start: step.startDate, end: step.endDate };
  if (step.dailyMg === 0) {
    // The stop day is stated as an explicit 0 mg rather than left without a dose: a Dosage with no dose
    // reads as "dose not stated", and a reader must not mistake the end of the taper for a gap in the data.
    return [{ sequence, text, timing: { repeat: { boundsPeriod } }, route: ORAL_ROUTE, doseAndRate: [{ doseQuantity: mg(0) }] }];
  }
  const byAmount = new Map<number, string[]>();
  for (const dose of step.doses) {
    if (dose.mg <= 0) continue;
    byAmount.set(dose.mg, [...(byAmount.get(dose.mg) ?? []), dose.time]);
  }
  const groups = [...byAmount.entries()];
  return groups.map(([amount, times]) => ({
    sequence,
    text: groups.length === 1 ? text : `${text} (this entry: ${mgText(amount)} mg at ${times.join(', ')})`,
    timing: { repeat: { boundsPeriod, frequency: times.length, period: 1, periodUnit: 'd' as const, timeOfDay: times.map(time) } },
    route: ORAL_ROUTE,
    doseAndRate: [{ doseQuantity: mg(amount) }],
  }));
}

export interface VersionContext {
  plan: ExportPlan;
  version: ExportPlanVersion;
  isCurrent: boolean;
  patient: Reference;
  practitioner: (userId: string, name: string) => Reference;
}

export function medicationRequestOf({ plan, version, isCurrent, patient, practitioner }: VersionContext): MedicationRequest {
  const previous = plan.versions[plan.versions.indexOf(version) - 1];
  const reason = fhirText(version.reason);
  const mr: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: medicationRequestId(plan.id, version.version),
    identifier: [{ system: ID_SYSTEM.planVersion, value: `${plan.id}/v${version.version}` }],
    status: isCurrent ? currentStatus(plan.status) : supersededStatus(version.status),
    // Only a prescriber's sign-off makes doses an order; anything else is a proposal (DOMAIN: only a prescriber sets doses).
    intent: version.signedOffById ? 'order' : 'proposal',
    medicationCodeableConcept: BACLOFEN,
    subject: patient,
    authoredOn: version.createdAt,
    groupIdentifier: { system: ID_SYSTEM.plan, value: plan.id },
    note: [{
      authorString: fhirText(version.authorName) ?? 'Unknown author',
      time: version.createdAt,
      text: `Version ${version.version} (${fhirText(version.action) ?? 'change'})${reason ? `: ${reason}` : ''}`,
    }],
    dosageInstruction: version.steps.flatMap(dosagesOf),
  };
  if (version.signedOffById) mr.requester = practitioner(version.signedOffById, version.signedOffByName ?? '');
  if (version.authorRole === 'clinician') mr.recorder = practitioner(version.authorId, version.authorName);
  if (previous) mr.priorPrescription = { reference: urnOf(medicationRequestId(plan.id, previous.version)) };
  if (mr.dosageInstruction?.length === 0) delete mr.dosageInstruction;
  return mr;
}

const WARNING_TITLE: Record<Warning['code'], string> = {
  'cut-above-cap': "Cut above the clinician's cap",
  'renal-impairment': 'Renal impairment recorded',
  'above-label-maximum': 'Above the 80 mg/day label maximum',
  'long-schedule': 'Long schedule',
  'many-pieces': 'Many tablet pieces per dose',
  'large-volume': 'Large liquid volume per dose',
};

function warningDetail(warning: Warning): string {
  switch (warning.code) {
    case 'cut-above-cap':
      return `Cap ${mgText(warning.capPercent)}% of the dose cut from. ${warning.cuts
        .map((c) => `Step ${c.index + 1}: ${mgText(c.fromMg)} → ${mgText(c.toMg)} mg a day, a ${mgText(c.percent)}% cut`)
        .join('; ')}.`;
    case 'renal-impairment':
      return `Renal function recorded as ${warning.renalFunction} impairment.`;
    case 'above-label-maximum':
      return `Highest daily dose ${mgText(warning.maxDailyMg)} mg.${fhirText(warning.reason) ? ` Reason given: ${fhirText(warning.reason)}` : ''}`;
    case 'long-schedule':
      return `${warning.steps} steps.`;
    case 'many-pieces':
      return `More than ${warning.maxPieces} pieces per dose on step${warning.steps.length === 1 ? '' : 's'} ${warning.steps.map((i) => i + 1).join(', ')}.`;
    case 'large-volume':
      return `More than ${mgText(warning.maxMl)} mL per dose on step${warning.steps.length === 1 ? '' : 's'} ${warning.steps.map((i) => i + 1).join(', ')}.`;
  }
}

const WARNING_SEVERITY: Record<Warning['code'], DetectedIssue['severity']> = {
  'cut-above-cap': 'high',
  'above-label-maximum': 'high',
  'renal-impairment': 'moderate',
  'long-schedule': 'low',
  'many-pieces': 'low',
  'large-volume': 'low',
};

/** Every warning the engine gave a version, as a DetectedIssue on that version's MedicationRequest: none is silent. */
export function detectedIssuesOf({ plan, version, patient, practitioner }: VersionContext): DetectedIssue[] {
  return version.warnings.map((warning, i) => {
    const issue: DetectedIssue = {
      resourceType: 'DetectedIssue',
      id: uuidFrom(`DetectedIssue/${plan.id}/v${version.version}/${i}/${warning.code}`),
      status: 'final',
      code: { coding: [{ system: PLAN_WARNING_SYSTEM, code: warning.code, display: WARNING_TITLE[warning.code] }], text: WARNING_TITLE[warning.code] },
      severity: WARNING_SEVERITY[warning.code],
      patient,
      identifiedDateTime: version.createdAt,
      implicated: [{ reference: urnOf(medicationRequestId(plan.id, version.version)) }],
      detail: warningDetail(warning),
    };
    if (warning.code === 'cut-above-cap' && warning.acceptance) {
      const a = warning.acceptance;
      const reason = fhirText(a.reason);
      issue.mitigation = [{
        action: { text: `Accepted by the prescriber${reason ? `: ${reason}` : ''}` },
        date: a.at,
        author: practitioner(a.byId, a.byName),
      }];
    }
    return issue;
  });
}
