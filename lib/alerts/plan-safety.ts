// Plan-safety alerts: the app itself acted on a plan for the patient's safety, and the care team must look.
// No I/O here: the alert texts (app/_components/triage/alert-text.ts) read these codes too.

/** An intrathecal pump was recorded while a plan was open: the plan was stopped. */
export const PUMP_RECORDED = 'intrathecal-pump-recorded';

export const planSafetyCodes = [PUMP_RECORDED] as const;
export type PlanSafetyCode = (typeof planSafetyCodes)[number];

/** Stored with the alert: which plan was stopped, from what state, and the version that stopped it. */
export interface PlanSafetyEvidence {
  planId: string;
  statusBefore: string;
  stoppedVersion: number;
}
