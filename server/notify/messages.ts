// What a notice says by email and push. Never health data: no name, no dose, no symptom, no alert reason —
// the kind of notice and a link into the app, where the details are behind sign-in.
import { mailTranslator } from '~/server/i18n';
import type { NotificationKind } from './outbox';

export interface NoticeMessage {
  subject: string;
  /** One line for a push notification. */
  short: string;
  text: string;
}

export interface DigestCounts {
  urgentAlerts: number;
  otherAlerts: number;
  unreadConversations: number;
}

/**
 * The notice of `kind` in the reader's language (`locale`, the recipient account's; English for an address
 * with no account, such as the on-call contact).
 */
export function noticeMessage(kind: NotificationKind, url: string, extra: { round?: number; digest?: DigestCounts } = {}, locale?: string | null): NoticeMessage {
  const t = mailTranslator(locale);
  const footer = `\n\n${t('footer')}\n`;
  switch (kind) {
    case 'urgent-alert':
    case 'alert':
    case 'message':
      return { subject: t(`notice.${kind}.subject`), short: t(`notice.${kind}.short`), text: `${t(`notice.${kind}.text`)}\n\n${url}${footer}` };
    case 'alert-escalation':
      return {
        subject: t('notice.alert-escalation.subject'),
        short: t('notice.alert-escalation.short'),
        text: `${t('notice.alert-escalation.text', { round: extra.round ? String(extra.round) : 'none' })}\n\n${url}${footer}`,
      };
    case 'check-in-reminder':
    case 'dose-change':
      return { subject: t(`notice.${kind}.subject`), short: t(`notice.${kind}.short`), text: `${t(`notice.${kind}.text`)}\n\n${url}\n\n${t(`notice.${kind}.after`)}\n` };
    case 'digest': {
      const c = extra.digest;
      const lines = c
        ? [
            t('notice.digest.urgentAlerts', { count: c.urgentAlerts }),
            t('notice.digest.otherAlerts', { count: c.otherAlerts }),
            t('notice.digest.unreadConversations', { count: c.unreadConversations }),
          ]
        : [];
      return {
        subject: t('notice.digest.subject'),
        short: t('notice.digest.short'),
        text: `${t('notice.digest.text')}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n\n${t('notice.digest.signIn')}\n\n${url}\n\n${t('notice.digest.after')}\n`,
      };
    }
    case 'test':
      return { subject: t('notice.test.subject'), short: t('notice.test.short'), text: `${t('notice.test.text')}\n\n${url}\n` };
  }
}
