'use client';
// Signs out of this browser and returns to the sign-in page. The Auth.js endpoint also revokes the session
// on the server (server/auth/index.ts, events.signOut), so a copy of the cookie stops working too. First it
// wipes what the offline check-in keeps on this device (unsent answers, the offline page's cache): nothing
// of the patient's stays after sign-out.
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { wipeOfflineData } from './offline/pending-store';
import { Button } from './ui';

export function SignOutButton({ variant = 'secondary' }: { variant?: 'secondary' | 'ghost' }) {
  const t = useTranslations('Common');
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant={variant}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await wipeOfflineData();
        await signOut({ redirectTo: '/sign-in' });
      }}
    >
      {t('signOut')}
    </Button>
  );
}
