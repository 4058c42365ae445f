'use client';
// The account's language, saved for the account (pages now; its emails and notifications follow it).
import { useMutation } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { SelectField } from '~/app/_components/fields';
import { rememberLocale } from '~/app/_components/locale-links';
import { Button, Notice } from '~/app/_components/ui';
import { formErrorFrom } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';
import { localeNames, locales, type Locale } from '~/lib/i18n/locales';

/** The account's language, saved for the account. */
export function AccountLocaleForm() {
  const t = useTranslations('Account');
  const network = useNetworkWords();
  const tc = useTranslations('Common');
  const current = useLocale() as Locale;
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.account.setLocale.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const locale = String(new FormData(event.currentTarget).get('locale') ?? '') as Locale;
    setError(null);
    try {
      await save.mutateAsync({ locale });
    } catch (caught) {
      setError(formErrorFrom(caught, tc('errorGeneric'), network).message);
      return;
    }
    rememberLocale(locale);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4 sm:max-w-sm">
      <SelectField label={t('language')} hint={t('languageHint')} name="locale" defaultValue={current}>
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {localeNames[locale]}
          </option>
        ))}
      </SelectField>
      <div role="alert">{error && <Notice tone="error">{error}</Notice>}</div>
      <div>
        <Button type="submit" disabled={save.isPending}>{save.isPending ? tc('saving') : t('languageSave')}</Button>
      </div>
    </form>
  );
}
