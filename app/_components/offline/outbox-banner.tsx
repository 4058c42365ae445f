'use client';
// What the outbox is doing, in words: check-ins kept on this phone waiting to be sent, sent, or refused. A
// live region that is always there, so each change is read out.
import { useTranslations } from 'next-intl';
import type { OutboxState } from './outbox';

export function OutboxBanner({ state, className = '' }: { state: OutboxState | null; className?: string }) {
  const t = useTranslations('CheckIn.offline');
  const lines: { key: string; text: string; tone: 'info' | 'done' | 'error' }[] = [];
  for (const [i, r] of (state?.refused ?? []).entries()) lines.push({ key: `refused-${i}`, text: t('refused', { message: r.message }), tone: 'error' });
  const sent = state?.sent ?? [];
  if (sent.length) lines.push({ key: 'sent', text: sent.some((s) => s.result.urgent) ? t('sentUrgent') : t('sentElsewhere'), tone: 'done' });
  const waiting = state?.pending.length ?? 0;
  if (waiting) lines.push({ key: 'waiting', text: t('waiting', { count: waiting }), tone: 'info' });
  const toneClass = { info: 'border-amber-500 bg-amber-50 text-amber-950', done: 'border-emerald-600 bg-emerald-50 text-emerald-950', error: 'border-red-700 bg-red-50 text-red-950' };
  return (
    <div role="status" className={`flex flex-col gap-2 ${className}`}>
      {lines.map((line) => (
        <p key={line.key} className={`rounded-lg border-l-4 p-3 text-lg ${toneClass[line.tone]}`}>{line.text}</p>
      ))}
    </div>
  );
}
