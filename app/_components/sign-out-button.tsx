'use client';
// Signs out of this browser (Auth.js endpoint) and returns to the sign-in page.
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
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
        await signOut({ redirectTo: '/sign-in' });
      }}
    >
      {t('signOut')}
    </Button>
  );
}
