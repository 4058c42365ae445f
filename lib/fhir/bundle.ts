// The FHIR R4 export of one patient's taper record: toFhirBundle maps an ExportRecord to a collection Bundle.
import { adjunctKindLabels } from '~/lib/adjuncts/kinds';
import type { ExportAdjunct, ExportAlert, ExportGoal, ExportNote, ExportPlan, ExportRecord } from '~/lib/export/types';
import { ALERT_SYSTEM, FLAG_CATEGORY, GOAL_ACHIEVEMENT, ID_SYSTEM, RED_FLAG_TEXT, fhirText } from './codes';
import { uuidFrom, urnOf } from './ids';
import { detectedIssuesOf, medicationRequestId, medicationRequestOf } from './medication-request';
import { checkInObservations } from './observations';
import type {
  Bundle, CarePlan, CarePlanActivityStatus, CarePlanStatus, CareTeam, Communication, Flag, Goal, GoalLifecycleStatus, Patient, Practitioner,
  Reference, Resource,
} from './types';
import type { RedFlagCode } from '~/lib/checkins/types';
import { redFlagCodes } from '~/lib/checkins/types';

export function toFhirBundle(record: ExportRecord): Bundle {
  const resources: Resource[] = [];
  const p = record.patient;
  const patientId = uuidFrom(`Patient/${p.id}`);
  const patient: Reference = { reference: urnOf(patientId) };

  const telecom: NonNullable<Patient['telecom']> = [];
  const phone = fhirText(p.phone);
  const email = fhirText(p.email);
  if (phone) telecom.push({ system: 'phone', value: phone });
  if (email) telecom.push({ system: 'email', value: email });
  const patientName = fhirText(p.name);
  resources.push({
    resourceType: 'Patient',
    id: patientId,
    identifier: [{ system: ID_SYSTEM.patient, value: p.id }],
    ...(patientName ? { name: [{ text: patientName }] } : {}),
    ...(telecom.length > 0 ? { telecom } : {}),
    ...(p.dateOfBirth ? { birthDate: p.dateOfBirth } : {}),
  });

  // Practitioners are made on first mention: the care team, and the signers and authors of plan versions,
  // who may have left the team since but whose names the record still carries.
  const practitioners = new Map<string, Practitioner>();
  const practitioner = (userId: string, name: string, profession?: string | null): Reference => {
    const id = uuidFrom(`Practitioner/${userId}`);
    const known = practitioners.get(userId);
    if (!known) {
      const text = fhirText(name);
      const qualification = fhirText(profession);
      practitioners.set(userId, {
        resourceType: 'Practitioner',
        id,
        identifier: [{ system: ID_SYSTEM.clinician, value: userId }],
        ...(text ? { name: [{ text }] } : {}),
        ...(qualification ? { qualification: [{ code: { text: qualification } }] } : {}),
      });
    }
    const display = fhirText(name);
    return { reference: urnOf(id), ...(display ? { display } : {}) };
  };

  const careTeamId = uuidFrom(`CareTeam/${p.id}`);
  const careTeam: CareTeam = {
    resourceType: 'CareTeam',
    id: careTeamId,
    status: 'active',
    name: 'Taper care team',
    subject: patient,
    participant: record.careTeam.map((m) => ({
      role: [{ text: m.discipline }],
      member: practitioner(m.clinicianId, m.name, m.profession),
    })),
  };
  if (careTeam.participant?.length === 0) delete careTeam.participant;

  const goals = record.goals.map((g) => goalOf(g, patient));
  const planIds = new Set(record.plans.map((pl) => pl.id));
  const lastPlan = record.plans.at(-1);
  for (const plan of record.plans) {
    for (const [i, version] of plan.versions.entries()) {
      const context = { plan, version, isCurrent: i === plan.versions.length - 1, patient, practitioner };
      resources.push(medicationRequestOf(context), ...detectedIssuesOf(context));
    }
    resources.push(carePlanOf(plan, {
      patient,
      careTeam: { reference: urnOf(careTeamId) },
      // The record's goals belong to the patient, not to one plan: they hang on the plan as it stands
      // (the last), so an old, stopped plan does not seem to hold goals set after it.
      goals: plan === lastPlan ? goals.map((g) => ({ reference: urnOf(g.id ?? '') })) : [],
      adjuncts: record.adjuncts.filter((a) => a.planId === plan.id),
      today: record.today,
    }));
  }
  // Adjuncts of a plan the record does not hold still leave with the export, in a care plan of their own.
  const orphans = record.adjuncts.filter((a) => !planIds.has(a.planId));
  for (const planId of new Set(orphans.map((a) => a.planId))) {
    const activity = orphans.filter((a) => a.planId === planId).map((a) => adjunctActivity(a, record.today));
    resources.push({
      resourceType: 'CarePlan',
      id: uuidFrom(`CarePlan/${planId}`),
      identifier: [{ system: ID_SYSTEM.plan, value: planId }],
      status: 'unknown',
      intent: 'plan',
      title: 'Supports around the taper',
      subject: patient,
      careTeam: [{ reference: urnOf(careTeamId) }],
      activity,
    });
  }
  resources.push(...goals);

  const versionRefs = new Map<string, Reference>();
  for (const plan of record.plans) {
    for (const v of plan.versions) versionRefs.set(`${plan.id}/v${v.version}`, { reference: urnOf(medicationRequestId(plan.id, v.version)) });
  }
  for (const c of record.checkIns) {
    const basedOn = c.planId !== null && c.planVersion !== null ? versionRefs.get(`${c.planId}/v${c.planVersion}`) : undefined;
    resources.push(...checkInObservations(c, { patient, basedOn }));
  }

  // Alerts are Flags and only Flags. DetectedIssue is for a problem with an order (the plan's warnings
  // above); a red flag is about the patient, and its urgency is the Flag's code and period, not a second resource.
  resources.push(...record.alerts.map((a) => flagOf(a, patient)));

  const noteIds = new Map(record.notes.map((n) => [n.id, uuidFrom(`Communication/${n.id}`)]));
  resources.push(...record.notes.map((n) => communicationOf(n, patient, noteIds)));

  resources.splice(1, 0, ...practitioners.values(), careTeam);
  return {
    resourceType: 'Bundle',
    id: uuidFrom(`Bundle/${p.id}/${record.generatedAt}/${record.audience}`),
    identifier: { system: ID_SYSTEM.bundle, value: `${p.id}/${record.generatedAt}` },
    type: 'collection',
    timestamp: record.generatedAt,
    entry: resources.map((resource) => ({ fullUrl: urnOf(resource.id ?? ''), resource })),
  };
}

