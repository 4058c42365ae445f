// The server's messages (refusals, conflicts, field errors) reach each reader in their own language: keyed in
// code (i18n/errors.ts), written where the answer leaves the server, in English for an English reader.
import { describe, expect, it } from 'vitest';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { appRouter } from '~/server/api/root';
import { createContextFor, zodIssueText } from '~/server/api/trpc';
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { renderError } from '~/i18n/errors';
import type { SessionUser } from '~/server/auth/session';
import { callPath, httpCall, makePatient, makeUser, rejection, uniqueEmail, type HttpErrorShape } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const reading = (user: SessionUser, locale: 'en' | 'es'): SessionUser => ({ ...user, locale });

describe('a server message in the reader’s language', () => {
  it('a refusal: Spanish for a Spanish reader, English for an English one, over HTTP and to a server component', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const stranger = await makeUser(h.db, 'clinician');
    const { patientId } = await makePatient(h.db, doc);
    const es = await httpCall(h.db, reading(stranger, 'es'), 'patients.get', { patientId });
    const en = await httpCall(h.db, reading(stranger, 'en'), 'patients.get', { patientId });
    expect([es.status, es.error?.message]).toEqual([403, 'No tiene acceso a este paciente.']);
    expect([en.status, en.error?.message]).toEqual([403, 'You do not have access to this patient.']);
    // A server component's caller gets the same words as the browser would.
    expect((await rejection(callPath(h.db, reading(stranger, 'es'), 'patients.get', { patientId }))).message).toBe('No tiene acceso a este paciente.');
  });

  it('a bad field: the field’s message in the reader’s language, from the app’s own words and from zod’s', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const input = { name: 'Ana', email: 'not an email', timeZone: 'Europe/Madrid', hasIntrathecalPump: false, conditions: '', renalFunction: 'unknown' };
    const es = await httpCall(h.db, reading(doc, 'es'), 'patients.add', input);
    const en = await httpCall(h.db, reading(doc, 'en'), 'patients.add', input);
    expect(es.status).toBe(400);
    expect(es.error?.data.fieldErrors?.email).toEqual(['Escriba un correo electrónico válido.']);
    expect(en.error?.data.fieldErrors?.email).toEqual(['Enter a valid email address.']);
    expect(es.error?.message).toBe('Hay campos que necesitan su atención.');
    expect(en.error?.message).toBe('Some fields need attention.');
    // A check written without a message of ours is worded by zod, in Spanish too.
    const wrongType = await httpCall(h.db, reading(doc, 'es'), 'patients.add', { ...input, email: uniqueEmail('p'), hasIntrathecalPump: 'yes' });
    expect(wrongType.error?.data.fieldErrors?.hasIntrathecalPump?.[0]).toMatch(/^Entrada inválida/);
  });

  it('a message with values keeps them in each language', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const input = { name: 'x'.repeat(201), email: uniqueEmail('p'), timeZone: 'Europe/Madrid', hasIntrathecalPump: false, conditions: '', renalFunction: 'unknown' };
    const es = await httpCall(h.db, reading(doc, 'es'), 'patients.add', input);
    expect(es.error?.data.fieldErrors?.name).toEqual(['Use como máximo 200 caracteres.']);
    expect(renderError({ key: 'validation.atMostChars', values: { maximum: 200 } }, 'en')).toBe('Use at most 200 characters.');
  });

  it('before sign-in, the device’s language decides', async () => {
    const call = async (locale: 'en' | 'es') => {
      const res = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request('http://portal.test/api/trpc/account.me'),
        router: appRouter,
        createContext: () => createContextFor(h.db, { status: 'anonymous' }, { origin: 'https://portal.test', locale }),
        onError: () => {},
      });
      const body = JSON.parse(await res.text()) as { error: Parameters<typeof superjson.deserialize>[0] };
      return superjson.deserialize<HttpErrorShape>(body.error).message;
    };
    expect(await call('es')).toBe('Inicie sesión.');
    expect(await call('en')).toBe('Please sign in.');
  });

  it('a refinement’s own values (its params) reach its message', () => {
    const issue = z.string().refine(() => false, { message: ek('validation.atMostChars'), params: { maximum: 5 } }).safeParse('abcdefgh').error?.issues[0];
    if (!issue) throw new Error('expected an issue');
    expect([zodIssueText(issue, 'en'), zodIssueText(issue, 'es')]).toEqual(['Use at most 5 characters.', 'Use como máximo 5 caracteres.']);
  });
});
