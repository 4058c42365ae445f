// "Reviewed" on a triage row: a weekly review newer than the patient's latest check-in and alert.
import { useTranslations } from 'next-intl';

export function ReviewedBadge({ reviewed }: { reviewed: boolean }) {
  const t = useTranslations('ReviewBadge');
  if (!reviewed) return null;
  return (
    <span className="mt-1 flex w-fit items-center gap-1.5 rounded-full border border-emerald-700 bg-emerald-50 px-2.5 py-0.5 text-sm font-semibold whitespace-nowrap text-emerald-900">
      <span aria-hidden="true">✓</span>
      {t('reviewed')}
      <span className="sr-only">{`: ${t('reviewedLabel')}`}</span>
    </span>
  );
}
