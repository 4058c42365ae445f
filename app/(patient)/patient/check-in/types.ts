// The shapes the check-in screens read, taken from the API's own types.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { DialableNumber } from '~/lib/contacts/phone';
import type { AppRouter } from '~/server/api/root';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type CheckInDay = Outputs['checkins']['day'];
export type ExistingCheckIn = NonNullable<CheckInDay['existing']>;
export type PlannedDose = CheckInDay['plannedDoses'][number];
export type CheckInResult = Outputs['checkins']['submit'];
export type SubmitInput = Inputs['checkins']['submit'];
export type CareTeamMember = Pick<Outputs['patients']['get']['careTeam'][number], 'clinicianId' | 'name' | 'discipline'>;

/** The numbers the urgent screen and the self-harm question offer, ready to tap; null where none is set. */
export interface UrgentContacts {
  /** The patient's care-team number, else the clinic phone. */
  careTeam: DialableNumber | null;
  crisisLine: (DialableNumber & { name: string }) | null;
}
