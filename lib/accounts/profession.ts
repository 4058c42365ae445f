// A clinician's care-team discipline, derived from their account: the one rule, shared by the services,
// the data migration (0008, which spells the same rule in SQL) and the pages that show it.
import type { disciplines, professions } from '~/lib/enums';

export type Profession = (typeof professions)[number];
export type Discipline = (typeof disciplines)[number];

/**
 * 'prescriber' when the account may prescribe; otherwise the discipline of the profession. A physician
 * without the right to prescribe (in training, say) and anyone else without a matching discipline is 'other'.
 */
export function disciplineFor(account: { profession: Profession | null; mayPrescribe: boolean }): Discipline {
  if (account.mayPrescribe) return 'prescriber';
  switch (account.profession) {
    case 'nurse-practitioner':
    case 'nurse':
      return 'nurse';
    case 'pharmacist':
      return 'pharmacist';
    case 'physiotherapist':
      return 'physiotherapist';
    case 'psychologist':
      return 'psychologist';
    case 'physician':
    case 'other':
    case null:
      return 'other';
  }
}
