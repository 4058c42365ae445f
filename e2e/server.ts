// Starts the production build for e2e on a fresh database: PostgreSQL (E2E_DATABASE_URL, reset) or a new
// PGlite folder. Seeds the staff accounts the specs sign in with, and the one patient whose past the app
// cannot make through its pages (a bad week of check-ins); every other spec makes its own patients. Starts
// the loopback SMTP server and OpenID provider first: the app reads their addresses once, at start.
import './secret';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDb } from '~/db';
import { createUserWithPassword, setUserDisabled } from '~/server/accounts/service';
import { startTestOidcProvider } from '~/server/test/oidc-provider';
import { startTestSmtp } from '~/server/test/smtp';
import { staff, STAFF_PASSWORD } from './accounts';
import { mailFile, smtpPort } from './mail';
import { seedBadWeek } from './history';
import { disabledClinician, oidcName, oidcPort, ssoPeople, TWO_STEP_SECRET, twoStepClinicians } from './sso';
import { giveAuthenticator } from '~/server/test/two-step';

const url = process.env.E2E_DATABASE_URL || undefined;
const pgliteDir = url ? undefined : path.join(mkdtempSync(path.join(tmpdir(), 'taperline-e2e-')), 'pglite');

if (url) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe('drop schema if exists public cascade; drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; create schema public;');
  await sql.end();
}
const handle = await openDb({ url, pgliteDir, migrate: true });
const ids: Record<string, string> = {};
for (const [key, account] of Object.entries(staff)) {
  ids[key] = await createUserWithPassword(handle.db, null, { ...account, password: STAFF_PASSWORD });
}
if (ids.prescriber) await seedBadWeek(handle.db, ids.prescriber);
if (ids.admin) {
  const disabledId = await createUserWithPassword(handle.db, null, { ...disabledClinician, password: STAFF_PASSWORD });
  await setUserDisabled(handle.db, { id: ids.admin, role: 'admin' }, { userId: disabledId, disabled: true });
  for (const clinician of Object.values(twoStepClinicians)) {
    await giveAuthenticator(handle.db, await createUserWithPassword(handle.db, null, { ...clinician, password: STAFF_PASSWORD }), TWO_STEP_SECRET);
  }
}
await handle.close();

// A real SMTP server for the app's email: every message lands in mailFile for the specs to read.
writeFileSync(mailFile, '');
await startTestSmtp({
  port: smtpPort,
  onMail: (mail) => appendFileSync(mailFile, `${JSON.stringify({ to: mail.to, subject: mail.subject, text: mail.text, receivedAt: mail.receivedAt.toISOString() })}\n`),
});

const port = process.env.E2E_PORT ?? '3100';
// A real OpenID provider for single sign-on (e2e/sso.spec.ts), its only client this app.
const oidc = await startTestOidcProvider({
  port: oidcPort,
  accounts: Object.values(ssoPeople),
  redirectUris: [`http://localhost:${port}/api/auth/callback/oidc`],
});
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  // Set by ./secret before the seed ran, so the keys it encrypted can be read by the app.
  AUTH_SECRET: process.env.AUTH_SECRET,
  // A production server needs its public address (links in invites); the specs browse it at this one.
  APP_URL: `http://localhost:${port}`,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  // Specs that test two-step sign-in set it up themselves; the rest sign in with a password, on both databases.
  // (STAFF_TWO_STEP=required in the environment starts a server where staff must set it up, to try by hand.)
  STAFF_TWO_STEP: process.env.STAFF_TWO_STEP ?? 'optional',
  AUTH_OIDC_ISSUER: oidc.issuer,
  AUTH_OIDC_CLIENT_ID: oidc.clientId,
  AUTH_OIDC_CLIENT_SECRET: oidc.clientSecret,
  AUTH_OIDC_NAME: oidcName,
  AUTH_OIDC_MFA_CLAIMS: 'amr:mfa',
};
if (url) env.DATABASE_URL = url;
else {
  delete env.DATABASE_URL;
  env.PGLITE_DIR = pgliteDir;
}
const server = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
