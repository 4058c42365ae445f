// `npm run seed:demo`: a demo clinic (an administrator, a prescriber, a physiotherapist and three
// patients) on the embedded database, built through the same services the app uses.
import { eq } from 'drizzle-orm';
import { openDb } from './index';
import { users } from './schema';
import { createUserWithPassword } from '~/server/accounts/service';
import { acceptInvite } from '~/server/invites/service';
import { addCareTeamMember, addPatient } from '~/server/patients/service';

export const DEMO_PASSWORD = 'baclofen-demo-2026';

export const demoAccounts = {
  admin: { email: 'admin@demo.taperline.example', name: 'Alex Admin' },
  prescriber: { email: 'ada.okafor@demo.taperline.example', name: 'Dr Ada Okafor' },
  physio: { email: 'sam.lind@demo.taperline.example', name: 'Sam Lind' },
  patients: [
    { email: 'maria.santos@demo.taperline.example', name: 'Maria Santos', conditions: 'Multiple sclerosis', renalFunction: 'normal', dateOfBirth: '1979-04-12', timeZone: 'Europe/London' },
    { email: 'james.carter@demo.taperline.example', name: 'James Carter', conditions: 'Spinal cord injury (T10)', renalFunction: 'normal', dateOfBirth: '1988-09-30', timeZone: 'America/New_York' },
    { email: 'priya.nair@demo.taperline.example', name: 'Priya Nair', conditions: 'Cerebral palsy', renalFunction: 'moderate', dateOfBirth: '1995-01-22', timeZone: 'Europe/Dublin' },
  ],
} as const;

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
      await createUserWithPassword(db, null, { ...demoAccounts.admin, role: 'admin', password: DEMO_PASSWORD });
      const prescriberId = await createUserWithPassword(db, null, { ...demoAccounts.prescriber, role: 'clinician', password: DEMO_PASSWORD });
      await createUserWithPassword(db, null, { ...demoAccounts.physio, role: 'clinician', password: DEMO_PASSWORD });
      const prescriber = { id: prescriberId, role: 'clinician' as const };
      for (const p of demoAccounts.patients) {
        const created = await addPatient(db, prescriber, {
          name: p.name,
          email: p.email,
          timeZone: p.timeZone,
          hasIntrathecalPump: false,
          dateOfBirth: p.dateOfBirth,
          conditions: p.conditions,
          renalFunction: p.renalFunction,
          myDiscipline: 'prescriber',
        });
        // The patient accepts their invite exactly as they would in the browser.
        await acceptInvite(db, { token: created.token, password: DEMO_PASSWORD });
        await addCareTeamMember(db, prescriber, { patientId: created.patientId, clinicianEmail: demoAccounts.physio.email, discipline: 'physiotherapist', mayEditPlan: false });
      }
      console.log('Demo clinic created.');
    }
    console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD})`);
    console.log(`  administrator    ${demoAccounts.admin.email}`);
    console.log(`  prescriber       ${demoAccounts.prescriber.email}`);
    console.log(`  physiotherapist  ${demoAccounts.physio.email}`);
    for (const p of demoAccounts.patients) console.log(`  patient          ${p.email}`);
  } finally {
    await handle.close();
  }
}

await main();
