// The browser writes a problem its copy of the server's schema found in the same words the server would.
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { submitCheckInInput } from '~/lib/checkins/inputs';
import { messagesFor } from '~/i18n/messages';
import { renderError, type ErrorKey } from '~/i18n/errors';
import { issueText } from './issue-text';

const translatorIn = (locale: 'en' | 'es') => createTranslator({ locale, messages: messagesFor(locale), namespace: 'ServerErrors' }) as unknown as Parameters<typeof issueText>[0];

describe('issueText', () => {
  const issue = submitCheckInInput.shape.scores.safeParse({ pain: 11 }).error?.issues.find((i) => i.path.join('.') === 'pain');

  it('writes a keyed issue with its bounds, in the page’s language, as the server writes it', () => {
    if (!issue) throw new Error('expected an issue for pain 11');
    const values = { maximum: 10 };
    expect(issueText(translatorIn('en'), issue)).toBe(renderError({ key: issue.message as ErrorKey, values }, 'en'));
    expect(issueText(translatorIn('es'), issue)).toBe(renderError({ key: issue.message as ErrorKey, values }, 'es'));
    expect(issueText(translatorIn('es'), issue)).not.toBe(issueText(translatorIn('en'), issue));
    expect(issueText(translatorIn('es'), issue)).not.toContain(issue.message);
  });

  it('leaves a message that is not a key as it is', () => {
    expect(issueText(translatorIn('es'), { code: 'custom', message: 'Plain words.', path: [], input: undefined } as never)).toBe('Plain words.');
  });
});
