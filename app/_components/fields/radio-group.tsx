'use client';
// One of a few choices. "md": native radios in rows with optional hints (staff forms). "lg": each choice a
// big button with a tick besides the fill, so the choice does not rest on colour alone (the patient's phone),
// optionally clearable.
import { useId, type ReactNode } from 'react';
import { describedBy, ErrorText, HintText, type FieldSize } from './chrome';

/** A native radio hidden inside a label drawn as a big button; the label shows focus and choice. */
export const choiceClass =
  'flex min-h-12 cursor-pointer items-center rounded-lg border-2 border-slate-400 bg-white text-lg font-semibold text-slate-900 hover:bg-slate-100 ' +
  'has-[:checked]:border-brand-700 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:checked]:hover:bg-brand-800 ' +
  'has-[:focus-visible]:outline-[3px] has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 has-[:focus-visible]:outline-solid';

export const clearLinkClass = 'min-h-12 self-start px-1 font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800';

export interface ClearChoice {
  text: string;
  /** The accessible name (says which question it clears). */
  label: string;
}

export interface RadioOption<V> {
  value: V;
  label: ReactNode;
  hint?: ReactNode;
}

export function RadioGroup<V extends string | number>({
  name, legend, hint, options, value, onChange, error, size = 'md', clear, children,
}: {
  /** The radios' name; one is made when omitted. */
  name?: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: ReadonlyArray<RadioOption<V>>;
  value: V | null;
  onChange: (value: V | null) => void;
  error?: string | string[];
  size?: FieldSize;
  /** Offer to clear the answer (size "lg"). */
  clear?: ClearChoice;
  /** Shown under the choices (the amount for "Took a different amount"). */
  children?: ReactNode;
}) {
  const id = useId();
  const group = name ?? id;
  if (size === 'md') {
    return (
      <fieldset className="flex flex-col gap-1" aria-describedby={describedBy(id, hint, error)}>
        <legend className="font-medium text-slate-900">{legend}</legend>
        <HintText id={`${id}-hint`} hint={hint} />
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 cursor-pointer items-center gap-3">
            <input type="radio" name={group} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} className="h-6 w-6 shrink-0 accent-brand-700" />
            <span>
              {o.label}
              {o.hint && <span className="block text-sm text-slate-700">{o.hint}</span>}
            </span>
          </label>
        ))}
        {children}
        <ErrorText id={`${id}-error`} error={error} />
      </fieldset>
    );
  }
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)} className="flex flex-col gap-2">
      <legend className="text-lg font-semibold text-slate-900">{legend}</legend>
      <HintText id={`${id}-hint`} hint={hint} size="lg" />
      <div className="flex flex-col gap-2">
        {options.map((o) => (
          <label key={o.value} className={`${choiceClass} gap-3 px-4 py-2`}>
            <input type="radio" name={group} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} className="sr-only" />
            {o.label}
            {value === o.value && <span aria-hidden="true" className="ml-auto text-xl">✓</span>}
          </label>
        ))}
      </div>
      {children}
      {clear && value !== null && (
        <button type="button" onClick={() => onChange(null)} aria-label={clear.label} className={clearLinkClass}>
          {clear.text}
        </button>
      )}
      <ErrorText id={`${id}-error`} error={error} size="lg" />
    </fieldset>
  );
}
