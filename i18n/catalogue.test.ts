// The message catalogues of every language, checked together: the same files and keys everywhere, the same
// ICU placeholders and rich-text tags in each translation, no English left in another language, and no key
// that no code uses.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isArgumentElement, isDateElement, isLiteralElement, isNumberElement, isPluralElement, isSelectElement, isTagElement, isTimeElement, parse,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { locales } from '~/lib/i18n/locales';

const root = path.resolve(import.meta.dirname, '..');
const dir = (locale: string) => path.join(root, 'messages', locale);
/** The page catalogues (messages/<locale>/*.json) and the server's messages (messages/<locale>/errors/*.json). */
const catalogueFiles = (locale: string) => [
  ...readdirSync(dir(locale)).filter((f) => f.endsWith('.json')),
  ...readdirSync(path.join(dir(locale), 'errors')).filter((f) => f.endsWith('.json')).map((f) => `errors/${f}`),
].sort();
const files = catalogueFiles('en');

type Tree = { [key: string]: string | Tree };
const read = (locale: string, file: string): Tree => JSON.parse(readFileSync(path.join(dir(locale), file), 'utf8')) as Tree;

/** Every string of a catalogue with its dotted path. */
function leaves(tree: Tree, at: string[] = []): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[[...at, k].join('.'), v] as [string, string]] : leaves(v, [...at, k])));
}

/** The ICU arguments (with their kind) and rich-text tags of a message, from its parsed form. */
export function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (nodes: MessageFormatElement[]) => {
    for (const n of nodes) {
      if (isArgumentElement(n) || isNumberElement(n) || isDateElement(n) || isTimeElement(n)) found.add(`{${n.value}}`);
      if (isPluralElement(n) || isSelectElement(n)) {
        found.add(`{${n.value}, ${isPluralElement(n) ? 'plural' : 'select'}}`);
        for (const option of Object.values(n.options)) walk(option.value);
      }
      if (isTagElement(n)) {
        found.add(`<${n.value}>`);
        walk(n.children);
      }
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return [...found].sort();
}

/** The words a reader sees: the literal text of a message, in every branch, without ICU syntax or tags. */
function visibleText(message: string): string {
  const parts: string[] = [];
  const walk = (nodes: MessageFormatElement[]) => {
    for (const n of nodes) {
      if (isLiteralElement(n)) parts.push(n.value);
      if (isPluralElement(n) || isSelectElement(n)) for (const option of Object.values(n.options)) walk(option.value);
      if (isTagElement(n)) walk(n.children);
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return parts.join(' ');
}

// Words that are English and not Spanish (nor product names): one in a Spanish string means a line was
// left untranslated. A heuristic: it misses short phrases made only of other words.
const ENGLISH = [
  'the', 'and', 'your', 'you', 'with', 'please', 'when', 'this', 'that', 'what', 'which', 'from', 'have', 'will', 'should', 'cannot',
  'save', 'cancel', 'today', 'week', 'weeks', 'patient', 'patients', 'step', 'steps', 'sign', 'signed', 'password', 'email address',
  'check-in', 'check-ins', 'dose', 'doses', 'plan editor', 'care team', 'loading', 'saving', 'settings', 'yes', 'back', 'next', 'close',
];

// Names that stay as they are in every language (apps a person may install).
const PROPER_NOUNS = ['1Password', 'Google Authenticator', 'Microsoft Authenticator'];

describe('the message catalogues', () => {
  it('are the same files in every language', () => {
    for (const locale of locales) expect([locale, catalogueFiles(locale)]).toEqual([locale, files]);
  });

  for (const locale of locales.filter((l) => l !== 'en')) {
    describe(locale, () => {
      it.each(files)('%s has every key of the English one, and no other', (file) => {
        expect(leaves(read(locale, file)).map(([k]) => k).sort()).toEqual(leaves(read('en', file)).map(([k]) => k).sort());
      });

      it.each(files)('%s keeps each message’s placeholders and tags', (file) => {
        const theirs = new Map(leaves(read(locale, file)));
        const differ = leaves(read('en', file))
          .filter(([key, en]) => placeholders(en).join() !== placeholders(theirs.get(key) ?? '').join())
          .map(([key, en]) => `${key}: ${placeholders(en).join(' ')} → ${placeholders(theirs.get(key) ?? '').join(' ')}`);
        expect(differ).toEqual([]);
      });

      it.each(files)('%s has no English left', (file) => {
        const english = new RegExp(`(^|[^\\p{L}-])(${ENGLISH.join('|')})(?=$|[^\\p{L}-])`, 'iu');
        const left = leaves(read(locale, file))
          .filter(([, text]) => english.test(PROPER_NOUNS.reduce((t, name) => t.replaceAll(name, ' '), visibleText(text))))
          .map(([key, text]) => `${key}: ${text}`);
        expect(left).toEqual([]);
      });
    });
  }

  it('has no key that no code uses', () => {
    const sourceDirs = ['app', 'server', 'lib', 'i18n', 'scripts'];
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(d, e.name);
        if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
        return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
      });
    const source = sourceDirs.flatMap((d) => walk(path.join(root, d))).map((f) => readFileSync(f, 'utf8')).join('\n');
    // A key is used when its name appears in code as a word: t('name'), t(`group.${x}`) with 'name' elsewhere,
    // an object of names handed to t. Plural and select branches are part of their message.
    const unused = files.filter((file) => !file.startsWith('errors/')).flatMap((file) =>
      leaves(read('en', file))
        .map(([key]) => key.split('.'))
        .filter((parts) => {
          const name = parts.at(-1) ?? '';
          // A name of symbols (the comparators '>=', '<=') is looked for as a quoted string.
          if (!/\w/.test(name)) return !source.includes(`'${name}'`);
          return !new RegExp(`\\b${name.replace(/[^\w]/g, '\\$&')}\\b`).test(source);
        })
        .map((parts) => `${file}: ${parts.join('.')}`),
    );
    // The server's messages are named in full, 'area.name', as code hands them to AppError or a schema.
    const unusedErrors = files.filter((file) => file.startsWith('errors/')).flatMap((file) => {
      const area = path.basename(file, '.json');
      return leaves(read('en', file)).map(([key]) => `${area}.${key}`).filter((key) => !['\'', '"', '`'].some((q) => source.includes(`${q}${key}${q}`)));
    });
    expect([...unused, ...unusedErrors]).toEqual([]);
  });
});
