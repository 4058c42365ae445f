// A daily check-in as Observations: vital signs under their HL7 profiles, screeners, scores, doses taken and red-flag answers.
//
// Observations rather than a QuestionnaireResponse: each score is a separate value a clinician charts over
// weeks, standard LOINC codes exist for the vitals, PHQ-2, pain and sleep, and an EHR files Observations
// into flowsheets, where a QuestionnaireResponse would stay one opaque form per day. A panel Observation per
// check-in keeps the day together (hasMember) with its id, revision and free text.
import type { ExportCheckIn } from '~/lib/export/types';
import { scoreKeys } from '~/lib/checkins/types';
import {
  DATA_ABSENT_REASON, DOSE_STATUS_SYSTEM, ID_SYSTEM, PROFILE, RED_FLAG_SYSTEM, RED_FLAG_TEXT, SCORE_CODES, UCUM, category, fhirText,
  local, loinc, mg, mgText,
} from './codes';
import { uuidFrom, urnOf } from './ids';
import type { CodeableConcept, Observation, ObservationComponent, Quantity, Reference } from './types';

const mmHg = (value: number): Quantity => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
const notGiven: CodeableConcept = { coding: [{ system: DATA_ABSENT_REASON, code: 'unknown', display: 'Unknown' }], text: 'Not entered' };

export interface CheckInContext {
  patient: Reference;
  /** The MedicationRequest of the plan version the check-in was made under, when the record has it. */
  basedOn: Reference | undefined;
}

