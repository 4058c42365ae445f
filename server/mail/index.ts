// Outgoing email (invites, password reset links, blocked sign-in notices), only when SMTP_URL is configured. A failure never
// undoes the saved change. Emails carry no health data: links point into the app, behind sign-in.
import { env } from '~/server/env';
import { sendMail } from './transport';

export interface InviteMail {
  to: string;
  name: string;
  link: string;
  expiresAt: Date;
}

export function inviteMailText(mail: InviteMail): { subject: string; text: string } {
  return {
    subject: 'Your Taperline invitation',
    text:
      `Hello ${mail.name},\n\nYour care team has invited you to Taperline.\n` +
      `Open this link to set your password (it works once, until ${mail.expiresAt.toUTCString()}):\n\n${mail.link}\n\n` +
      'If you did not expect this message, you can ignore it.\n',
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
}

/**
 * Tells the account's owner that sign-in attempts were blocked. Only that: no name, no address the
 * attempts came from, nothing about their care; whoever reads the mailbox learns nothing more.
 */
export function signInBlockedMailText(mail: SignInBlockedMail): { subject: string; text: string } {
  return {
    subject: 'Taperline blocked sign-in attempts to your account',
    text:
      'Hello,\n\nSeveral attempts to sign in to your Taperline account with a wrong password were made, so ' +
      'Taperline is holding further attempts back for a while. Your password was not accepted.\n\n' +
      'If this was you, wait a few minutes and sign in again:\n\n' +
      `${mail.link}\n\n` +
      'If it was not you, your account is still safe as long as your password is not known to anyone else. ' +
      'If you think it might be, change it on your account page after signing in, or ask your care team ' +
      'or administrator for help.\n',
  };
}

/** Sends the notice; true when sent, false when SMTP is not configured or sending failed. */
export function sendSignInBlockedMail(mail: SignInBlockedMail, smtpUrl: string | undefined = env.SMTP_URL): Promise<boolean> {
  return send('sign-in notice', mail.to, signInBlockedMailText(mail), smtpUrl);
}

export interface PasswordResetMail {
  to: string;
  link: string;
  expiresAt: Date;
}

/** The reset link and when it stops working: no name, nothing about the person's care. */
export function passwordResetMailText(mail: PasswordResetMail): { subject: string; text: string } {
  return {
    subject: 'Reset your Taperline password',
    text:
      'Hello,\n\nSomeone asked to reset the password of the Taperline account for this email address.\n' +
      `Open this link to choose a new password (it works once, until ${mail.expiresAt.toUTCString()}):\n\n${mail.link}\n\n` +
      'Setting a new password signs you out on all your devices.\n\n' +
      'If you did not ask for this, you can ignore this message: your password stays as it is.\n',
  };
}

/** Sends the reset link; true when sent, false when SMTP is not configured or sending failed. */
export function sendPasswordResetMail(mail: PasswordResetMail, smtpUrl: string | undefined = env.SMTP_URL): Promise<boolean> {
  return send('password reset', mail.to, passwordResetMailText(mail), smtpUrl);
}
