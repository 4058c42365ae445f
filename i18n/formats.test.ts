// Every named number or date style a message uses has a definition in i18n/formats.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Formats } from 'next-intl';
import { formats } from './formats';

const dir = path.join(import.meta.dirname, '..', 'messages', 'en');

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
}

describe('message formats', () => {
  it('defines every named style the messages use', () => {
    const known: Formats = formats;
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      for (const message of strings(JSON.parse(readFileSync(path.join(dir, file), 'utf8')))) {
        // Skeletons (::...) carry their own options; only bare names need a definition.
        for (const [, type, style] of message.matchAll(/\{\s*\w+\s*,\s*(number|date|time)\s*,\s*([^\s{},:][^{},]*?)\s*\}/g)) {
          const defined = type === 'number' ? known.number?.[style ?? ''] : known.dateTime?.[style ?? ''];
          if (!defined) missing.push(`${file}: ${type} style "${style}"`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