export function checkInObservations(c: ExportCheckIn, { patient, basedOn }: CheckInContext): Observation[] {
  // A check-in saved more than once was corrected by the patient: FHIR's 'amended'.
  const status = c.revision > 1 ? 'amended' : 'final';
  const base = (key: string): Pick<Observation, 'id' | 'status' | 'subject' | 'effectiveDateTime' | 'issued' | 'performer'> => ({
    id: uuidFrom(`Observation/${c.id}/${key}`),
    status,
    subject: patient,
    // The patient's local day: a date is a valid dateTime, and inventing a time of day would be false precision.
    effectiveDateTime: c.localDate,
    issued: c.updatedAt,
    performer: [patient],
  });
  const out: Observation[] = [];

  if (c.heartRate !== null) {
    out.push({
      resourceType: 'Observation',
      ...base('heart-rate'),
      meta: { profile: [PROFILE.heartRate] },
      category: category('vital-signs', 'Vital Signs'),
      code: { coding: [loinc('8867-4', 'Heart rate')], text: 'Heart rate' },
      valueQuantity: { value: c.heartRate, unit: 'beats/minute', system: UCUM, code: '/min' },
    });
  }
  if (c.systolic !== null || c.diastolic !== null) {
    const part = (code: string, display: string, value: number | null): ObservationComponent => ({
      code: { coding: [loinc(code, display)], text: display },
      ...(value === null ? { dataAbsentReason: notGiven } : { valueQuantity: mmHg(value) }),
    });
    out.push({
      resourceType: 'Observation',
      ...base('blood-pressure'),
      meta: { profile: [PROFILE.bloodPressure] },
      category: category('vital-signs', 'Vital Signs'),
      code: { coding: [loinc('85354-9', 'Blood pressure panel with all children optional')], text: 'Blood pressure' },
      component: [part('8480-6', 'Systolic blood pressure', c.systolic), part('8462-4', 'Diastolic blood pressure', c.diastolic)],
    });
  }
  const screener = (key: string, code: CodeableConcept, items: number[], itemCodes: [CodeableConcept, CodeableConcept]): Observation => ({
    resourceType: 'Observation',
    ...base(key),
    category: category('survey', 'Survey'),
    code,
    valueInteger: items.reduce((a, b) => a + b, 0),
    component: itemCodes.flatMap((itemCode, i) => {
      const v = items[i];
      return v === undefined ? [] : [{ code: itemCode, valueInteger: v }];
    }),
  });
  if (c.phq2) {
    out.push(screener('phq-2', { coding: [loinc('55758-7', 'Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]')], text: 'PHQ-2 total score' }, c.phq2, [
      { coding: [loinc('44250-9', 'Little interest or pleasure in doing things')], text: 'Little interest or pleasure in doing things' },
      { coding: [loinc('44255-8', 'Feeling down, depressed, or hopeless')], text: 'Feeling down, depressed, or hopeless' },
    ]));
  }
  if (c.gad2) {
    out.push(screener('gad-2', { coding: [local('gad-2-total', 'GAD-2 total score (0-6)')], text: 'GAD-2 total score' }, c.gad2, [
      { coding: [loinc('69725-0', 'Feeling nervous, anxious or on edge')], text: 'Feeling nervous, anxious or on edge' },
      { coding: [loinc('68509-9', 'Not being able to stop or control worrying')], text: 'Not being able to stop or control worrying' },
    ]));
  }
  for (const key of scoreKeys) {
    const value = c[key];
    if (value === null) continue;
    out.push({
      resourceType: 'Observation',
      ...base(key),
      category: category('survey', 'Survey'),
      code: { coding: SCORE_CODES[key].codings, text: SCORE_CODES[key].text },
      valueInteger: value,
    });
  }
  if (c.sleepHours !== null) {
    out.push({
      resourceType: 'Observation',
      ...base('sleep-hours'),
      category: category('survey', 'Survey'),
      code: { coding: [loinc('93832-4', 'Sleep duration'), local('sleep-hours', 'Hours slept')], text: 'Hours slept' },
      valueQuantity: { value: c.sleepHours, unit: 'h', system: UCUM, code: 'h' },
    });
  }
  if (c.doses.length > 0) {
    // One Observation for the day's doses rather than a MedicationAdministration per dose: the record has a
    // local clock time without a time zone offset, which a MedicationAdministration's dateTime would need,
    // and the planned-against-taken comparison is what a reviewer reads.
    const taken = c.doses.reduce((sum, d) => sum + (d.takenMg ?? 0), 0);
    out.push({
      resourceType: 'Observation',
      ...base('doses'),
      category: category('therapy', 'Therapy'),
      code: { coding: [local('doses-taken', 'Baclofen doses taken that day')], text: 'Baclofen doses taken (mg that day)' },
      valueQuantity: mg(Math.round(taken * 1000) / 1000),
      component: c.doses.flatMap((d): ObservationComponent[] => [
        {
          code: { coding: [local('dose-planned', 'Dose planned')], text: `Planned at ${d.time}` },
          ...(d.plannedMg === null
            ? { dataAbsentReason: { coding: [{ system: DATA_ABSENT_REASON, code: 'not-applicable', display: 'Not Applicable' }], text: 'No plan running' } }
            : { valueQuantity: mg(d.plannedMg) }),
        },
        // A missed dose is 0 mg taken: the patient said so, it is not a missing value.
        { code: { coding: [local('dose-taken', 'Dose taken')], text: `Taken at ${d.time}` }, valueQuantity: mg(d.takenMg ?? 0) },
        {
          code: { coding: [local('dose-status', 'Dose status')], text: `Status at ${d.time}` },
          valueCodeableConcept: { coding: [{ system: DOSE_STATUS_SYSTEM, code: d.status, display: d.status }], text: doseStatusText(d.status, d.takenMg) },
        },
      ]),
    });
  }
  for (const flag of c.redFlags) {
    out.push({
      resourceType: 'Observation',
      ...base(`red-flag/${flag}`),
      category: category('survey', 'Survey'),
      code: { coding: [local('red-flag', 'Red-flag question answered yes')], text: 'Red flag reported' },
      valueCodeableConcept: { coding: [{ system: RED_FLAG_SYSTEM, code: flag, display: RED_FLAG_TEXT[flag] }], text: `Red flag: ${RED_FLAG_TEXT[flag]}` },
    });
  }

  const components: ObservationComponent[] = [];
  const stressors = fhirText(c.stressors);
  const activity = fhirText(c.activity);
  const notes = fhirText(c.notes);
  if (stressors) components.push({ code: { coding: [local('stressors', 'Stressors')], text: 'Stressors' }, valueString: stressors });
  if (activity) components.push({ code: { coding: [local('activity', 'Activity')], text: 'Activity' }, valueString: activity });
  if (notes) components.push({ code: { coding: [local('notes', 'Notes')], text: 'Notes' }, valueString: notes });
  if (c.stepIndex !== null) components.push({ code: { coding: [local('plan-step', 'Plan step')], text: 'Plan step number' }, valueInteger: c.stepIndex + 1 });
  const panel: Observation = {
    resourceType: 'Observation',
    ...base('check-in'),
    identifier: [{ system: ID_SYSTEM.checkIn, value: c.id }],
    category: category('survey', 'Survey'),
    code: { coding: [local('check-in', 'Daily check-in')], text: `Daily check-in, revision ${c.revision}` },
    ...(basedOn ? { basedOn: [basedOn] } : {}),
    ...(out.length > 0 ? { hasMember: out.map((o) => ({ reference: urnOf(o.id ?? '') })) } : {}),
    ...(components.length > 0 ? { component: components } : {}),
  };
  // A check-in with nothing in it still happened: without members or components it states that it was empty.
  if (!panel.hasMember && !panel.component) panel.valueString = 'Check-in with no answers';
  return [panel, ...out];
}

function doseStatusText(status: ExportCheckIn['doses'][number]['status'], takenMg: number | null): string {
  switch (status) {
    case 'taken':
      return 'Taken as planned';
    case 'changed':
      return takenMg === null ? 'Changed' : `Changed: ${mgText(takenMg)} mg taken`;
    case 'missed':
      return 'Missed';
  }
}
