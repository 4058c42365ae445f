// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the embedded database).
import { openDb } from './index';

const url = process.env.DATABASE_URL || undefined;
const handle = await openDb({ url, pgliteDir: process.env.PGLITE_DIR || undefined, migrate: true });
await handle.close();
console.log(`Migrations applied (${url ? 'PostgreSQL server' : 'embedded PGlite'}).`);
