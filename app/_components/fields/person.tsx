'use client';
// Who a new account is for: name, email and time zone, as every "add a person" form asks them.
import type { ReactNode } from 'react';
import { TimeZoneField } from '~/app/_components/time-zone-field';
import { TextField } from './text';

export interface PersonDraft {
  name: string;
  email: string;
  timeZone: string;
}

export function PersonFields({ value, timeZone, onChange, labels, errors }: {
  value: Pick<PersonDraft, 'name' | 'email'>;
  /** The zone shown (the draft's, or the browser's while none is chosen). */
  timeZone: string;
  onChange: <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) => void;
  labels: { name: string; email: string; emailHint: ReactNode; timeZone: string; timeZoneHint?: ReactNode };
  errors?: Record<string, string[]>;
}) {
  return (
    <>
      <TextField label={labels.name} name="name" autoComplete="off" required value={value.name} onChange={(e) => onChange('name', e.target.value)} error={errors?.name} />
      <TextField
        label={labels.email}
        hint={labels.emailHint}
        name="email"
        type="email"
        autoComplete="off"
        required
        value={value.email}
        onChange={(e) => onChange('email', e.target.value)}
        error={errors?.email}
      />
      <TimeZoneField label={labels.timeZone} hint={labels.timeZoneHint} value={timeZone} onChange={(zone) => onChange('timeZone', zone)} error={errors?.timeZone} />
    </>
  );
}
