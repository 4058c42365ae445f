'use client';
// The list of a clinician's notifications: unread ones marked, each opening its patient's page (and marked
// read as it opens), and everything marked read at once.
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge, Button, EmptyState } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import { formatInstant } from '~/lib/dates';

export interface NotificationItem {
  id: string;
  kind: 'urgent-alert' | 'alert-escalation' | 'alert' | 'message' | 'check-in-reminder' | 'dose-change' | 'digest' | 'test';
  patientName: string | null;
  round: number;
  alertId: string | null;
  alertAcknowledgedAt: Date | null;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

export function NotificationList({ items, timeZone }: { items: NotificationItem[]; timeZone: string }) {
  const t = useTranslations('Notifications');
  const format = useFormatter();
  const router = useRouter();
  const trpc = useTRPC();
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState('');
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions());
  const isRead = (item: NotificationItem) => item.readAt !== null || readIds.has(item.id);
  const unread = items.filter((i) => !isRead(i)).length;

  if (items.length === 0) return <EmptyState title={t('empty')} />;

  async function markAll() {
    await markRead.mutateAsync({ all: true });
    setReadIds(new Set(items.map((i) => i.id)));
    setStatus(t('markedAll'));
    router.refresh();
  }

  async function open(item: NotificationItem) {
    if (!isRead(item)) await markRead.mutateAsync({ ids: [item.id] }).catch(() => undefined);
    router.push(item.alertId ? `${item.link}#alert-${item.alertId}` : item.link);
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="font-medium text-slate-900">{t('unreadCount', { count: unread })}</p>
        {unread > 0 && (
          <Button variant="secondary" onClick={() => void markAll()} disabled={markRead.isPending}>
            {t('markAllRead')}
          </Button>
        )}
      </div>
      <p role="status" className="font-medium text-emerald-900">{status}</p>
      <ol className="flex flex-col gap-2" aria-label={t('title')}>
        {items.map((item) => {
          const read = isRead(item);
          const urgent = item.kind === 'urgent-alert' || item.kind === 'alert-escalation';
          return (
            <li key={item.id} className={`rounded-lg border border-l-4 p-4 ${urgent ? 'border-l-red-700' : 'border-l-sky-600'} ${read ? 'border-slate-200 bg-slate-50' : 'border-slate-300 bg-white'}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                {!read && <Badge tone="brand">{t('unread')}</Badge>}
                {item.alertId && urgent && (
                  <Badge tone={item.alertAcknowledgedAt ? 'neutral' : 'danger'}>{item.alertAcknowledgedAt ? t('acknowledged') : t('notAcknowledged')}</Badge>
                )}
                <span className="text-slate-700">{formatInstant(item.createdAt, timeZone, format)}</span>
              </div>
              <p className={`mt-1 text-slate-900 ${read ? '' : 'font-semibold'}`}>{t(`kind.${item.kind}`, { round: item.round })}</p>
              <p className="text-slate-800">{item.patientName ? t('aboutPatient', { name: item.patientName }) : t('noPatient')}</p>
              <Link
                href={item.link}
                onClick={(event) => {
                  event.preventDefault();
                  void open(item);
                }}
                className="mt-2 inline-flex min-h-11 items-center font-medium text-brand-700 underline"
              >
                {t('open')}
                <span className="sr-only">: {t(`kind.${item.kind}`, { round: item.round })}{item.patientName ? `, ${t('aboutPatient', { name: item.patientName })}` : ''}</span>
              </Link>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
