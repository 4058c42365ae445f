// Invite tokens: 256 random bits for the link, only their SHA-256 kept in the database.
import { createHash, randomBytes } from 'node:crypto';

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
