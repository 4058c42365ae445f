'use client';
// A new password typed twice, with the account's email hidden beside it so password managers store the
// password under the right account.
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
