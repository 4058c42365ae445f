// Outgoing email (invites), only when SMTP_URL is configured. A failure never undoes the saved change.
import { env } from '~/server/env';

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

/** Sends the invite; true when sent, false when SMTP is not configured or sending failed. */
export async function sendInviteMail(mail: InviteMail, smtpUrl: string | undefined = env.SMTP_URL): Promise<boolean> {
  if (!smtpUrl) return false;
  try {
    const { createTransport } = await import('nodemailer');
    const transport = smtpUrl === 'json' ? createTransport({ jsonTransport: true }) : createTransport(smtpUrl);
    await transport.sendMail({ from: env.MAIL_FROM, to: mail.to, ...inviteMailText(mail) });
    return true;
  } catch (error) {
    console.error(`[mail] invite not sent: ${(error as Error).name}`);
    return false;
  }
}
