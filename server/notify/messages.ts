// What a notice says by email and push. Never health data: no name, no dose, no symptom, no alert reason —
// the kind of notice and a link into the app, where the details are behind sign-in.
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

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const FOOTER = '\n\nThis message leaves out every detail on purpose; sign in to see them.\n';

export function noticeMessage(kind: NotificationKind, url: string, extra: { round?: number; digest?: DigestCounts } = {}): NoticeMessage {
  switch (kind) {
    case 'urgent-alert':
      return {
        subject: 'Urgent alert for a patient on your care team',
        short: 'An urgent alert for a patient on your care team',
        text: `An urgent alert was raised for a patient on your care team. Please sign in to see it and acknowledge it:\n\n${url}${FOOTER}`,
      };
    case 'alert-escalation':
      return {
        subject: 'Escalated: an urgent alert is not acknowledged yet',
        short: 'An urgent alert is still not acknowledged',
        text:
          `An urgent alert for a patient has not been acknowledged by anyone on the care team${extra.round ? ` (escalation ${extra.round})` : ''}. ` +
          `Please sign in to see it and acknowledge it, or make sure someone does:\n\n${url}${FOOTER}`,
      };
    case 'alert':
      return {
        subject: 'A new alert for a patient on your care team',
        short: 'A new alert for a patient on your care team',
        text: `A new alert was raised for a patient on your care team:\n\n${url}${FOOTER}`,
      };
    case 'message':
      return {
        subject: 'A new message from a patient on your care team',
        short: 'A patient on your care team sent a message',
        text: `A patient on your care team sent a message. Sign in to read it:\n\n${url}${FOOTER}`,
      };
    case 'check-in-reminder':
      return {
        subject: 'Time for your Taperline check-in',
        short: 'Time for your daily check-in',
        text: `This is your daily reminder to check in with your care team on Taperline:\n\n${url}\n\nYou can change or turn off this reminder on your account page.\n`,
      };
    case 'dose-change':
      return {
        subject: 'Your taper plan changes tomorrow',
        short: 'Your taper plan changes tomorrow',
        text: `Your taper plan changes tomorrow. Open Taperline to see your new doses:\n\n${url}\n\nYou can turn off this notice on your account page.\n`,
      };
    case 'digest': {
      const c = extra.digest;
      const lines = c
        ? [
            plural(c.urgentAlerts, 'urgent alert', 'urgent alerts') + ' not acknowledged',
            plural(c.otherAlerts, 'other alert', 'other alerts') + ' not acknowledged',
            plural(c.unreadConversations, 'patient conversation', 'patient conversations') + ' with unread messages',
          ]
        : [];
      return {
        subject: 'Your Taperline daily summary',
        short: 'Your daily summary is ready',
        text: `Across the patients on your care teams, right now:\n\n${lines.map((l) => `- ${l}`).join('\n')}\n\nSign in to see them:\n\n${url}\n\nYou can change or turn off this summary on your account page.\n`,
      };
    }
    case 'test':
      return {
        subject: 'Taperline test notification',
        short: 'Test notification: notifications reach you here',
        text: `This is a test notification from Taperline. Notifications reach you here.\n\n${url}\n`,
      };
  }
}
