'use client';
// Text, select and text-area fields with labels, hints and per-field errors wired for screen readers.
import { useId, type ComponentProps } from 'react';
import { Chrome, describedBy, hasError, inputClass, type FieldChrome } from './chrome';

/** `errorId`: a message shown elsewhere says what is wrong with this field (one message for a group of fields). */
export function TextField({ label, hint, error, errorId, size = 'md', id: givenId, ...props }: FieldChrome & { errorId?: string } & Omit<ComponentProps<'input'>, 'size'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const described = [describedBy(id, hint, error), errorId].filter(Boolean).join(' ') || undefined;
  return (
    <Chrome id={id} label={label} hint={hint} error={error} size={size}>
      <input id={id} {...props} aria-invalid={Boolean(errorId) || hasError(error) || undefined} aria-describedby={described} className={inputClass[size]} />
    </Chrome>
  );
}

export function SelectField({ label, hint, error, size = 'md', id: givenId, children, ...props }: FieldChrome & Omit<ComponentProps<'select'>, 'size'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <Chrome id={id} label={label} hint={hint} error={error} size={size}>
      <select id={id} {...props} aria-invalid={hasError(error) || undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass[size]}>
        {children}
      </select>
    </Chrome>
  );
}

export function TextAreaField({ label, hint, error, size = 'md', id: givenId, ...props }: FieldChrome & ComponentProps<'textarea'>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <Chrome id={id} label={label} hint={hint} error={error} size={size}>
      <textarea id={id} rows={size === 'lg' ? 2 : 3} {...props} aria-invalid={hasError(error) || undefined} aria-describedby={describedBy(id, hint, error)} className={inputClass[size]} />
    </Chrome>
  );
}
