// Shared e2e helpers: signing in through the real form, axe checks, the app's own message strings,
// and a tRPC call over HTTP for setting up a spec's own data.
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import admin from '../messages/en/admin.json' with { type: 'json' };
import auth from '../messages/en/auth.json' with { type: 'json' };
import clinician from '../messages/en/clinician.json' with { type: 'json' };
import common from '../messages/en/common.json' with { type: 'json' };
import patient from '../messages/en/patient.json' with { type: 'json' };
import taper from '../messages/en/taper.json' with { type: 'json' };
import plan from '../messages/en/plan.json' with { type: 'json' };
import triage from '../messages/en/triage.json' with { type: 'json' };
import checkin from '../messages/en/checkin.json' with { type: 'json' };
import notifications from '../messages/en/notifications.json' with { type: 'json' };
import contacts from '../messages/en/contacts.json' with { type: 'json' };
import push from '../messages/en/push.json' with { type: 'json' };
import notify from '../messages/en/notify.json' with { type: 'json' };
import { staff, STAFF_PASSWORD } from './accounts';

export const m = { ...common, ...auth, ...clinician, ...patient, ...admin, ...taper, ...plan, ...checkin, ...triage, ...notifications, ...contacts, ...push, ...notify };
export { staff, STAFF_PASSWORD };

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@e2e.taperline.example`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel(m.Auth.email).fill(email);
  await page.getByLabel(m.Auth.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: m.Auth.submit, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** No serious or critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious, `axe violations on ${page.url()}`).toEqual([]);
}

/** Calls a tRPC procedure over HTTP with the request context's cookies (superjson wire format). */
export async function trpc<T = unknown>(request: APIRequestContext, path: string, input?: unknown, kind: 'query' | 'mutation' = 'mutation') {
  const body = { json: input ?? null };
  const response =
    kind === 'mutation'
      ? await request.post(`/api/trpc/${path}`, { data: body })
      : await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(body))}`);
  const json = (await response.json()) as { result?: { data?: { json?: T } }; error?: { json?: { message: string; data?: { code?: string } } } };
  return { status: response.status(), data: json.result?.data?.json, error: json.error?.json };
}

/** A clinician (the signed-in one: usually the prescriber) adds a patient through the API; returns the patient id and invite link. */
export async function addPatientAs(request: APIRequestContext, overrides: Record<string, unknown> = {}) {
  const email = uniqueEmail('patient');
  const result = await trpc<{ patientId: string; inviteLink: string }>(request, 'patients.add', {
    name: `Pat ${email.slice(8, 16)}`,
    email,
    timeZone: 'Europe/London',
    hasIntrathecalPump: false,
    conditions: 'Multiple sclerosis',
    renalFunction: 'normal',
    ...overrides,
  });
  expect(result.status, JSON.stringify(result.error)).toBe(200);
  if (!result.data) throw new Error('patients.add returned no data');
  return { ...result.data, email };
}

/** Accepts an invite through the real page and lands signed in. */
export async function acceptInvite(page: Page, inviteLink: string, password: string) {
  await page.goto(new URL(inviteLink).pathname);
  await page.getByLabel(m.Invite.password, { exact: true }).fill(password);
  await page.getByLabel(m.Invite.confirmPassword).fill(password);
  await page.getByRole('button', { name: m.Invite.submit }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/invite'));
}
