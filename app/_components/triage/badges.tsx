// Badges for why a patient is on top of the triage list and how serious an alert is: always words, color only adds to them.
import { useTranslations } from 'next-intl';
import type { AlertSeverity, TriageReason } from './types';

const reasonTone: Record<TriageReason, string> = {
  urgent: 'border-red-700 bg-red-50 text-red-900',
  'decision-due': 'border-brand-700 bg-brand-50 text-brand-800',
  warning: 'border-amber-600 bg-amber-50 text-amber-950',
  'missed-check-in': 'border-slate-500 bg-slate-50 text-slate-900',
  none: 'border-slate-300 bg-white text-slate-700',
};

// A shape as well as a color, for readers who cannot tell red from amber.
const reasonMark: Record<TriageReason, string> = { urgent: '!', 'decision-due': '◆', warning: '▲', 'missed-check-in': '○', none: '' };

export function ReasonBadge({ reason }: { reason: TriageReason }) {
  const t = useTranslations('Triage.reason');
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap ${reasonTone[reason]}`}>
      {reasonMark[reason] && <span aria-hidden="true">{reasonMark[reason]}</span>}
      {t(reason)}
    </span>
  );
}

const severityTone: Record<AlertSeverity, string> = {
  urgent: 'border-red-700 bg-red-50 text-red-900',
  warning: 'border-amber-600 bg-amber-50 text-amber-950',
  info: 'border-sky-600 bg-sky-50 text-sky-950',
};
const severityMark: Record<AlertSeverity, string> = { urgent: '!', warning: '▲', info: 'i' };

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  const t = useTranslations('Alerts.severity');
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap ${severityTone[severity]}`}>
      <span aria-hidden="true">{severityMark[severity]}</span>
      {t(severity)}
    </span>
  );
}
