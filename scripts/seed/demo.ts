// `npm run seed:demo`: the demo clinic (scripts/seed/demo-clinic.ts) on the embedded database.
import { eq } from 'drizzle-orm';
import { openDb } from '~/db';
import { users } from '~/db/schema';
import { DEMO_PASSWORD, demoAccounts, seedDemoClinic } from './demo-clinic';

async function main() {
  if (process.env.DATABASE_URL && !process.argv.includes('--allow-server')) {
    console.error('Refusing to seed demo data into a PostgreSQL server (DATABASE_URL is set). Pass --allow-server to do it anyway.');
    process.exit(1);
  }
  const handle = await openDb({ url: process.env.DATABASE_URL || undefined, pgliteDir: process.env.PGLITE_DIR || undefined, migrate: true });
  const { db } = handle;
  try {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoAccounts.admin.email));
    if (existing) {
      console.log('Demo clinic already present; nothing to do.');
    } else {
      await seedDemoClinic(db);
      console.log('Demo clinic created.');
    }
    console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD})`);
    console.log(`  administrator    ${demoAccounts.admin.email}`);
    console.log(`  prescriber       ${demoAccounts.prescriber.email}   (physician, may prescribe)`);
    console.log(`  physiotherapist  ${demoAccounts.physio.email}      (may not prescribe)`);
    for (const p of demoAccounts.patients) console.log(`  patient          ${p.email}`);
  } finally {
    await handle.close();
  }
}

await main();
