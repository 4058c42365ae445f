// One card of the taper form: a fieldset of the field kit drawn as a bordered card with a large legend
// (the hint and error keep the staff size).
import type { ReactNode } from 'react';
import { Fieldset } from '~/app/_components/fields';

export function FormSection({ legend, hint, error, children }: { legend: ReactNode; hint?: ReactNode; error?: string[]; children: ReactNode }) {
  return (
    <Fieldset legend={<span className="px-1 text-lg font-semibold">{legend}</span>} hint={hint} error={error} className="gap-4 rounded-xl border border-slate-300 bg-white p-4">
      {children}
    </Fieldset>
  );
}
