// The choices the clinician forms offer, typed against the API so a new renal category is a type error here.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/api/root';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
/** A care-team member's discipline: shown, never chosen (it comes from their account). */
export type Discipline = Outputs['patients']['get']['careTeam'][number]['discipline'];
export type RenalFunction = Inputs['patients']['updateProfile']['renalFunction'];

export const renalOptions = ['unknown', 'normal', 'mild', 'moderate', 'severe'] as const satisfies readonly RenalFunction[];

// Fails to compile when the API gains a value this list does not offer.
type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const _allRenal: Unlisted<RenalFunction, (typeof renalOptions)[number]> = true;
