// The taper engine's refusals in the reader's language, in the browser. The engine (lib/taper) names each
// one by a key of the taper catalogue with its values, as the server words it (i18n/errors.ts); the page
// has that catalogue in its own language as the `EngineErrors` messages (i18n/messages.ts).
import type { TaperError } from '~/lib/taper/types';

/** A translator of the `EngineErrors` messages (useTranslations('EngineErrors')). */
export type EngineErrorTranslator = (key: string, values?: Record<string, string | number | Date>) => string;

/** An engine refusal's words. */
export function engineErrorText(error: TaperError, t: EngineErrorTranslator): string {
  const { key, values } = typeof error.text === 'string' ? { key: error.text, values: undefined } : error.text;
  return t(key, values);
}
