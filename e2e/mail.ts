// The e2e server's SMTP server (a real one, on the loopback) writes each message it receives to this file;
// specs read it to see what the app emailed and when.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface E2eMail {
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
export const smtpPort = e2ePort + 1000;
export const mailFile = path.join(tmpdir(), `taperline-e2e-mail-${e2ePort}.jsonl`);

export function receivedMails(): E2eMail[] {
  if (!existsSync(mailFile)) return [];
  return readFileSync(mailFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as E2eMail);
}

export function mailsTo(address: string): E2eMail[] {
  return receivedMails().filter((m) => m.to.includes(address));
}
