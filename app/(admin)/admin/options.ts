// The professions the administration forms offer, typed against the API so a new profession is a type error here.
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '~/server/api/root';

export type Profession = inferRouterInputs<AppRouter>['admin']['updateClinician']['profession'];

export const professionOptions = [
  'physician', 'nurse-practitioner', 'nurse', 'pharmacist', 'physiotherapist', 'psychologist', 'other',
] as const satisfies readonly Profession[];

// Fails to compile when the API gains a profession this list does not offer.
type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const _allProfessions: Unlisted<Profession, (typeof professionOptions)[number]> = true;
