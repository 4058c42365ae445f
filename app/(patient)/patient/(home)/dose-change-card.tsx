// "Your doses change tomorrow" on the patient's home page: the doses of the step that starts tomorrow, per
// dose time, as the plan says them. Shown here only, behind sign-in: emails and push never carry doses.
import { getFormatter, getTranslations } from 'next-intl/server';
import { TakeText } from '~/app/_components/taper/take-text';
import { ButtonLink, Card } from '~/app/_components/ui';
import { formatDay } from '~/lib/dates';
import type { DoseAtTime } from '~/lib/taper/types';

export interface DoseChange {
  startDate: string;
  dailyMg: number;
  doses: DoseAtTime[];
}

export async function DoseChangeCard({ change }: { change: DoseChange }) {
  const t = await getTranslations('NotifySettings.doseChange');
  const tp = await getTranslations('Plan');
  const format = await getFormatter();
  const date = formatDay(change.startDate, format);
  return (
    <Card title={t('title')} className="border-2 border-brand-700">
      <div className="flex flex-col gap-3">
        {change.doses.length === 0 ? (
          <p>{t('none', { date })}</p>
        ) : (
          <>
            <p>{t('intro', { date })}</p>
            <ul className="flex flex-col gap-2">
              {change.doses.map((d) => (
                <li key={d.time} className="flex flex-wrap gap-x-3 rounded-lg bg-brand-50 px-3 py-2">
                  <span className="font-bold tabular-nums">{d.time}</span>
                  <span>{tp('todayDoseMg', { mg: d.mg })}</span>
                  <TakeText take={d.take} className="text-slate-800" />
                </li>
              ))}
            </ul>
            <p className="font-semibold">{t('total', { mg: change.dailyMg })}</p>
          </>
        )}
        <p className="text-slate-700">{t('ask')}</p>
        <div>
          <ButtonLink href="/patient/plan" variant="secondary" className="min-h-12 w-full text-lg sm:w-auto">{t('viewPlan')}</ButtonLink>
        </div>
      </div>
    </Card>
  );
}
