// Invite links the API hands out, emailed as well when SMTP is configured.
import 'server-only';
import { sendInviteMail } from '~/server/mail';

export function inviteLink(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}/invite/${token}`;
}

/** The link for a just-issued invite, sent by email too when possible (after the transaction committed). */
export async function deliverInvite(origin: string, invite: { token: string; expiresAt: Date; email: string; name: string; locale?: string }) {
  const link = inviteLink(origin, invite.token);
  const emailed = await sendInviteMail({ to: invite.email, name: invite.name, link, expiresAt: invite.expiresAt, locale: invite.locale });
  return { inviteLink: link, expiresAt: invite.expiresAt, emailed };
}
