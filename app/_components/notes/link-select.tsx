'use client';
// The note form's choice of what the note is about: the plan, an alert, a weekly review or an MDT item.
import { useFormatter, useTranslations } from 'next-intl';
import { SelectField } from '~/app/_components/fields';
import { LINK_NONE, type LinkChoice, type LinkTargets } from './link-targets';
import type { Viewer } from './note-item';

export function LinkSelect({ viewer, targets, value, onChange, error }: {
  viewer: Viewer; targets: LinkTargets; value: LinkChoice; onChange: (choice: LinkChoice) => void; error: string[];
}) {
  const t = useTranslations('Notes');
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <SelectField
      label={t('form.link')}
      hint={viewer === 'patient' ? t('form.linkHintPatient') : t('form.linkHint')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error.length ? error : undefined}
    >
      <option value={LINK_NONE}>{t('form.linkNone')}</option>
      {targets.plan && (
        <optgroup label={t('form.linkGroups.plan')}>
          <option value="plan">{t('form.linkPlan', { version: targets.plan.version })}</option>
        </optgroup>
      )}
      {targets.alerts.length > 0 && (
        <optgroup label={t('form.linkGroups.alerts')}>
          {targets.alerts.map((a) => <option key={a.id} value={`alert:${a.id}`}>{a.label}</option>)}
        </optgroup>
      )}
      {targets.reviews.length > 0 && (
        <optgroup label={t('form.linkGroups.reviews')}>
          {targets.reviews.map((r) => (
            <option key={r.id} value={`review:${r.id}`}>{t('links.weeklyReview', { from: day(r.periodStart), to: day(r.periodEnd) })}</option>
          ))}
        </optgroup>
      )}
      {targets.mdtItems.length > 0 && (
        <optgroup label={t('form.linkGroups.mdt')}>
          {targets.mdtItems.map((m) => <option key={m.id} value={`mdt:${m.id}`}>{t('links.mdtItem', { date: day(m.heldOn) })}</option>)}
        </optgroup>
      )}
    </SelectField>
  );
}
