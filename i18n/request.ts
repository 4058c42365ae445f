// next-intl: every user-facing string comes from messages/<locale>/*.json, in the language of the request
// (i18n/locale.ts): the account's own once signed in.
import { getRequestConfig } from 'next-intl/server';
import { formats } from './formats';
import { requestLocale } from './locale';
import { loadMessages } from './messages';

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: await loadMessages(locale), formats, timeZone: 'UTC' };
});
