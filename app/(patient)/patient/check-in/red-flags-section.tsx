'use client';
// The check-in's warning signs: a yes box each, with what to do now if one is happening, and the crisis
// line beside the question about thoughts of self-harm.
import { useTranslations } from 'next-intl';
import { CheckboxField } from '~/app/_components/fields/checkbox';
import { PhoneLink, phoneLinkClass } from '~/app/_components/phone-link';
import { redFlagCodes } from '~/lib/checkins/types';
import { setRedFlag, type Draft, type UpdateDraft } from './check-in-draft';
import type { UrgentContacts } from './types';

export function RedFlagsSection({ draft, update, emergency, crisisLine }: {
  draft: Draft;
  update: UpdateDraft;
  emergency: string;
  crisisLine: UrgentContacts['crisisLine'];
}) {
  const t = useTranslations('CheckIn');
  const tk = useTranslations('Contacts.checkIn');
  return (
    <section className="rounded-xl border-2 border-red-200 bg-white p-4 shadow-sm sm:p-5">
      <fieldset className="flex flex-col gap-3" aria-describedby="red-flags-hint">
        <legend className="mb-2">
          <h2 className="text-xl font-bold text-slate-900">{t('redFlags.legend')}</h2>
        </legend>
        <p id="red-flags-hint" className="text-slate-700">{t('redFlags.hint')}</p>
        <p className="font-semibold text-red-900">{t('redFlags.now', { emergency })}</p>
        {redFlagCodes.map((code) => (
          <div key={code} className="flex flex-col gap-2">
            <CheckboxField
              size="lg"
              tone="alert"
              label={t(`redFlags.codes.${code}`)}
              checked={draft.redFlags.includes(code)}
              onChange={(e) => {
                const ticked = e.target.checked;
                update((d) => setRedFlag(d, code, ticked));
              }}
            />
            {code === 'self-harm-thoughts' && (
              <div className="rounded-lg border-l-4 border-brand-700 bg-brand-50 p-3 text-slate-900">
                {crisisLine ? (
                  <>
                    <p>{tk('crisis', { name: crisisLine.name })}</p>
                    <PhoneLink number={crisisLine} className={`${phoneLinkClass} mt-1 inline-flex min-h-12 items-center text-xl`}>
                      {tk('crisisCall', { name: crisisLine.name, number: crisisLine.display })}
                    </PhoneLink>
                  </>
                ) : (
                  <p className="font-semibold">{tk('crisisNone', { emergency })}</p>
                )}
              </div>
            )}
          </div>
        ))}
      </fieldset>
    </section>
  );
}
