// The slice of FHIR R4 the export writes, typed by hand: @medplum/fhirtypes is not installed, and these
// few shapes keep the mapping checked without it. Field names and cardinalities follow the R4 spec.

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system?: string;
  value?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Quantity {
  value?: number;
  unit?: string;
  system?: string;
  code?: string;
}

export interface Annotation {
  authorString?: string;
  authorReference?: Reference;
  time?: string;
  text: string;
}

export interface Meta {
  profile?: string[];
}

export interface Timing {
  repeat?: {
    boundsPeriod?: Period;
    frequency?: number;
    period?: number;
    periodUnit?: 'd';
    timeOfDay?: string[];
  };
}

export interface Dosage {
  sequence?: number;
  text?: string;
  timing?: Timing;
  route?: CodeableConcept;
  doseAndRate?: { doseQuantity?: Quantity }[];
}

interface ResourceBase {
  id?: string;
  meta?: Meta;
}

export interface Patient extends ResourceBase {
  resourceType: 'Patient';
  identifier?: Identifier[];
  name?: { text?: string }[];
  telecom?: { system: 'phone' | 'email'; value: string }[];
  birthDate?: string;
}

export interface Practitioner extends ResourceBase {
  resourceType: 'Practitioner';
  identifier?: Identifier[];
  name?: { text?: string }[];
  qualification?: { code: CodeableConcept }[];
}

export interface CareTeam extends ResourceBase {
  resourceType: 'CareTeam';
  status?: 'proposed' | 'active' | 'suspended' | 'inactive' | 'entered-in-error';
  name?: string;
  subject?: Reference;
  participant?: { role?: CodeableConcept[]; member?: Reference }[];
}

export type MedicationRequestStatus = 'active' | 'on-hold' | 'cancelled' | 'completed' | 'entered-in-error' | 'stopped' | 'draft' | 'unknown';

export interface MedicationRequest extends ResourceBase {
  resourceType: 'MedicationRequest';
  identifier?: Identifier[];
  status: MedicationRequestStatus;
  intent: 'proposal' | 'plan' | 'order';
  medicationCodeableConcept?: CodeableConcept;
  subject: Reference;
  authoredOn?: string;
  requester?: Reference;
  recorder?: Reference;
  groupIdentifier?: Identifier;
  note?: Annotation[];
  dosageInstruction?: Dosage[];
  priorPrescription?: Reference;
}

export interface DetectedIssue extends ResourceBase {
  resourceType: 'DetectedIssue';
  identifier?: Identifier[];
  status: 'registered' | 'preliminary' | 'final' | 'amended';
  code?: CodeableConcept;
  severity?: 'high' | 'moderate' | 'low';
  patient?: Reference;
  identifiedDateTime?: string;
  implicated?: Reference[];
  detail?: string;
  mitigation?: { action: CodeableConcept; date?: string; author?: Reference }[];
}

export type CarePlanStatus = 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error' | 'unknown';
export type CarePlanActivityStatus =
  | 'not-started' | 'scheduled' | 'in-progress' | 'on-hold' | 'completed' | 'cancelled' | 'stopped' | 'unknown' | 'entered-in-error';

export interface CarePlan extends ResourceBase {
  resourceType: 'CarePlan';
  identifier?: Identifier[];
  status: CarePlanStatus;
  intent: 'plan';
  title?: string;
  description?: string;
  subject: Reference;
  period?: Period;
  created?: string;
  careTeam?: Reference[];
  goal?: Reference[];
  activity?: {
    reference?: Reference;
    detail?: {
      code?: CodeableConcept;
      status: CarePlanActivityStatus;
      scheduledPeriod?: Period;
      productCodeableConcept?: CodeableConcept;
      description?: string;
    };
  }[];
}

export type GoalLifecycleStatus =
  'proposed' | 'planned' | 'accepted' | 'active' | 'on-hold' | 'completed' | 'cancelled' | 'entered-in-error' | 'rejected';

export interface Goal extends ResourceBase {
  resourceType: 'Goal';
  identifier?: Identifier[];
  lifecycleStatus: GoalLifecycleStatus;
  achievementStatus?: CodeableConcept;
  description: CodeableConcept;
  subject: Reference;
  startDate?: string;
  target?: { measure?: CodeableConcept; detailQuantity?: Quantity; detailString?: string; dueDate?: string }[];
  statusReason?: string;
  note?: Annotation[];
}

export interface ObservationComponent {
  code: CodeableConcept;
  valueQuantity?: Quantity;
  valueInteger?: number;
  valueString?: string;
  valueCodeableConcept?: CodeableConcept;
  dataAbsentReason?: CodeableConcept;
}

export interface Observation extends ResourceBase {
  resourceType: 'Observation';
  identifier?: Identifier[];
  basedOn?: Reference[];
  status: 'registered' | 'preliminary' | 'final' | 'amended';
  category?: CodeableConcept[];
  code: CodeableConcept;
  subject?: Reference;
  effectiveDateTime?: string;
  issued?: string;
  performer?: Reference[];
  valueQuantity?: Quantity;
  valueInteger?: number;
  valueString?: string;
  valueCodeableConcept?: CodeableConcept;
  hasMember?: Reference[];
  component?: ObservationComponent[];
}

export interface Flag extends ResourceBase {
  resourceType: 'Flag';
  identifier?: Identifier[];
  status: 'active' | 'inactive' | 'entered-in-error';
  category?: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  period?: Period;
}

export interface Communication extends ResourceBase {
  resourceType: 'Communication';
  identifier?: Identifier[];
  status: 'completed';
  subject?: Reference;
  about?: Reference[];
  sent?: string;
  sender?: Reference;
  payload?: { contentString: string }[];
  note?: Annotation[];
}

export type Resource =
  | Patient | Practitioner | CareTeam | MedicationRequest | DetectedIssue | CarePlan | Goal | Observation | Flag | Communication;

export interface BundleEntry {
  fullUrl: string;
  resource: Resource;
}

export interface Bundle {
  resourceType: 'Bundle';
  id?: string;
  identifier?: Identifier;
  type: 'collection';
  timestamp: string;
  entry: BundleEntry[];
}
