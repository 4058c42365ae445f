'use client';
// The words every form shows when its send got no answer from the server, in the reader's language.
import { useTranslations } from 'next-intl';
import type { NetworkWords } from '~/app/_lib/errors';

export function useNetworkWords(): NetworkWords {
  const t = useTranslations('Common');
  return { offline: t('unreachable'), noAnswer: t('noAnswer') };
}
