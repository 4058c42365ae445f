// The choices the clinician forms offer, typed against the API so a new discipline or renal category is a type error here.
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '~/server/api/root';

type Inputs = inferRouterInputs<AppRouter>;
export type Discipline = Inputs['patients']['add']['myDiscipline'];
export type RenalFunction = Inputs['patients']['updateProfile']['renalFunction'];

export const disciplineOptions = ['prescriber', 'physiotherapist', 'nurse', 'pharmacist', 'psychologist', 'other'] as const satisfies readonly Discipline[];
export const renalOptions = ['unknown', 'normal', 'mild', 'moderate', 'severe'] as const satisfies readonly RenalFunction[];

// Fails to compile when the API gains a value these lists do not offer.
type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const _allDisciplines: Unlisted<Discipline, (typeof disciplineOptions)[number]> = true;
const _allRenal: Unlisted<RenalFunction, (typeof renalOptions)[number]> = true;
