'use client';
// The check-in's warning signs: a yes box each, with what to do now if one is happening.
import { useTranslations } from 'next-intl';
import { CheckboxField } from '~/app/_components/fields';
import { redFlagCodes } from '~/lib/checkins/types';
import { setRedFlag, type Draft, type UpdateDraft } from './check-in-draft';

export function RedFlagsSection({ draft, update, emergency }: { draft: Draft; update: UpdateDraft; emergency: string }) {
  const t = useTranslations('CheckIn');
  return (
    <section className="rounded-xl border-2 border-red-200 bg-white p-4 shadow-sm sm:p-5">
      <fieldset className="flex flex-col gap-3" aria-describedby="red-flags-hint">
        <legend className="mb-2">
          <h2 className="text-xl font-bold text-slate-900">{t('redFlags.legend')}</h2>
        </legend>
        <p id="red-flags-hint" className="text-slate-700">{t('redFlags.hint')}</p>
        <p className="font-semibold text-red-900">{t('redFlags.now', { emergency })}</p>
        {redFlagCodes.map((code) => (
          <CheckboxField
            key={code}
            size="lg"
            tone="alert"
            label={t(`redFlags.codes.${code}`)}
            checked={draft.redFlags.includes(code)}
            onChange={(e) => {
              const ticked = e.target.checked;
              update((d) => setRedFlag(d, code, ticked));
            }}
          />
        ))}
      </fieldset>
    </section>
  );
}
