// The test file's database: opened before its tests and closed after them. `const h = fileTestDb();` then `h.db`.
import { afterAll, beforeAll } from 'vitest';
import type { Db, DbHandle } from '~/db';
import { openTestDb } from './db';

export function fileTestDb(): { readonly db: Db; readonly kind: DbHandle['kind'] } {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get db(): Db {
      if (!handle) throw new Error('The test database is opened in beforeAll: use h.db inside a test or hook.');
      return handle.db;
    },
    get kind(): DbHandle['kind'] {
      if (!handle) throw new Error('The test database is opened in beforeAll: use h.kind inside a test or hook.');
      return handle.kind;
    },
  };
}
