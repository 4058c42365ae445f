// What every field shares: a label, a hint and its errors, linked to the control for screen readers.
// Two sizes: "md" for staff forms, "lg" (48 px targets, larger text) for the patient's phone.
import type { ReactNode } from 'react';

export type FieldSize = 'md' | 'lg';

export interface FieldChrome {
  label: ReactNode;
  hint?: ReactNode;
  /** One message or several (a zod field error is a list). */
  error?: string | string[];
  size?: FieldSize;
}

export function errorList(error?: string | string[]): string[] {
  return Array.isArray(error) ? error : error ? [error] : [];
}

export function hasError(error?: string | string[]): boolean {
  return errorList(error).length > 0;
}

/** The aria-describedby of a control: its hint and error paragraphs, when shown. */
export function describedBy(id: string, hint?: ReactNode, error?: string | string[]): string | undefined {
  return [hint !== undefined && hint !== null && hint !== '' ? `${id}-hint` : '', hasError(error) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function ErrorText({ id, error, size = 'md' }: { id: string; error?: string | string[]; size?: FieldSize }) {
  const errors = errorList(error);
  if (errors.length === 0) return null;
  return <p id={id} className={size === 'md' ? 'text-sm font-medium text-red-800' : 'font-medium text-red-800'}>{errors.join(' ')}</p>;
}

export function HintText({ id, hint, size = 'md' }: { id: string; hint?: ReactNode; size?: FieldSize }) {
  if (hint === undefined || hint === null || hint === '') return null;
  return <div id={id} className={`text-slate-700 ${size === 'md' ? 'text-sm' : ''}`}>{hint}</div>;
}

export const inputClass: Record<FieldSize, string> = {
  md: 'min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700',
  lg: 'min-h-12 w-full rounded-lg border-2 border-slate-400 bg-white px-3 py-2 text-lg text-slate-900 aria-[invalid=true]:border-red-700',
};

const labelClass: Record<FieldSize, string> = { md: 'font-medium text-slate-900', lg: 'font-semibold text-slate-900' };

/** Label, hint, the control, then its error. */
export function Chrome({ id, label, hint, error, size = 'md', children }: FieldChrome & { id: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={labelClass[size]}>{label}</label>
      <HintText id={`${id}-hint`} hint={hint} size={size} />
      {children}
      <ErrorText id={`${id}-error`} error={error} size={size} />
    </div>
  );
}
