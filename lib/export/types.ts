// One patient's record as it leaves the system: the plain data every export (FHIR, CSV, the one-page
// summary) is made from, loaded by server/export/service.ts for one proved patient and audience.
import type { AlertSeverity, Criterion } from '~/lib/criteria/types';
import type { RedFlagCode } from '~/lib/checkins/types';
import type { TaperInput, TaperStep, Warning } from '~/lib/taper/types';
import type {
  adjunctKinds, alertKinds, disciplines, goalStatuses, planStatuses, professions, renalFunctionCategories, userRoles,
} from '~/lib/enums';

type Of<T extends readonly string[]> = T[number];

/** Who the export is for: the patient's own copy, or the care team's. Team-only notes never leave in either. */
export type ExportAudience = 'patient' | 'team';

export interface ExportPatient {
  id: string;
  name: string;
  email: string;
  /** YYYY-MM-DD, or null when not recorded. */
  dateOfBirth: string | null;
  phone: string | null;
  timeZone: string;
  conditions: string;
  renalFunction: Of<typeof renalFunctionCategories>;
  hasIntrathecalPump: boolean;
}

export interface ExportTeamMember {
  clinicianId: string;
  name: string;
  discipline: Of<typeof disciplines>;
  profession: Of<typeof professions> | null;
  mayPrescribe: boolean;
}

export interface ExportPlanVersion {
  version: number;
  status: Of<typeof planStatuses>;
  /** What made this version: 'create', 'edit', 'propose', 'agree', 'activate', 'pause', 'slow', ... */
  action: string;
  authorId: string;
  authorName: string;
  authorRole: Of<typeof userRoles>;
  /** The prescriber whose sign-off the version's doses carry; null for a draft no prescriber signed. */
  signedOffById: string | null;
  signedOffByName: string | null;
  reason: string;
  /** ISO timestamp. */
  createdAt: string;
  input: TaperInput;
  steps: TaperStep[];
  warnings: Warning[];
}

export interface ExportPlan {
  id: string;
  status: Of<typeof planStatuses>;
  /** YYYY-MM-DD while paused. */
  pausedOn: string | null;
  createdAt: string;
  updatedAt: string;
  /** Oldest first; the last is the plan as it stands. */
  versions: ExportPlanVersion[];
  /** The plan's current stop-go criteria (null when none were written). */
  criteria: { version: number; criteria: Criterion[] } | null;
}

export interface ExportDose {
  /** 'HH:MM' */
  time: string;
  /** What the plan said for this time that day (null when no plan was running). */
  plannedMg: number | null;
  /** What was taken; null when missed. */
  takenMg: number | null;
  status: 'taken' | 'changed' | 'missed';
}

export interface ExportCheckIn {
  id: string;
  /** The patient's local day, YYYY-MM-DD. */
  localDate: string;
  planId: string | null;
  planVersion: number | null;
  stepIndex: number | null;
  doses: ExportDose[];
  spasticity: number | null;
  spasmFrequency: number | null;
  sleepQuality: number | null;
  sleepHours: number | null;
  restlessness: number | null;
  anxiety: number | null;
  mood: number | null;
  pain: number | null;
  headache: number | null;
  nausea: number | null;
  strengthMobility: number | null;
  redFlags: RedFlagCode[];
  stressors: string;
  activity: string;
  systolic: number | null;
  diastolic: number | null;
  heartRate: number | null;
  /** Weekly screeners: two items 0–3 each, or null on days they were not asked. */
  phq2: number[] | null;
  gad2: number[] | null;
  notes: string;
  revision: number;
  /** ISO timestamp of the last save. */
  updatedAt: string;
}

export interface ExportAlert {
  id: string;
  kind: Of<typeof alertKinds>;
  severity: AlertSeverity;
  /** The red-flag code, the criterion id, 'missed-check-in', a rescue reason or a plan-safety code. */
  code: string;
  createdAt: string;
  acknowledgedAt: string | null;
  /** The local day of the check-in that raised it, when one did. */
  checkInDate: string | null;
}

export interface ExportNote {
  id: string;
  authorName: string;
  authorRole: Of<typeof userRoles>;
  createdAt: string;
  body: string;
  /** The note it corrects, when it is a correction. */
  correctsNoteId: string | null;
}

export interface ExportGoal {
  id: string;
  title: string;
  measure: string;
  target: string;
  targetValue: number | null;
  targetUnit: string;
  dueOn: string | null;
  status: Of<typeof goalStatuses>;
  createdAt: string;
  /** The latest recorded progress, if any. */
  latestProgress: { recordedOn: string; value: number | null; note: string } | null;
}

export interface ExportAdjunct {
  id: string;
  planId: string;
  kind: Of<typeof adjunctKinds>;
  name: string;
  notes: string;
  startedOn: string;
  stoppedOn: string | null;
  maxDays: number | null;
  stopCriteria: string | null;
  followUpOn: string | null;
}

export interface ExportRecord {
  audience: ExportAudience;
  /** ISO timestamp the record was read at. */
  generatedAt: string;
  /** The patient's local date when read. */
  today: string;
  /** The days the check-ins and alerts cover (inclusive); null ends mean the whole record. */
  range: { from: string | null; to: string | null };
  patient: ExportPatient;
  careTeam: ExportTeamMember[];
  /** Oldest first; at most one is in progress. */
  plans: ExportPlan[];
  /** Ascending by day; one per day. */
  checkIns: ExportCheckIn[];
  /** Ascending by creation. */
  alerts: ExportAlert[];
  /** Notes shared with the patient only. */
  notes: ExportNote[];
  goals: ExportGoal[];
  adjuncts: ExportAdjunct[];
}
