// The one way email leaves Taperline: nodemailer over SMTP (SMTP_URL), a pooled transport per URL.
// Short timeouts: an SMTP server that is down fails the attempt in seconds, and the outbox retries it.
import { createTransport, type Transporter } from 'nodemailer';
import { env } from '~/server/env';

const transports = new Map<string, Transporter>();

export function smtpTransport(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = createTransport(url, { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 15_000 } as never);
    transports.set(url, transport);
  }
  return transport;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; throws when the SMTP server refuses it or cannot be reached. */
export async function sendMail(mail: OutgoingMail, smtpUrl: string): Promise<void> {
  await smtpTransport(smtpUrl).sendMail({ from: env.MAIL_FROM, ...mail });
}
