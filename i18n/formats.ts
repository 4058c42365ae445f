// Named formats for ICU arguments in messages, such as {share, number, percent}. Messages are precompiled
// at build time (next.config.mjs), and the precompiled formatter knows only the names given here, not the
// ones intl-messageformat has built in: a missing name prints the bare number. formats.test.ts guards it.
import type { Formats } from 'next-intl';

export const formats = {
  number: { percent: { style: 'percent' } },
} satisfies Formats;
