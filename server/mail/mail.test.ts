// Invite mail and the blocked sign-in notice: sent when SMTP is configured, skipped (false) when not, and never throws.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestSmtp, type TestSmtp } from '~/server/test/smtp';
import { inviteMailText, sendInviteMail, sendSignInBlockedMail, signInBlockedMailText, type InviteMail } from './index';

const mail: InviteMail = {
  to: 'pat@example.test',
  name: 'Pat Example',
  link: 'https://portal.test/invite/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde',
  expiresAt: new Date('2031-04-05T06:07:08Z'),
};

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

afterEach(() => {
  vi.restoreAllMocks();
});

describe('inviteMailText', () => {
  it('contains the link, the name and the expiry', () => {
    const { subject, text } = inviteMailText(mail);
    expect(subject).toBe('Your Taperline invitation');
    expect(text).toContain(`\n\n${mail.link}\n\n`);
    expect(text.startsWith('Hello Pat Example,')).toBe(true);
    expect(text).toContain('April 5, 2031 at 6:07 AM UTC');
  });

  it('is written in the invited account’s language, with the date as that language writes it', () => {
    const { subject, text } = inviteMailText({ ...mail, locale: 'es' });
    expect(subject).toBe('Su invitación a Taperline');
    expect(text.startsWith('Hola, Pat Example:')).toBe(true);
    expect(text).toContain('5 de abril de 2031 a las 6:07 UTC');
    expect(text).toContain(`\n\n${mail.link}\n\n`);
  });
});

describe('sendInviteMail', () => {
  it('sends over SMTP and answers true', async () => {
    expect(await sendInviteMail(mail, smtp.url)).toBe(true);
    const [received] = await smtp.waitFor((m) => m.to.includes(mail.to));
    expect(received?.subject).toBe('Your Taperline invitation');
    expect(received?.text).toContain(mail.link);
  });

  it('answers false without an SMTP URL', async () => {
    // The default is env.SMTP_URL, which the test environment leaves unset.
    expect(process.env.SMTP_URL ?? '').toBe('');
    expect(await sendInviteMail(mail, undefined)).toBe(false);
    expect(await sendInviteMail(mail)).toBe(false);
  });

  it('answers false when sending fails, logging only the kind of error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Port 1 on the loopback refuses connections at once.
    expect(await sendInviteMail(mail, 'smtp://127.0.0.1:1')).toBe(false);
    const lines = logged.mock.calls.map((args) => args.map(String).join(' '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[mail\] invite not sent: \w+$/);
    expect(lines[0]).not.toContain(mail.to);
    expect(lines[0]).not.toContain(mail.link);
  });
});

describe('the blocked sign-in notice', () => {
  const notice = { to: 'pat@example.test', link: 'https://portal.test/sign-in' };

  it('says that attempts were blocked and links to the app, and nothing else about the person', () => {
    const { subject, text } = signInBlockedMailText(notice);
    expect(subject).toBe('Taperline blocked sign-in attempts to your account');
    expect(text).toContain(`\n\n${notice.link}\n\n`);
    expect(text.startsWith('Hello,\n')).toBe(true);
    expect(text).not.toContain(notice.to);
    // The only link is the one given (built from APP_URL by the caller).
    expect(text.match(/https?:\/\/\S+/g)).toEqual([notice.link]);
  });

  it('is sent over SMTP, and skipped without an SMTP URL', async () => {
    expect(await sendSignInBlockedMail(notice, smtp.url)).toBe(true);
    expect((await smtp.waitFor((m) => m.to.includes(notice.to) && m.subject.includes('blocked'))).length).toBe(1);
    expect(await sendSignInBlockedMail(notice, undefined)).toBe(false);
  });
});
