'use client';
// Ending every session of the account, this one included, after an explicit second confirmation.
import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { wipeOfflineData } from '~/app/_components/offline/pending-store';
import { Button, Notice } from '~/app/_components/ui';
import { formErrorFrom } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';

export function SignOutEverywhere() {
  const t = useTranslations('Account');
  const network = useNetworkWords();
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const end = useMutation(trpc.account.signOutEverywhere.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  // Focus follows the step, so keyboard and screen-reader users are not left on a vanished button.
  const moveFocus = useRef(false);

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    (confirming ? confirmRef : startRef).current?.focus();
  }, [confirming]);

  function step(next: boolean) {
    moveFocus.current = true;
    setError(null);
    setConfirming(next);
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await end.mutateAsync();
    } catch (caught) {
      setError(formErrorFrom(caught, tc('errorGeneric'), network).message);
      setBusy(false);
      return;
    }
    // The server has already ended the session; this clears the cookie and leaves the signed-in area, after
    // wiping what the offline check-in keeps on this device.
    await wipeOfflineData();
    await signOut({ redirectTo: '/sign-in' });
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-slate-700">{t('signOutEverywhereBody')}</p>
      <div>
        <div role="alert">{error && <div className="mb-4"><Notice tone="error">{error}</Notice></div>}</div>
        {confirming ? (
          <div className="flex flex-col gap-3">
            <p className="font-medium text-slate-900">{t('signOutEverywhereQuestion')}</p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <Button ref={confirmRef} variant="danger" disabled={busy} onClick={confirm}>
                {busy ? t('signingOut') : t('signOutEverywhereConfirm')}
              </Button>
              <Button variant="secondary" disabled={busy} onClick={() => step(false)}>
                {tc('cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <Button ref={startRef} variant="secondary" className="w-full sm:w-auto" onClick={() => step(true)}>
            {t('signOutEverywhere')}
          </Button>
        )}
      </div>
    </div>
  );
}
