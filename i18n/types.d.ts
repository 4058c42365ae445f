// Typed message keys: a missing or misspelt key is a type error, not a blank on screen.
import type { Locale as AppLocale } from '~/lib/i18n/locales';
import type { Messages } from './messages';

declare module 'next-intl' {
  interface AppConfig {
    Messages: Messages;
    Locale: AppLocale;
  }
}
