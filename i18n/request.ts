// next-intl: every user-facing string comes from messages/<locale>/*.json. English only for now;
// a second language is a new folder of message files, with no component changes.
import { getRequestConfig } from 'next-intl/server';
import { formats } from './formats';
import { loadMessages } from './messages';

export default getRequestConfig(async () => {
  const locale = 'en';
  return { locale, messages: await loadMessages(locale), formats, timeZone: 'UTC' };
});
