'use client';
// A freshly issued invite link: copy it, see when it expires, and whether it was also emailed.
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from './ui';

type CopyState = 'idle' | 'copied' | 'failed';

export function InviteLink({ link, expiresAt, emailed }: { link: string; expiresAt: Date; emailed: boolean }) {
  const t = useTranslations('InviteLink');
  const format = useFormatter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  // Clears "Copied" after a moment so a second copy is announced again.
  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), 4000);
    return () => clearTimeout(timer);
  }, [copy]);

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(link);
      setCopy('copied');
    } catch {
      // Clipboard access can be refused (permissions, plain HTTP): leave the link selected to copy by hand.
      input.current?.select();
      setCopy('failed');
    }
  }

  // Shown in the viewer's own zone, named, so nobody has to guess which clock the expiry is on.
  const expires = format.dateTime(expiresAt, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });

  return (
    <div className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-slate-50 p-4">
      <label htmlFor={id} className="font-medium text-slate-900">
        {t('label')}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby={`${id}-about`}
          className="min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button variant="secondary" onClick={copyLink} className="shrink-0">
          {t('copy')}
        </Button>
      </div>
      <p role="status" className="min-h-6 text-sm font-medium text-slate-900">
        {copy === 'copied' ? t('copied') : copy === 'failed' ? t('copyFailed') : ''}
      </p>
      <div id={`${id}-about`} className="text-sm text-slate-700">
        <p>{t('expires', { date: expires })}</p>
        <p>{emailed ? t('emailed') : t('notEmailed')}</p>
        <p>{t('shareSafely')}</p>
      </div>
    </div>
  );
}
