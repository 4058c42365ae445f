// Why a step recommendation cannot be "go": each red flag of the running step with its date, and each urgent criterion with the days that met it.
import { useFormatter, useTranslations } from 'next-intl';
import { formatDay } from '~/lib/dates';
import type { Metric, SafetyReason } from '~/lib/criteria/types';
import { AlertEvidence } from './alert-evidence';
import { redFlagName } from './alert-text';

export function SafetyReasons({ safety, metrics = {} }: { safety: readonly SafetyReason[]; metrics?: Record<string, Metric> }) {
  const t = useTranslations('Decision');
  const ta = useTranslations('Alerts');
  const format = useFormatter();
  if (safety.length === 0) return null;
  return (
    <div className="mt-3">
      <p className="font-medium text-red-900">{t('safety', { count: safety.length })}</p>
      <ul className="mt-1 flex flex-col gap-3">
        {safety.map((r) =>
          r.kind === 'red-flag' ? (
            <li key={`flag-${r.date}-${r.code}`} className="border-l-4 border-red-700 pl-3">
              <p className="font-semibold">
                <span aria-hidden="true">! </span>
                {t('safetyRedFlag', { what: redFlagName(r.code, ta), date: formatDay(r.date, format) })}
              </p>
            </li>
          ) : (
            <li key={`urgent-${r.fired.criterionId}`} className="border-l-4 border-red-700 pl-3">
              <p className="font-semibold">
                <span aria-hidden="true">! </span>
                {t('safetyUrgent', { label: r.fired.label })}
              </p>
              <AlertEvidence kind="criterion" evidence={r.fired} metric={metrics[r.fired.criterionId]} />
            </li>
          ),
        )}
      </ul>
      <p className="mt-2 text-sm text-slate-700">{t('safetyHint')}</p>
    </div>
  );
}
