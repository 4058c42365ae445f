'use client';
// A group of controls under one legend, with the group's hint and error linked to it.
import { useId, type ReactNode } from 'react';
import { describedBy, ErrorText, HintText, type FieldSize } from './chrome';

export function Fieldset({ legend, hint, error, size = 'md', className = '', children }: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | string[];
  size?: FieldSize;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={describedBy(id, hint, error)} className={`flex flex-col gap-2 ${className}`}>
      <legend className={size === 'lg' ? 'text-lg font-semibold text-slate-900' : 'font-medium text-slate-900'}>{legend}</legend>
      <HintText id={`${id}-hint`} hint={hint} size={size} />
      {children}
      <ErrorText id={`${id}-error`} error={error} size={size} />
    </fieldset>
  );
}
