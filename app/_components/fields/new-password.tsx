'use client';
// A new password typed twice, with the account's email hidden beside it so password managers store the
// password under the right account.
import type { FormError } from '~/app/_lib/errors';
import { TextField } from './text';

export function NewPasswordFields({ email, names, labels, errors }: {
  email: string;
  /** The form fields' names: the server's input keys. */
  names: { password: string; confirm: string };
  labels: { password: string; hint: string; confirm: string };
  errors?: Record<string, string[]>;
}) {
  return (
    <>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField label={labels.password} hint={labels.hint} name={names.password} type="password" autoComplete="new-password" required error={errors?.[names.password]} />
      <TextField label={labels.confirm} name={names.confirm} type="password" autoComplete="new-password" required error={errors?.[names.confirm]} />
    </>
  );
}

/** The new password and its confirmation as the form holds them, and the error to show when they differ. */
export function newPasswordFrom(form: HTMLFormElement, mismatch: string): { password: string; confirmPassword: string; error: FormError | null } {
  const data = new FormData(form);
  const password = String(data.get('password') ?? '');
  const confirmPassword = String(data.get('confirmPassword') ?? '');
  const error = password === confirmPassword ? null : { message: mismatch, fieldErrors: { confirmPassword: [mismatch] } };
  return { password, confirmPassword, error };
}
