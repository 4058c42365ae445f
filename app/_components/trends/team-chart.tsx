// The care team's trends chart: the same server-drawn chart, with an "Interactive chart" button that loads a
// day-by-day read-out on demand (the values written here, in the reader's language). The patient's page has none.
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { InteractiveChart } from '~/app/_components/charts/interactive-chart';
import type { InspectData } from '~/app/_components/charts/inspect-data';
import { redFlagName } from '~/app/_components/triage/alert-text';
import { dayAxis, round1 } from '~/lib/charts/scale';
import { scoreKeys } from '~/lib/checkins/types';
import { addDays } from '~/lib/dates';
import type { Trends } from '~/server/trends/service';
import { ms } from './format';

export function TeamChart({ trends, children }: { trends: Trends; children: ReactNode }) {
  const t = useTranslations('Trends');
  const tAlerts = useTranslations('Alerts');
  const format = useFormatter();
  const available = scoreKeys.filter((k) => trends.metrics.includes(k));
  const axis = dayAxis(trends.from, trends.to);
  const num = (value: number | null | undefined) => (value === null || value === undefined ? null : format.number(value));
  const events = new Map<string, string[]>();
  for (const m of trends.markers) {
    const text = m.kind === 'red-flag' ? t('events.red-flag', { codes: m.codes.map((c) => redFlagName(c, tAlerts)).join('; ') }) : t(`legend.${m.kind}`);
    events.set(m.date, [...(events.get(m.date) ?? []), text]);
  }
  const data: InspectData = {
    labels: { open: t('chart.interactive'), inspector: t('chart.inspector'), hint: t('chart.inspectorHint') },
    columns: [
      { label: t('table.planned') },
      { label: t('table.taken') },
      ...available.map((k) => ({ label: t(`metrics.${k}`), metric: k })),
      { label: t('table.events') },
    ],
    rows: trends.days
      .filter((d) => trends.from <= d.date && d.date <= trends.to)
      .map((d) => ({
        x1: round1(axis.edge(d.date)),
        x2: round1(axis.edge(addDays(d.date, 1))),
        title: format.dateTime(new Date(ms(d.date)), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
        values: [
          num(d.plannedMg),
          d.takenMg === null && !d.checkedIn && d.date <= trends.today ? t('table.notCheckedIn') : num(d.takenMg),
          ...available.map((k) => num(d.scores[k])),
          events.get(d.date)?.join('; ') ?? null,
        ],
      })),
  };
  return <InteractiveChart data={data}>{children}</InteractiveChart>;
}
