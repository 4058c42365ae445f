// A migrated PGlite data directory, built once and reused by every test database: starting PGlite from
// this tarball skips initdb and the migrations, which cost seconds per test file.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder, pgliteJobsDb, schema, type Db, type DbHandle } from '~/db';
import { installJobSchema } from '~/db/jobs';

const templateDir = path.join(process.cwd(), '.data', 'test');

/** The migrations (every file, by name and content) and the PGlite version: a template is only reused for the same ones. */
function templateKey(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(migrationsFolder, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(migrationsFolder);
  const pglitePackage = path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json');
  hash.update((JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string }).version);
  // The job queues' schema is pg-boss's, installed with the migrations.
  const bossPackage = path.join(process.cwd(), 'node_modules', 'pg-boss', 'package.json');
  hash.update((JSON.parse(readFileSync(bossPackage, 'utf8')) as { version: string }).version);
  hash.update(readFileSync(path.join(process.cwd(), 'db', 'jobs.ts')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The path of the template tarball, built if missing. Written under a temporary name and renamed, so a
 * reader never sees half a file (two processes that race both build it; the last rename wins, same bytes).
 */
export async function pgliteTemplatePath(): Promise<string> {
  const file = path.join(templateDir, `pglite-template-${templateKey()}.tar`);
  if (existsSync(file)) return file;
  mkdirSync(templateDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await PGlite.create('memory://');
  try {
    await migrate(drizzle(client, { schema }), { migrationsFolder });
    await installJobSchema(pgliteJobsDb(client));
    // Uncompressed: loading a 40 MB tar is about twice as fast as gunzipping a 5 MB one.
    const tarball = await client.dumpDataDir('none');
    const partial = `${file}.${randomUUID()}.partial`;
    writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await client.close();
  }
  // Templates of older migrations are of no further use.
  for (const name of readdirSync(templateDir)) {
    if (name.startsWith('pglite-template-') && name.endsWith('.tar') && path.join(templateDir, name) !== file) {
      rmSync(path.join(templateDir, name), { force: true });
    }
  }
  return file;
}

let tarball: Promise<Blob> | undefined;

/** A PGlite client in memory, migrated: a copy of the template. */
export async function templatePgliteClient() {
  tarball ??= pgliteTemplatePath().then((file) => new Blob([readFileSync(file)]));
  const { PGlite } = await import('@electric-sql/pglite');
  return PGlite.create({ loadDataDir: await tarball });
}

/** A PGlite database in memory, migrated: a copy of the template. */
export async function openTemplatePglite(): Promise<DbHandle> {
  const client = await templatePgliteClient();
  const { drizzle } = await import('drizzle-orm/pglite');
  return { db: drizzle(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close(), jobsDb: pgliteJobsDb(client) };
}
