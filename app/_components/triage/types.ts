// The shapes the triage, alert, check-in, criteria and decision screens read, taken from the API's own types.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/api/root';

type Outputs = inferRouterOutputs<AppRouter>;

export type TriageRow = Outputs['triage']['list'][number];
export type TriageReason = TriageRow['reason'];
export type AccountStatus = Outputs['patients']['listMine'][number]['accountStatus'];
export type AlertRow = Outputs['alerts']['list'][number];
export type AlertSeverity = AlertRow['severity'];
export type CheckInRow = Outputs['checkins']['list'][number];
export type CriteriaView = Outputs['criteria']['get'];
export type CriterionRule = CriteriaView['criteria'][number];
export type StepRecommendation = NonNullable<Outputs['decisions']['recommendation']>;

export const triageReasons = ['urgent', 'decision-due', 'warning', 'missed-check-in', 'none'] as const satisfies readonly TriageReason[];
export const severities = ['urgent', 'warning', 'info'] as const satisfies readonly AlertSeverity[];
