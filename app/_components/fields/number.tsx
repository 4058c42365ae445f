'use client';
// A number typed as text (decimal keypad on phones, comma or point), with its unit written after the box.
// The value stays the typed text: the form turns it into a number, so the server can say what is wrong.
import { useId, type ComponentProps, type ReactNode } from 'react';
import { Chrome, describedBy, hasError, inputClass, type FieldChrome } from './chrome';

/** The number in a typed text, or null when empty; NaN stays NaN so the server's schema names the problem. */
export function numberOrNull(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? null : Number(trimmed);
}

export function NumberField({ label, hint, error, size = 'md', unit, id: givenId, ...props }: FieldChrome & { unit?: ReactNode } & Omit<ComponentProps<'input'>, 'size' | 'type'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <Chrome id={id} label={label} hint={hint} error={error} size={size}>
      <div className="flex items-center gap-2">
        <input id={id} type="text" inputMode="decimal" autoComplete="off" {...props} aria-invalid={hasError(error) || undefined} aria-describedby={describedBy(id, hint, error)} className={`${inputClass[size]} max-w-40`} />
        {unit && <span className="text-slate-800">{unit}</span>}
      </div>
    </Chrome>
  );
}
