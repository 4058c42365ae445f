'use client';
// Notifications that could not be delivered after every retry, for an administrator to look into and send again.
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { RowTh, Table, Td, Th, THead, Tr } from '~/app/_components/table';
import { Button, EmptyState, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';

export interface FailedDelivery {
  id: string;
  channel: 'email' | 'push';
  kind: 'urgent-alert' | 'alert-escalation' | 'alert' | 'message' | 'check-in-reminder' | 'dose-change' | 'digest' | 'test';
  recipientName: string | null;
  recipientEmail: string | null;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
}

export function FailedDeliveries({ rows, timeZone }: { rows: FailedDelivery[]; timeZone: string }) {
  const t = useTranslations('Notifications');
  const format = useFormatter();
  const trpc = useTRPC();
  const [status, setStatus] = useState('');
  const retry = useFormMutation(trpc.admin.retryDelivery.mutationOptions(), { onSuccess: () => setStatus(t('failures.retried')) });

  return (
    <div className="flex flex-col gap-3">
      <p className="max-w-3xl text-slate-700">{t('failures.intro')}</p>
      <p role="status" className="font-medium text-emerald-900">{status}</p>
      {retry.error && <Notice tone="error" role="alert">{retry.error.message}</Notice>}
      {rows.length === 0 ? (
        <EmptyState title={t('failures.empty')} />
      ) : (
        <Table caption={t('failures.title')} minWidth="48rem">
          <THead>
            <Th>{t('failures.recipient')}</Th>
            <Th>{t('failures.what')}</Th>
            <Th>{t('failures.channel')}</Th>
            <Th>{t('failures.attempts')}</Th>
            <Th>{t('failures.lastError')}</Th>
            <Th>{t('failures.when')}</Th>
            <Th><span className="sr-only">{t('failures.retry')}</span></Th>
          </THead>
          <tbody>
            {rows.map((row) => (
              <Tr key={row.id}>
                <RowTh>
                  {row.recipientName ?? ''}
                  <span className="block text-sm font-normal text-slate-700">{row.recipientEmail}</span>
                </RowTh>
                <Td>{t(`kind.${row.kind}`, { round: '' })}</Td>
                <Td>{t(`history.channel.${row.channel}`)}</Td>
                <Td>{row.attempts}</Td>
                <Td><code>{row.lastError}</code></Td>
                <Td>{row.lastAttemptAt ? format.dateTime(row.lastAttemptAt, { dateStyle: 'medium', timeStyle: 'short', timeZone }) : ''}</Td>
                <Td>
                  <Button variant="secondary" disabled={retry.isPending} onClick={() => retry.submit({ deliveryId: row.id })}>
                    {t('failures.retry')}
                    <span className="sr-only">: {row.recipientEmail}</span>
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
