// The export download handler on a real database, in the reader's language: the summary PDF and the handler's
// own refusals follow the signed-in account's language (users.locale, read with the session); before there is
// a session to ask, the request's language. The CSV is the same file for every reader.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '~/db';
import type { Locale } from '~/lib/i18n/locales';
import { createContextFor } from '~/server/api/trpc';
import { checkSession, startSession, type SessionState, type SessionUser } from '~/server/auth/session';
import { addToTeam, callerFor, makeNamedPatient, makePlan, makeUser, openTestDb, uniqueName, userRow } from '~/server/test/db';
import { hasPdfText, pdfInfo, pdfText } from '~/server/test/pdf-text';

// The request's context and language come from Next's request scope (cookies, headers), which a test does not
// have: the context is built here from a session checked against the database, as requestContext does.
const request = vi.hoisted(() => ({ session: { status: 'anonymous' } as SessionState, locale: 'en' as Locale, db: undefined as unknown }));
vi.mock('~/server/api/context', () => ({
  requestContextOrUnavailable: async () => createContextFor(request.db as DbHandle['db'], request.session, { origin: 'https://portal.test' }),
}));
vi.mock('~/i18n/locale', () => ({ requestLocale: async () => request.locale }));

const { GET } = await import('./route');

let h: DbHandle;
let prescriber: SessionUser;
let spanishPhysio: SessionUser;
let patientId: string;

/** A signed-in session as the app checks it on each request (the account's language read with it). */
async function sessionOf(user: SessionUser): Promise<SessionState> {
  const claims = { uid: user.id, sv: (await userRow(h.db, user.id)).sessionVersion, sid: await startSession(h.db, user.id, 'password') };
  return checkSession(h.db, claims, { staffTwoStep: false });
}

function download(file: string, query = '') {
  return GET(new Request(`https://portal.test/api/export/${patientId}/${file}${query}`), { params: Promise.resolve({ patientId, file }) });
}

beforeAll(async () => {
  h = await openTestDb();
  request.db = h.db;
  prescriber = await makeUser(h.db, 'clinician', uniqueName('Route prescriber'));
  const made = await makeNamedPatient(h.db, prescriber, { name: uniqueName('Route Begoña') });
  patientId = made.patientId;
  await makePlan(h.db, prescriber, made.user, 'active');
  spanishPhysio = await makeUser(h.db, 'clinician', uniqueName('Route fisio'), { profession: 'physiotherapist', mayPrescribe: false });
  await addToTeam(h.db, prescriber, patientId, spanishPhysio);
  await callerFor(h.db, spanishPhysio).account.setLocale({ locale: 'es' });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  request.session = { status: 'anonymous' };
  request.locale = 'en';
});

describe('the export downloads in the reader’s language', () => {
  it('reads the account’s language with the session', async () => {
    expect(await sessionOf(spanishPhysio)).toMatchObject({ status: 'signed-in', user: { id: spanishPhysio.id, locale: 'es' } });
    expect(await sessionOf(prescriber)).toMatchObject({ status: 'signed-in', user: { locale: 'en' } });
  });

  it.runIf(hasPdfText())('gives a Spanish-reading clinician the summary PDF in Spanish, and an English-reading one in English', async () => {
    request.session = await sessionOf(spanishPhysio);
    const es = await download('summary.pdf', '?page=letter');
    expect(es.status).toBe(200);
    expect(es.headers.get('Content-Type')).toBe('application/pdf');
    const pdf = Buffer.from(await es.arrayBuffer());
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const words of ['Resumen clínico', 'copia del equipo de atención', 'Pauta de reducción', 'Escalón actual 1 de', 'mg/día', 'Registros diarios de los últimos 28 días', 'Señales de alarma', 'Equipo de atención']) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('Taper plan');
    expect(await pdfInfo(pdf)).toMatchObject({ Title: 'Resumen clínico', 'Page size': expect.stringContaining('letter') });

    request.session = await sessionOf(prescriber);
    const en = await download('summary.pdf');
    expect(en.status).toBe(200);
    const english = (await pdfText(Buffer.from(await en.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(english).toContain('Clinical summary');
    expect(english).toContain('Taper plan');
    expect(english).not.toContain('Resumen');
  });

  it('refuses in the reader’s language: the account’s once signed in, the request’s before', async () => {
    request.session = await sessionOf(spanishPhysio);
    const page = await download('summary.pdf', '?page=a5');
    expect(page.status).toBe(400);
    expect(await page.json()).toEqual({ error: { message: 'Elija un tamaño de página: a4 o letter.', fieldErrors: { page: ['Elija un tamaño de página: a4 o letter.'] } } });
    request.session = await sessionOf(prescriber);
    expect((await (await download('summary.pdf', '?page=a5')).json()).error.message).toBe('Choose a page size: a4 or letter.');

    request.locale = 'es';
    const none = await download('summary.docx');
    expect(none.status).toBe(404);
    expect((await none.json()).error.message).toBe('No existe esa exportación. Elija una de estas: fhir.json, check-ins.csv, plan-steps.csv, summary.pdf.');
    request.locale = 'en';
    expect((await (await download('summary.docx')).json()).error.message).toBe('There is no such export. Choose one of: fhir.json, check-ins.csv, plan-steps.csv, summary.pdf.');
  });

  it('serves the same CSV to readers of either language: stable English column names and codes', async () => {
    request.session = await sessionOf(spanishPhysio);
    const es = await (await download('plan-steps.csv')).text();
    request.session = await sessionOf(prescriber);
    const en = await (await download('plan-steps.csv')).text();
    expect(es).toBe(en);
    expect(es.split('\r\n')[0]).toBe('plan_id,plan_status,plan_version,step,start_date,end_date,days,daily_mg,cut_mg,cut_percent,doses,notes,above_cap');
    expect(es).toContain(',active,');
    expect(es).not.toMatch(/mg\/día|activo|comprimido/);
  });
});
