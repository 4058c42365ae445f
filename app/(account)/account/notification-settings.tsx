'use client';
// The person's notification settings: channels and quiet hours for everyone; the check-in reminder and the
// dose-change notice for patients; urgent alerts, messages and the daily summary for clinicians. Times are
// on the person's own clock, and the page says which zone that is.
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { CheckboxField, Fieldset, RadioGroup, TextField, type FieldSize } from '~/app/_components/fields';
import { FormFeedback } from '~/app/_components/form/form-feedback';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import { isClockTime } from '~/lib/notify/local-time';
import { isInQuietHours } from '~/lib/notify/reminders';

export interface NotificationSettingsValue {
  role: 'patient' | 'clinician' | 'admin';
  timeZone: string;
  settings: {
    emailEnabled: boolean;
    pushEnabled: boolean;
    urgentEnabled: boolean;
    messagesEnabled: boolean;
    digest: 'none' | 'daily';
    digestTime: string;
    reminderTime: string | null;
    doseChangeEnabled: boolean;
    quietStart: string | null;
    quietEnd: string | null;
  };
}

const FIELDS = ['emailEnabled', 'pushEnabled', 'quietStart', 'quietEnd', 'reminderTime', 'doseChangeEnabled', 'urgentEnabled', 'messagesEnabled', 'digest', 'digestTime'] as const;

