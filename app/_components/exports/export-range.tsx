'use client';
// Downloads of some days only (the check-ins and the FHIR record): the window is checked here as the
// server checks it, so a link is only offered for a window the export will accept.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass } from '~/app/_components/button-classes';
import { Fieldset, TextField } from '~/app/_components/fields';
import { daysBetween, isIsoDate } from '~/lib/dates';
import { MAX_EXPORT_DAYS } from '~/lib/export/inputs';

export function ExportRange({ patientId, today }: { patientId: string; today: string }) {
  const t = useTranslations('Exports.range');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const fromOk = from === '' || isIsoDate(from);
  const toOk = to === '' || isIsoDate(to);
  const span = fromOk && toOk && from && to ? daysBetween(from, to) + 1 : null;
  const toError = !toOk ? t('badDate') : span !== null && span < 1 ? t('reversed') : span !== null && span > MAX_EXPORT_DAYS ? t('tooLong', { days: MAX_EXPORT_DAYS }) : undefined;
  const fromError = fromOk ? undefined : t('badDate');
  const ready = (from !== '' || to !== '') && !toError && !fromError;
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  return (
    <Fieldset legend={t('legend')} hint={t('hint')}>
      <div className="flex flex-wrap gap-4">
        <TextField label={t('from')} type="date" max={today} value={from} onChange={(e) => setFrom(e.target.value)} error={fromError} />
        <TextField label={t('to')} type="date" max={today} value={to} onChange={(e) => setTo(e.target.value)} error={toError} />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {ready ? (
          <>
            <a href={`/api/export/${patientId}/check-ins.csv?${query}`} download className={buttonClass('secondary')}>{t('checkIns')}</a>
            <a href={`/api/export/${patientId}/fhir.json?${query}`} download className={buttonClass('secondary')}>{t('fhir')}</a>
          </>
        ) : null}
        <p className="text-slate-700" aria-live="polite">
          {ready ? t('ready') : t('choose')}
        </p>
      </div>
    </Fieldset>
  );
}
