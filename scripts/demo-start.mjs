// `npm run demo`'s server: `next start` with APP_URL (required in production) derived from PORT when unset,
// and, unless SMTP_URL is set, MailDev on the loopback catching every email the demo sends (notifications,
// invites) so a newcomer can read them at http://localhost:1080 without configuring anything.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.PORT || '3000';
const env = { ...process.env, PORT: port, APP_URL: process.env.APP_URL || `http://localhost:${port}` };
const children = [];

if (!process.env.SMTP_URL) {
  const smtpPort = process.env.MAILDEV_SMTP_PORT || '1025';
  const webPort = process.env.MAILDEV_WEB_PORT || '1080';
  const maildev = spawn(
    process.execPath,
    [path.join(root, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js'), '--smtp', smtpPort, '--web', webPort, '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'],
    { cwd: root, stdio: 'inherit' },
  );
  maildev.on('exit', (code) => {
    if (code) console.error(`MailDev stopped (exit code ${code}): the demo's emails are not caught. Is port ${smtpPort} or ${webPort} in use?`);
  });
  children.push(maildev);
  env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  console.log(`Emails the demo sends are caught by MailDev: open http://localhost:${webPort} to read them.`);
}

const server = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start'], { cwd: root, stdio: 'inherit', env });
children.push(server);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((child) => child.kill(signal)));
server.on('exit', (code, signal) => {
  children.forEach((child) => child.kill('SIGTERM'));
  process.exit(code ?? (signal ? 1 : 0));
});