/** CarePlan.status has no 'paused' or 'stopped': a paused plan is 'on-hold', a stopped one 'revoked' (ended early). */
export function carePlanStatus(status: ExportPlan['status']): CarePlanStatus {
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
      return 'revoked';
  }
}

interface CarePlanContext {
  patient: Reference;
  careTeam: Reference;
  goals: Reference[];
  adjuncts: ExportAdjunct[];
  today: string;
}

function carePlanOf(plan: ExportPlan, { patient, careTeam, goals, adjuncts, today }: CarePlanContext): CarePlan {
  const current = plan.versions.at(-1);
  const first = current?.steps[0];
  const last = current?.steps.at(-1);
  const activity: NonNullable<CarePlan['activity']> = [];
  if (current) activity.push({ reference: { reference: urnOf(medicationRequestId(plan.id, current.version)) } });
  activity.push(...adjuncts.map((a) => adjunctActivity(a, today)));
  const paused = plan.pausedOn ? `Paused since ${plan.pausedOn}.` : undefined;
  return {
    resourceType: 'CarePlan',
    id: uuidFrom(`CarePlan/${plan.id}`),
    identifier: [{ system: ID_SYSTEM.plan, value: plan.id }],
    status: carePlanStatus(plan.status),
    intent: 'plan',
    title: 'Oral baclofen taper',
    ...(paused ? { description: paused } : {}),
    subject: patient,
    ...(first && last ? { period: { start: first.startDate, end: last.endDate } } : {}),
    created: plan.createdAt,
    careTeam: [careTeam],
    ...(goals.length > 0 ? { goal: goals } : {}),
    ...(activity.length > 0 ? { activity } : {}),
  };
}

function adjunctStatus(a: ExportAdjunct, today: string): CarePlanActivityStatus {
  if (a.startedOn > today) return 'not-started';
  // The record knows a support ended, not whether it ran its full course: 'stopped' claims no more than that.
  if (a.stoppedOn !== null && a.stoppedOn <= today) return 'stopped';
  return 'in-progress';
}

function adjunctActivity(a: ExportAdjunct, today: string): NonNullable<CarePlan['activity']>[number] {
  const name = fhirText(a.name);
  const parts = [name, fhirText(a.notes)];
  // Rescue medication's limits are what keep one dependence from replacing another: they travel with it.
  if (a.maxDays !== null) parts.push(`At most ${a.maxDays} day${a.maxDays === 1 ? '' : 's'}.`);
  const stop = fhirText(a.stopCriteria);
  if (stop) parts.push(`Stop criteria: ${stop}`);
  if (a.followUpOn) parts.push(`Follow-up on ${a.followUpOn}.`);
  const description = parts.filter(Boolean).join(' — ');
  return {
    detail: {
      code: { text: adjunctKindLabels[a.kind] },
      status: adjunctStatus(a, today),
      scheduledPeriod: { start: a.startedOn, ...(a.stoppedOn ? { end: a.stoppedOn } : {}) },
      ...(a.kind === 'rescue-medication' && name ? { productCodeableConcept: { text: name } } : {}),
      ...(description ? { description } : {}),
    },
  };
}

/**
 * Goal lifecycles: achieved is 'completed' with achievementStatus 'achieved'. A revised goal was replaced by
 * a new one and a dropped goal abandoned: both are 'cancelled' (no longer pursued), with statusReason saying
 * which, since R4 has no 'superseded' lifecycle.
 */
