// The read audit over real HTTP, on the production server: opening every page that shows a patient's record
// (enumerated in routes.ts PAGES) writes one read-audit row for that patient in that request, with the page;
// the administrator's CSV download serves it, never cached. Needs a build and a PostgreSQL server, like
// server.test.ts; skips with it.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { recordReads } from '~/db/schema';
import { pageRoute } from '~/lib/read-audit/what';
import type { SessionUser } from '~/server/auth/session';
import { TEST_PASSWORD } from '~/server/test/db';
import { buildWorld, type World } from '~/server/test/procedure-table';
import { recordFigures } from './figures';
import { PAGES } from './routes';
import { type AppServer, type FaultableDb, openAppDb, plainDb, SessionCookies, setPassword, startApp } from './server-harness';

const wanted = Boolean(process.env.TEST_DATABASE_URL || process.env.E2E_DATABASE_URL || process.env.RELIABILITY_SERVER === '1');
const PORT = Number(process.env.RELIABILITY_READS_PORT ?? Number(process.env.RELIABILITY_PORT ?? 3150) + 2);

let db: FaultableDb | undefined;
let app: AppServer;
let h: DbHandle;
let w: World;
const cookies = new SessionCookies();
const cookieOf = (u: SessionUser) => cookies.of(u);
const figures: Record<string, unknown> = {};

describe.runIf(wanted)('the read audit on the production server', () => {
  beforeAll(async () => {
    db = await plainDb();
    if (!db) throw new Error('No PostgreSQL: set TEST_DATABASE_URL.');
    h = await openAppDb(db.url);
    app = await startApp(db.url, PORT);
    w = await buildWorld(h.db);
    await setPassword(h.db, w.victim.id, TEST_PASSWORD);
    await cookies.signIn(app.base, [w.victim, w.owner, w.admin], TEST_PASSWORD);
  });
  afterAll(async () => {
    recordFigures('read-audit', figures);
    await app?.stop();
    await h?.close();
    await db?.close();
  });

  it('records one row for the patient, with the page, for every page that shows their record', async () => {
    const opened: string[] = [];
    for (const [file, page] of Object.entries(PAGES)) {
      if (page.kind === 'none') continue;
      const who = page.as === 'patient' ? w.victim : w.owner;
      const path = page.kind === 'list' ? page.path : page.path({ victimId: w.victim.id, meetingId: w.meetingId });
      const res = await fetch(`${app.base}${path}`, { headers: { cookie: cookieOf(who) }, redirect: 'manual' });
      await res.text();
      const requestId = res.headers.get('x-request-id') ?? '';
      expect([file, res.status, requestId.length > 0]).toEqual([file, 200, true]);
      const rows = await h.db.select().from(recordReads).where(and(eq(recordReads.requestId, requestId), eq(recordReads.patientId, w.victim.id)));
      expect([file, rows.map((r) => ({ actor: r.actorId, page: r.page }))]).toEqual([file, [{ actor: who.id, page: pageRoute(path) }]]);
      // One row per patient per request, however many procedures the page called.
      const all = await h.db.select({ patientId: recordReads.patientId }).from(recordReads).where(eq(recordReads.requestId, requestId));
      expect([file, all.length]).toEqual([file, new Set(all.map((r) => r.patientId)).size]);
      opened.push(file);
    }
    expect(opened.length).toBeGreaterThanOrEqual(20);
    figures.pagesChecked = opened.length;
  });

  it('records nothing for the administrator’s own pages', async () => {
    for (const path of ['/admin', '/admin/read-audit', `/admin/read-audit?patient=${w.victim.id}`]) {
      const res = await fetch(`${app.base}${path}`, { headers: { cookie: cookieOf(w.admin) }, redirect: 'manual' });
      const text = await res.text();
      expect([path, res.status]).toEqual([path, 200]);
      const rows = await h.db.select().from(recordReads).where(eq(recordReads.requestId, res.headers.get('x-request-id') ?? ''));
      expect([path, rows]).toEqual([path, []]);
      if (path.includes('patient=')) expect(text).toContain(w.owner.name);
    }
  });

  it('gives the administrator the CSV of the reads, never cached; bad filters are a 400', async () => {
    const res = await fetch(`${app.base}/api/admin/read-audit?patient=${w.victim.id}&person=${w.owner.id}`, { headers: { cookie: cookieOf(w.admin) } });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="taperline-read-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(text).toContain('/clinician/patients/[id]/plan');
    expect(text).toContain(w.owner.name);
    const bad = await fetch(`${app.base}/api/admin/read-audit?from=2026-13-01`, { headers: { cookie: cookieOf(w.admin) } });
    expect(bad.status).toBe(400);
    // The filter's problem in words, never the message's key (schemas name their messages by key).
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('Enter the date as YYYY-MM-DD.');
    const page = await (await fetch(`${app.base}/admin/read-audit?from=2026-13-01`, { headers: { cookie: cookieOf(w.admin) } })).text();
    expect(page).toContain('Enter the date as YYYY-MM-DD.');
    expect(page).not.toContain('accounts.readAudit');
    figures.csvRows = Number(res.headers.get('x-rows'));
  });
});