export function NotificationSettingsForm({ initial }: { initial: NotificationSettingsValue }) {
  const t = useTranslations('NotifySettings');
  const trpc = useTRPC();
  const { role, timeZone, settings } = initial;
  const size: FieldSize = role === 'patient' ? 'lg' : 'md';
  const zone = timeZone.replaceAll('_', ' ');
  const timeHint = t('timeHint', { zone });
  // On staff forms a group's legend reads like a field label: set the sections apart (the patient's size already does).
  const section = (text: string) => (size === 'md' ? <span className="text-base font-semibold">{text}</span> : text);

  const [emailEnabled, setEmailEnabled] = useState(settings.emailEnabled);
  const [pushEnabled, setPushEnabled] = useState(settings.pushEnabled);
  const [quietOn, setQuietOn] = useState(settings.quietStart !== null);
  const [quietStart, setQuietStart] = useState(settings.quietStart ?? '22:00');
  const [quietEnd, setQuietEnd] = useState(settings.quietEnd ?? '07:00');
  const [reminderOn, setReminderOn] = useState(settings.reminderTime !== null);
  const [reminderTime, setReminderTime] = useState(settings.reminderTime ?? '19:00');
  const [doseChangeEnabled, setDoseChangeEnabled] = useState(settings.doseChangeEnabled);
  const [urgentEnabled, setUrgentEnabled] = useState(settings.urgentEnabled);
  const [messagesEnabled, setMessagesEnabled] = useState(settings.messagesEnabled);
  const [digest, setDigest] = useState<'none' | 'daily'>(settings.digest);
  const [digestTime, setDigestTime] = useState(settings.digestTime);

  const save = useFormMutation(trpc.notificationSettings.update.mutationOptions());
  const errors = save.fieldErrors;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const common = {
      emailEnabled,
      pushEnabled,
      quietStart: quietOn ? quietStart : null,
      quietEnd: quietOn ? quietEnd : null,
    };
    if (role === 'patient') save.submit({ ...common, reminderTime: reminderOn ? reminderTime : null, doseChangeEnabled });
    else if (role === 'clinician') save.submit({ ...common, urgentEnabled, messagesEnabled, digest, ...(digest === 'daily' ? { digestTime } : {}) });
    else save.submit(common);
  }

  const reminderInQuiet = role === 'patient' && reminderOn && quietOn && [reminderTime, quietStart, quietEnd].every(isClockTime)
    && isInQuietHours(reminderTime, quietStart, quietEnd);

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <p className="text-slate-700">{t('intro')}</p>
      <p className="font-medium text-slate-900">{t('timeZone', { zone })}</p>

      {role === 'patient' && (
        <Fieldset legend={section(t('patient.legend'))} size={size}>
          <CheckboxField size={size} label={t('patient.reminder')} hint={t('patient.reminderHint')} checked={reminderOn} onChange={(e) => setReminderOn(e.target.checked)} />
          {reminderOn && (
            <TextField
              size={size}
              type="time"
              name="reminderTime"
              label={t('patient.reminderTime')}
              hint={timeHint}
              value={reminderTime}
              onChange={(e) => setReminderTime(e.target.value)}
              required
              error={errors.reminderTime}
            />
          )}
          {reminderInQuiet && <Notice tone="warning">{t('patient.inQuiet')}</Notice>}
          <CheckboxField size={size} label={t('patient.doseChange')} hint={t('patient.doseChangeHint')} checked={doseChangeEnabled} onChange={(e) => setDoseChangeEnabled(e.target.checked)} error={errors.doseChangeEnabled} />
        </Fieldset>
      )}

      {role === 'clinician' && (
        <Fieldset legend={section(t('clinician.legend'))} size={size}>
          <CheckboxField size={size} label={t('clinician.urgent')} hint={t('clinician.urgentHint')} checked={urgentEnabled} onChange={(e) => setUrgentEnabled(e.target.checked)} error={errors.urgentEnabled} />
          <CheckboxField size={size} label={t('clinician.messages')} checked={messagesEnabled} onChange={(e) => setMessagesEnabled(e.target.checked)} error={errors.messagesEnabled} />
          <RadioGroup
            size={size}
            name="digest"
            legend={t('clinician.digest')}
            hint={t('clinician.digestHint')}
            options={[{ value: 'none', label: t('clinician.digestNone') }, { value: 'daily', label: t('clinician.digestDaily') }]}
            value={digest}
            onChange={(value) => setDigest(value ?? 'none')}
            error={errors.digest}
          >
            {digest === 'daily' && (
              <div className="ml-9 max-w-xs">
                <TextField size={size} type="time" name="digestTime" label={t('clinician.digestTime')} hint={timeHint} value={digestTime} onChange={(e) => setDigestTime(e.target.value)} required error={errors.digestTime} />
              </div>
            )}
          </RadioGroup>
        </Fieldset>
      )}

      <Fieldset legend={section(t('channels.legend'))} size={size}>
        <CheckboxField size={size} label={t('channels.email')} hint={t('channels.emailHint')} checked={emailEnabled} onChange={(e) => setEmailEnabled(e.target.checked)} error={errors.emailEnabled} />
        <CheckboxField size={size} label={t('channels.push')} hint={t('channels.pushHint')} checked={pushEnabled} onChange={(e) => setPushEnabled(e.target.checked)} error={errors.pushEnabled} />
      </Fieldset>

      <Fieldset legend={section(t('quiet.legend'))} hint={role === 'patient' ? t('quiet.hintPatient') : t('quiet.hintStaff')} size={size}>
        <CheckboxField size={size} label={t('quiet.enable')} checked={quietOn} onChange={(e) => setQuietOn(e.target.checked)} />
        {quietOn && (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 sm:max-w-lg">
            <TextField size={size} type="time" name="quietStart" label={t('quiet.start')} hint={timeHint} value={quietStart} onChange={(e) => setQuietStart(e.target.value)} required error={errors.quietStart} />
            <TextField size={size} type="time" name="quietEnd" label={t('quiet.end')} hint={timeHint} value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} required error={errors.quietEnd} />
          </div>
        )}
      </Fieldset>

      <div className="flex flex-col gap-3">
        <FormFeedback mutation={save} fields={FIELDS} saved={t('saved')} />
        <Button type="submit" disabled={save.isPending} className={`w-full sm:w-auto sm:self-start ${size === 'lg' ? 'min-h-12 text-lg' : ''}`}>
          {save.isPending ? t('saving') : t('save')}
        </Button>
      </div>
    </form>
  );
}