function goalOf(g: ExportGoal, patient: Reference): Goal {
  const lifecycle: Record<ExportGoal['status'], GoalLifecycleStatus> = {
    active: 'active',
    achieved: 'completed',
    revised: 'cancelled',
    dropped: 'cancelled',
  };
  const title = fhirText(g.title) ?? 'Goal';
  const measure = fhirText(g.measure);
  const targetText = fhirText(g.target);
  const target: NonNullable<Goal['target']>[number] = {};
  // gol-1: a target detail needs a measure; the goal's title stands in when no measure was written.
  if (g.targetValue !== null) {
    target.measure = { text: measure ?? title };
    // The unit is the team's free text, not a UCUM code, so it goes in `unit` alone with no system or code.
    const unit = fhirText(g.targetUnit);
    target.detailQuantity = { value: g.targetValue, ...(unit ? { unit } : {}) };
  } else if (targetText) {
    target.measure = { text: measure ?? title };
    target.detailString = targetText;
  } else if (measure) {
    target.measure = { text: measure };
  }
  if (g.dueOn) target.dueDate = g.dueOn;
  const goal: Goal = {
    resourceType: 'Goal',
    id: uuidFrom(`Goal/${g.id}`),
    identifier: [{ system: ID_SYSTEM.goal, value: g.id }],
    lifecycleStatus: lifecycle[g.status],
    description: { text: title },
    subject: patient,
    startDate: g.createdAt.slice(0, 10),
    ...(Object.keys(target).length > 0 ? { target: [target] } : {}),
  };
  if (g.status === 'achieved') {
    goal.achievementStatus = { coding: [{ system: GOAL_ACHIEVEMENT, code: 'achieved', display: 'Achieved' }], text: 'Achieved' };
  }
  if (g.status === 'revised') goal.statusReason = 'Revised: replaced by a newer goal';
  if (g.status === 'dropped') goal.statusReason = 'Dropped';
  if (g.latestProgress) {
    const lp = g.latestProgress;
    const note = fhirText(lp.note);
    const value = lp.value === null ? '' : ` ${lp.value}${fhirText(g.targetUnit) ? ` ${fhirText(g.targetUnit)}` : ''}`;
    goal.note = [{ time: lp.recordedOn, text: `Latest progress on ${lp.recordedOn}:${value}${note ? ` — ${note}` : ''}`.trim() }];
  }
  return goal;
}

const ALERT_KIND_TEXT: Record<ExportAlert['kind'], string> = {
  'red-flag': 'Red flag',
  criterion: 'Stop-go criterion',
  'missed-check-in': 'Missed check-in',
  'rescue-medication': 'Rescue medication',
  'plan-safety': 'Plan safety',
};

const isRedFlagCode = (code: string): code is RedFlagCode => (redFlagCodes as readonly string[]).includes(code);

function flagOf(a: ExportAlert, patient: Reference): Flag {
  const kind = ALERT_KIND_TEXT[a.kind];
  const code = fhirText(a.code);
  const what = a.kind === 'red-flag' && isRedFlagCode(a.code) ? RED_FLAG_TEXT[a.code] : code;
  const severity = a.severity === 'urgent' ? 'Urgent. ' : a.severity === 'warning' ? 'Warning. ' : '';
  const day = a.checkInDate ? ` (check-in of ${a.checkInDate})` : '';
  return {
    resourceType: 'Flag',
    id: uuidFrom(`Flag/${a.id}`),
    identifier: [{ system: ID_SYSTEM.alert, value: a.id }],
    // Acknowledged means someone on the team has seen it: no longer waiting for attention.
    status: a.acknowledgedAt ? 'inactive' : 'active',
    category: [{ coding: [{ system: FLAG_CATEGORY, code: 'clinical', display: 'Clinical' }] }],
    code: {
      coding: [{ system: ALERT_SYSTEM, code: a.kind, display: kind }],
      text: `${severity}${kind}${what && what !== a.kind ? `: ${what}` : ''}${day}`,
    },
    subject: patient,
    period: { start: a.createdAt, ...(a.acknowledgedAt ? { end: a.acknowledgedAt } : {}) },
  };
}

function communicationOf(n: ExportNote, patient: Reference, noteIds: Map<string, string>): Communication {
  const corrected = n.correctsNoteId ? noteIds.get(n.correctsNoteId) : undefined;
  const name = fhirText(n.authorName);
  // A note has an author's name and role, not their id: only the patient can be referenced for sure.
  const sender: Reference = n.authorRole === 'patient' ? { ...patient, ...(name ? { display: name } : {}) } : { display: name ?? 'Care team' };
  const body = fhirText(n.body);
  return {
    resourceType: 'Communication',
    id: noteIds.get(n.id) ?? uuidFrom(`Communication/${n.id}`),
    identifier: [{ system: ID_SYSTEM.note, value: n.id }],
    status: 'completed',
    subject: patient,
    ...(corrected ? { about: [{ reference: urnOf(corrected) }] } : {}),
    sent: n.createdAt,
    sender,
    ...(body ? { payload: [{ contentString: body }] } : {}),
    ...(n.correctsNoteId ? { note: [{ text: 'This note corrects an earlier note.' }] } : {}),
  };
}
