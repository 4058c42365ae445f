// The shapes the check-in screens read, taken from the API's own types.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/api/root';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type CheckInDay = Outputs['checkins']['day'];
export type ExistingCheckIn = NonNullable<CheckInDay['existing']>;
export type PlannedDose = CheckInDay['plannedDoses'][number];
export type CheckInResult = Outputs['checkins']['submit'];
export type SubmitInput = Inputs['checkins']['submit'];
export type CareTeamMember = Pick<Outputs['patients']['get']['careTeam'][number], 'clinicianId' | 'name' | 'discipline'>;
