// The dose chart for the care team: the same server-drawn chart, with an "Interactive chart" button that loads a
// step-by-step read-out on demand. Patients get the plain DoseChart, which ships no client code.
import { useFormatter, useTranslations } from 'next-intl';
import { InteractiveChart } from '~/app/_components/charts/interactive-chart';
import type { InspectData } from '~/app/_components/charts/inspect-data';
import { doseChartModel } from '~/lib/charts/step-path';
import { formatDay, formatDayRange } from '~/lib/dates';
import { DoseChart, type DoseChartProps } from './dose-chart';

export function InteractiveDoseChart(props: DoseChartProps) {
  const t = useTranslations('Taper');
  const format = useFormatter();
  const model = doseChartModel(props.steps, props.currentDailyMg, props.today);
  const first = props.steps[0];
  if (!model || !first) return <DoseChart {...props} />;
  const data: InspectData = {
    labels: { open: t('chart.interactive'), inspector: t('chart.inspector'), hint: t('chart.inspectorHint') },
    columns: [{ label: t('chart.dose') }],
    rows: model.segments.map((s) => ({
      x1: s.x1,
      x2: s.x2,
      title:
        s.kind === 'before'
          ? t('chart.before', { date: formatDay(first.startDate, format) })
          : `${t('schedule.stepNumber', { number: s.index + 1 })}: ${formatDayRange(s.startDate, s.endDate, format)}`,
      values: [format.number(s.mg)],
    })),
  };
  return (
    <InteractiveChart data={data}>
      <DoseChart {...props} />
    </InteractiveChart>
  );
}
