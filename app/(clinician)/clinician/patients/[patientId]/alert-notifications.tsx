'use client';
// Who an urgent alert reached: each notice by round (when it was raised, then each escalation), its recipient,
// and per channel whether it was delivered. Loaded when the clinician opens it.
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '~/app/_trpc/client';
import { formatInstant } from '~/lib/dates';

export function AlertNotifications({ patientId, alertId, timeZone }: { patientId: string; alertId: string; timeZone: string }) {
  const t = useTranslations('Notifications.history');
  const format = useFormatter();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const history = useQuery({ ...trpc.alerts.notifications.queryOptions({ patientId, alertId }), enabled: open });
  const when = (d: Date) => formatInstant(d, timeZone, format);
  const rounds = new Map<number, NonNullable<typeof history.data>>();
  for (const entry of history.data ?? []) rounds.set(entry.round, [...(rounds.get(entry.round) ?? []), entry]);

  return (
    <details className="mt-3 rounded border border-slate-200" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-semibold text-slate-900">{t('summary')}</summary>
      <div className="px-3 pb-3 text-sm">
        {history.isPending && open && <p role="status">{t('loading')}</p>}
        {history.isError && <p role="alert" className="text-red-800">{t('error')}</p>}
        {history.data && history.data.length === 0 && <p>{t('empty')}</p>}
        {[...rounds.entries()].map(([round, entries]) => (
          <section key={round} className="mt-2">
            <h4 className="font-semibold text-slate-900">
              {round === 0 ? t('round0') : t('round', { round })} · {entries[0] ? when(entries[0].createdAt) : ''}
            </h4>
            <ul className="mt-1 flex flex-col gap-1">
              {entries.map((entry) => (
                <li key={entry.id} className="text-slate-800">
                  <span className="font-medium">{entry.onCall ? t('onCall', { email: entry.recipient }) : entry.recipient}</span>
                  {': '}
                  {entry.deliveries.length === 0
                    ? t('inAppOnly')
                    : entry.deliveries
                        .map((d) => `${t(`channel.${d.channel}`)} ${
                          d.status === 'delivered' ? t('status.delivered', { when: d.deliveredAt ? when(d.deliveredAt) : '' })
                          : d.status === 'skipped' ? t('status.skipped', { reason: reasonText(t, d.lastError) })
                          : t(`status.${d.status}`, { attempts: d.attempts })
                        }`)
                        .join('; ')}
                  {entry.readAt && ` · ${t('seen')}`}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </details>
  );
}

const reasons = ['no-address', 'smtp-not-configured', 'push-not-configured', 'no-subscription', 'account-disabled', 'no-account', 'notice-missing'] as const;

function reasonText(t: ReturnType<typeof useTranslations<'Notifications.history'>>, reason: string | null): string {
  const known = reasons.find((r) => r === reason);
  return known ? t(`reason.${known}`) : (reason ?? '');
}
