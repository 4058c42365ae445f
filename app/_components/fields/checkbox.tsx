'use client';
// A checkbox with its label beside it; "lg" draws the whole row as a big target (a yes/no question on the phone).
import { useId, type ComponentProps, type ReactNode } from 'react';
import { ErrorText, HintText, type FieldSize } from './chrome';

export function CheckboxField({ label, hint, error, size = 'md', tone = 'brand', id: givenId, ...props }: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | string[];
  size?: FieldSize;
  /** "alert": a ticked box marks a warning sign (a red-flag question). */
  tone?: 'brand' | 'alert';
} & Omit<ComponentProps<'input'>, 'size' | 'type'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  if (size === 'lg') {
    const ticked = tone === 'alert' ? 'has-[:checked]:border-red-700 has-[:checked]:bg-red-50' : 'has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50';
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className={`flex min-h-12 cursor-pointer items-start gap-3 rounded-lg border-2 border-slate-300 bg-white p-3 text-lg hover:bg-slate-50 ${ticked}`}>
          <input id={id} type="checkbox" {...props} aria-describedby={described} className={`mt-0.5 h-7 w-7 shrink-0 ${tone === 'alert' ? 'accent-red-700' : 'accent-brand-700'}`} />
          <span>{label}</span>
        </label>
        <HintText id={`${id}-hint`} hint={hint} size={size} />
        <ErrorText id={`${id}-error`} error={error} size={size} />
      </div>
    );
  }
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" {...props} aria-describedby={described} className="mt-1 h-6 w-6 shrink-0 accent-brand-700" />
      <div>
        <label htmlFor={id} className="font-medium text-slate-900">{label}</label>
        <HintText id={`${id}-hint`} hint={hint} />
        <ErrorText id={`${id}-error`} error={error} />
      </div>
    </div>
  );
}
