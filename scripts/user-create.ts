// `npm run user:create -- --email you@clinic.org --name "Dr Name" --role clinician|admin --profession physician --may-prescribe`
// Creates a staff account with a password (asked for twice, not echoed; or piped on stdin).
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { openDb } from '~/db';
import { professions } from '~/db/schema';
import { createUserWithPassword } from '~/server/accounts/service';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'clinician' },
    'time-zone': { type: 'string', default: 'UTC' },
    profession: { type: 'string' },
    'may-prescribe': { type: 'boolean', default: false },
  },
});

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run user:create -- --email you@clinic.org --name "Dr Name" [--role clinician|admin] [--time-zone Europe/London]\n` +
      `  clinicians: --profession ${professions.join('|')} [--may-prescribe]`,
  );
  process.exit(2);
}

if (!values.email) usage('--email is required.');
if (!values.name) usage('--name is required.');
if (values.role !== 'clinician' && values.role !== 'admin') usage('--role must be clinician or admin.');
const profession = professions.find((p) => p === values.profession);
if (values.role === 'clinician' && !profession) usage(`A clinician needs --profession, one of: ${professions.join(', ')}.`);
if (values.role === 'admin' && (values.profession !== undefined || values['may-prescribe'])) usage('An administrator has no --profession and may not prescribe.');

async function readPassword(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (!process.stdin.isTTY) {
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  // Mute the echo while the password is typed.
  const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  process.stdout.write(prompt);
  output._writeToOutput = () => {};
  return new Promise((resolve) => rl.question('', (answer) => { rl.close(); process.stdout.write('\n'); resolve(answer); }));
}

const password = await readPassword('Password: ');
if (process.stdin.isTTY && (await readPassword('Password again: ')) !== password) usage('The passwords do not match.');

const handle = await openDb({ url: process.env.DATABASE_URL || undefined, pgliteDir: process.env.PGLITE_DIR || undefined, migrate: !process.env.DATABASE_URL });
try {
  const id = await createUserWithPassword(handle.db, null, {
    email: values.email, name: values.name, role: values.role, password, timeZone: values['time-zone'], profession: profession ?? null, mayPrescribe: values['may-prescribe'],
  });
  const rights = values.role === 'clinician' ? ` (${profession}, ${values['may-prescribe'] ? 'may prescribe' : 'may not prescribe'})` : '';
  console.log(`Created ${values.role} account ${id}${rights}.`);
} catch (error) {
  const issues = (error as { issues?: { message: string }[] }).issues;
  console.error(issues ? issues.map((i) => i.message).join('\n') : (error as Error).message);
  process.exitCode = 1;
} finally {
  await handle.close();
}
