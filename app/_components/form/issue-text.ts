// A problem the server's own schema found in the browser (a form that checks before sending), in the words the
// server would use: the schema names its message by key (i18n/error-keys.ts), written here from the page's
// `ServerErrors` messages with the check's bounds, as server/api/trpc.ts writes it on the server.
import type { z } from 'zod';

type Translate = {
  (key: string, values?: Record<string, string | number>): string;
  has: (key: string) => boolean;
};

/** The words of a zod issue: a known key with its values, else the issue's own text. */
export function issueText(t: Translate, issue: z.core.$ZodIssue): string {
  if (!t.has(issue.message)) return issue.message;
  const values: Record<string, string | number> = {};
  const raw = issue as unknown as Record<string, unknown>;
  for (const name of ['minimum', 'maximum'] as const) {
    const v = raw[name];
    if (typeof v === 'number' || typeof v === 'bigint') values[name] = Number(v);
  }
  if (issue.code === 'custom' && issue.params) {
    for (const [name, v] of Object.entries(issue.params)) if (typeof v === 'number' || typeof v === 'string') values[name] = v;
  }
  return t(issue.message, values);
}
