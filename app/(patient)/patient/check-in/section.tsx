'use client';
// Big-target form pieces for the check-in: radio groups drawn as buttons, and fields 48 px tall,
// each with its label, hint and error linked for screen readers.
import { useId, type ComponentProps, type ReactNode } from 'react';

/** A native radio or checkbox hidden inside a label drawn as a big button; the label shows focus and choice. */
const choiceBase =
  'flex min-h-12 cursor-pointer items-center rounded-lg border-2 border-slate-400 bg-white text-lg font-semibold text-slate-900 hover:bg-slate-100 ' +
  'has-[:checked]:border-brand-700 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:checked]:hover:bg-brand-800 ' +
  'has-[:focus-visible]:outline-[3px] has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 has-[:focus-visible]:outline-solid';

export const bigButton =
  'inline-flex min-h-12 items-center justify-center gap-2 rounded-lg px-5 py-2 text-lg font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60';
export const bigPrimary = `${bigButton} bg-brand-700 text-white hover:bg-brand-800`;
export const bigSecondary = `${bigButton} border-2 border-slate-400 bg-white text-slate-900 hover:bg-slate-100`;
const smallLink = 'min-h-12 self-start px-1 font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800';

/** A card named by its heading; a little less padding on phones than the shared Card, for wider buttons. */
export function Section({ title, children, className = '' }: { title: ReactNode; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      <h2 id={id} className="mb-3 text-xl font-bold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return <p id={id} className="font-medium text-red-800">{errors.join(' ')}</p>;
}

function describedBy(...ids: (string | false | undefined)[]) {
  return ids.filter(Boolean).join(' ') || undefined;
}

/** A 0–max score: a fieldset of number buttons, with the anchors written out and read with the ends. */
export function ScoreGroup({
  name, legend, max, low, high, anchors, value, onChange, clear, errors,
}: {
  name: string;
  legend: ReactNode;
  max: number;
  low: string;
  high: string;
  /** "0 = none, 10 = worst possible" */
  anchors: string;
  value: number | null;
  onChange: (value: number | null) => void;
  clear: { text: string; label: string };
  errors?: string[];
}) {
  const id = useId();
  const values = Array.from({ length: max + 1 }, (_, n) => n);
  return (
    <fieldset aria-describedby={describedBy(`${id}-anchors`, Boolean(errors?.length) && `${id}-error`)} className="flex flex-col gap-2">
      <legend className="text-lg font-semibold text-slate-900">{legend}</legend>
      <div className="flex items-center justify-between gap-2">
        <p id={`${id}-anchors`} className="text-slate-700">{anchors}</p>
        {value !== null && (
          <button type="button" onClick={() => onChange(null)} aria-label={clear.label} className={smallLink}>
            {clear.text}
          </button>
        )}
      </div>
      {/* Six across leaves each button at least 48 px wide on a 360 px phone. */}
      <div className="grid grid-cols-6 gap-1.5 sm:grid-cols-11 sm:gap-2">
        {values.map((n) => (
          <label key={n} className={`${choiceBase} justify-center tabular-nums`}>
            <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} className="sr-only" />
            {n}
            {n === 0 && <span className="sr-only">, {low}</span>}
            {n === max && <span className="sr-only">, {high}</span>}
          </label>
        ))}
      </div>
      <ErrorText id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

/** A fieldset of a few choices in words, one per row (Penn spasm frequency, screener answers, a dose). */
export function OptionGroup<V extends string | number>({
  name, legend, hint, options, value, onChange, clear, errors, children,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: V; label: ReactNode }[];
  value: V | null;
  onChange: (value: V | null) => void;
  clear?: { text: string; label: string };
  errors?: string[];
  /** Shown under the choices (the amount for "Took a different amount"). */
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={describedBy(hint !== undefined && `${id}-hint`, Boolean(errors?.length) && `${id}-error`)} className="flex flex-col gap-2">
      <legend className="text-lg font-semibold text-slate-900">{legend}</legend>
      {hint !== undefined && <div id={`${id}-hint`} className="text-slate-700">{hint}</div>}
      <div className="flex flex-col gap-2">
        {options.map((o) => (
          <label key={o.value} className={`${choiceBase} gap-3 px-4 py-2`}>
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} className="sr-only" />
            {o.label}
            {/* A mark besides the fill, so the choice does not rest on colour alone. */}
            {value === o.value && <span aria-hidden="true" className="ml-auto text-xl">✓</span>}
          </label>
        ))}
      </div>
      {children}
      {clear && value !== null && (
        <button type="button" onClick={() => onChange(null)} aria-label={clear.label} className={smallLink}>
          {clear.text}
        </button>
      )}
      <ErrorText id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

const inputClass =
  'min-h-12 w-full rounded-lg border-2 border-slate-400 bg-white px-3 py-2 text-lg text-slate-900 aria-[invalid=true]:border-red-700';

interface FieldChrome {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
}

function Field({ id, label, hint, errors, children }: FieldChrome & { id: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold text-slate-900">{label}</label>
      {hint && <p id={`${id}-hint`} className="text-slate-700">{hint}</p>}
      {children}
      <ErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function InputField({ label, hint, errors, ...props }: FieldChrome & Omit<ComponentProps<'input'>, 'id' | 'className'>) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      <input id={id} {...props} aria-invalid={invalid || undefined} aria-describedby={describedBy(hint !== undefined && `${id}-hint`, invalid && `${id}-error`)} className={inputClass} />
    </Field>
  );
}

export function TextAreaField({ label, hint, errors, ...props }: FieldChrome & Omit<ComponentProps<'textarea'>, 'id' | 'className'>) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      <textarea id={id} rows={2} {...props} aria-invalid={invalid || undefined} aria-describedby={describedBy(hint !== undefined && `${id}-hint`, invalid && `${id}-error`)} className={inputClass} />
    </Field>
  );
}

/** A yes/no question as one big checkbox row: ticked means yes. */
export function YesBox({ label, checked, onChange }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex min-h-12 cursor-pointer items-start gap-3 rounded-lg border-2 border-slate-300 bg-white p-3 text-lg hover:bg-slate-50 has-[:checked]:border-red-700 has-[:checked]:bg-red-50">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 h-7 w-7 shrink-0 accent-red-700" />
      <span>{label}</span>
    </label>
  );
}
