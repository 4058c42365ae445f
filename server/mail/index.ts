// Outgoing email (invites, password reset links, blocked sign-in notices), only when SMTP_URL is configured. A failure never
// undoes the saved change. Emails carry no health data: links point into the app, behind sign-in.
import { env } from '~/server/env';
import { mailDateTime, mailTranslator } from '~/server/i18n';
import { sendMail } from './transport';

export interface InviteMail {
  to: string;
  name: string;
  link: string;
  expiresAt: Date;
  /** The invited account's language (English when not given). */
  locale?: string;
}

export function inviteMailText(mail: InviteMail): { subject: string; text: string } {
  const t = mailTranslator(mail.locale);
  return {
    subject: t('invite.subject'),
    text: `${t('invite.text', { name: mail.name, expires: mailDateTime(mail.expiresAt, mail.locale) })}\n\n${mail.link}\n\n${t('invite.ignore')}\n`,
  };
}

async function send(kind: string, to: string, content: { subject: string; text: string }, smtpUrl: string | undefined): Promise<boolean> {
  if (!smtpUrl) return false;
  try {
    await sendMail({ to, ...content }, smtpUrl);
    return true;
  } catch (error) {
    console.error(`[mail] ${kind} not sent: ${(error as Error).name}`);
    return false;
  }
}

/** Sends the invite; true when sent, false when SMTP is not configured or sending failed. */
export function sendInviteMail(mail: InviteMail, smtpUrl: string | undefined = env.SMTP_URL): Promise<boolean> {
  return send('invite', mail.to, inviteMailText(mail), smtpUrl);
}

export interface SignInBlockedMail {
  to: string;
  /** The sign-in page, built from APP_URL. */
  link: string;
  /** The account's language (English when not given). */
  locale?: string;
}

/**
 * Tells the account's owner that sign-in attempts were blocked. Only that: no name, no address the
 * attempts came from, nothing about their care; whoever reads the mailbox learns nothing more.
 */
export function signInBlockedMailText(mail: SignInBlockedMail): { subject: string; text: string } {
  const t = mailTranslator(mail.locale);
  return { subject: t('signInBlocked.subject'), text: `${t('signInBlocked.text')}\n\n${mail.link}\n\n${t('signInBlocked.after')}\n` };
}

/** Sends the notice; true when sent, false when SMTP is not configured or sending failed. */
export function sendSignInBlockedMail(mail: SignInBlockedMail, smtpUrl: string | undefined = env.SMTP_URL): Promise<boolean> {
  return send('sign-in notice', mail.to, signInBlockedMailText(mail), smtpUrl);
}

export interface PasswordResetMail {
  to: string;
  link: string;
  expiresAt: Date;
  /** The account's language (English when not given). */
  locale?: string;
}

/** The reset link and when it stops working: no name, nothing about the person's care. */
export function passwordResetMailText(mail: PasswordResetMail): { subject: string; text: string } {
  const t = mailTranslator(mail.locale);
  return {
    subject: t('passwordReset.subject'),
    text: `${t('passwordReset.text', { expires: mailDateTime(mail.expiresAt, mail.locale) })}\n\n${mail.link}\n\n${t('passwordReset.after')}\n`,
  };
}

/** Sends the reset link; true when sent, false when SMTP is not configured or sending failed. */
export function sendPasswordResetMail(mail: PasswordResetMail, smtpUrl: string | undefined = env.SMTP_URL): Promise<boolean> {
  return send('password reset', mail.to, passwordResetMailText(mail), smtpUrl);
}
