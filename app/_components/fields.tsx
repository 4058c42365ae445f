'use client';
// Form fields with labels, hints and per-field errors wired for screen readers.
import { useId, type ComponentProps, type ReactNode } from 'react';

interface FieldChrome {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | string[];
}

function describedBy(id: string, hint?: ReactNode, error?: string | string[]) {
  return [hint ? `${id}-hint` : '', error && error.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Chrome({ id, label, hint, error, children }: FieldChrome & { id: string; children: ReactNode }) {
  const errors = Array.isArray(error) ? error : error ? [error] : [];
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium text-slate-900">{label}</label>
      {hint && <p id={`${id}-hint`} className="text-sm text-slate-700">{hint}</p>}
      {children}
      {errors.length > 0 && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">{errors.join(' ')}</p>
      )}
    </div>
  );
}

const inputClass =
  'min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700';

export function TextField({ label, hint, error, id: givenId, ...props }: FieldChrome & ComponentProps<'input'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const invalid = Boolean(error && error.length);
  return (
    <Chrome id={id} label={label} hint={hint} error={error}>
      <input id={id} {...props} aria-invalid={invalid || undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass} />
    </Chrome>
  );
}

export function SelectField({ label, hint, error, id: givenId, children, ...props }: FieldChrome & ComponentProps<'select'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const invalid = Boolean(error && error.length);
  return (
    <Chrome id={id} label={label} hint={hint} error={error}>
      <select id={id} {...props} aria-invalid={invalid || undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass}>
        {children}
      </select>
    </Chrome>
  );
}

export function CheckboxField({ label, hint, id: givenId, ...props }: { label: ReactNode; hint?: ReactNode } & ComponentProps<'input'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" {...props} aria-describedby={hint ? `${id}-hint` : undefined} className="mt-1 h-6 w-6 shrink-0 accent-brand-700" />
      <div>
        <label htmlFor={id} className="font-medium text-slate-900">{label}</label>
        {hint && <p id={`${id}-hint`} className="text-sm text-slate-700">{hint}</p>}
      </div>
    </div>
  );
}

export function TextAreaField({ label, hint, error, id: givenId, ...props }: FieldChrome & ComponentProps<'textarea'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const invalid = Boolean(error && error.length);
  return (
    <Chrome id={id} label={label} hint={hint} error={error}>
      <textarea id={id} rows={3} {...props} aria-invalid={invalid || undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass} />
    </Chrome>
  );
}
