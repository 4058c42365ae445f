// Every route handler (app/**/route.ts), classified: a new one fails the reliability suite until it is
// listed here with what it serves and how its refusals are proved.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export type RouteClass =
  /** Serves no patient data, to anyone: public by design. Checked: no patient data in what it answers. */
  | { kind: 'public'; why: string }
  /** The tRPC endpoint: every procedure is in the procedure table and proved there, and over the real server. */
  | { kind: 'procedures'; why: string }
  /**
   * Serves a patient's data: `probes` are requests for the victim's data; anonymous callers, another patient,
   * a clinician off the care team and an administrator must be refused (401/403/404) and get none of it.
   */
  | { kind: 'patient-data'; why: string; probes: (victimId: string) => { method: 'GET' | 'POST'; path: string; body?: string }[] }
  /**
   * For administrators only (names patients, but no record): anonymous callers, patients and clinicians must be
   * refused (401/403) with none of it; an administrator gets it, never cached.
   */
  | { kind: 'admin'; why: string; probes: (victimId: string) => { method: 'GET'; path: string }[] };

export const ROUTE_HANDLERS: Record<string, RouteClass> = {
  'api/admin/read-audit': {
    kind: 'admin',
    why: 'The read audit as CSV (who read which patient, when), through readAudit.exportCsv on the administrators\' tier.',
    probes: (victimId) => [{ method: 'GET', path: 'api/admin/read-audit' }, { method: 'GET', path: `api/admin/read-audit?patient=${victimId}` }],
  },
  'api/auth/[...nextauth]': { kind: 'public', why: 'Auth.js sign-in, sign-out, session and CSRF endpoints: reached before anyone is signed in.' },
  'api/trpc/[trpc]': { kind: 'procedures', why: 'Every tRPC procedure checks access for itself (server/api/trpc.ts tiers).' },
  'api/export/[patientId]/[file]': {
    kind: 'patient-data',
    why: 'Downloads of one patient\'s record (FHIR, CSV, the summary PDF), through the exports procedures\' tiers.',
    probes: (victimId) => ['fhir.json', 'check-ins.csv', 'plan-steps.csv', 'summary.pdf'].map((file) => ({ method: 'GET' as const, path: `api/export/${victimId}/${file}` })),
  },
};

const appDir = path.resolve(import.meta.dirname, '..', 'app');

/** The route handlers in app/, as their folder paths ('api/trpc/[trpc]'); route groups '(name)' kept as written. */
export function routeHandlerFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) found.push(path.relative(appDir, dir).split(path.sep).join('/'));
    }
  };
  walk(appDir);
  return found.sort();
}

/**
 * Every page (app/**\/page.tsx), by what it shows of patients' records: a page that reads one patient's record
 * ('record', opened on the victim's record by `as`), a page that lists the reader's patients ('list'), or
 * one that shows no patient's record ('none', and why). The server part opens each reading page and checks
 * that the read audit holds a row for it (reliability/read-audit.test.ts); a new page fails routes.test.ts
 * until it is listed here.
 */
export type PageClass =
  | { kind: 'record'; as: 'care-team' | 'patient'; path: (ids: { victimId: string; meetingId: string }) => string }
  | { kind: 'list'; as: 'care-team'; path: string }
  | { kind: 'none'; why: string };

const NO_RECORD = 'signs in, sets a password or says a session ended: no patient’s record';
const ofVictim = (suffix: string) => ({ victimId }: { victimId: string }) => `/clinician/patients/${victimId}${suffix}`;

export const PAGES: Record<string, PageClass> = {
  '': { kind: 'none', why: 'the front door: sends each role home' },
  'session-expired': { kind: 'none', why: NO_RECORD },
  '(auth)/sign-in': { kind: 'none', why: NO_RECORD },
  '(auth)/forgot-password': { kind: 'none', why: NO_RECORD },
  '(auth)/two-step': { kind: 'none', why: NO_RECORD },
  '(auth)/invite/[token]': { kind: 'none', why: NO_RECORD },
  '(auth)/reset-password/[token]': { kind: 'none', why: NO_RECORD },
  '(account)/account': { kind: 'record', as: 'patient', path: () => '/account' },
  '(admin)/admin': { kind: 'none', why: 'staff accounts, the clinic’s contacts, delivery failures: no record' },
  '(admin)/admin/read-audit': { kind: 'none', why: 'the read audit itself (who read whom), for administrators' },
  '(clinician)/clinician': { kind: 'list', as: 'care-team', path: '/clinician' },
  '(clinician)/clinician/mdt': { kind: 'list', as: 'care-team', path: '/clinician/mdt' },
  // The world's meeting has the victim on its agenda, and its creator (the victim's prescriber) attends.
  '(clinician)/clinician/mdt/[meetingId]': { kind: 'record', as: 'care-team', path: ({ meetingId }) => `/clinician/mdt/${meetingId}` },
  '(clinician)/clinician/notifications': { kind: 'none', why: 'the clinician’s inbox: notification texts hold no health data' },
  '(clinician)/clinician/patients/[patientId]': { kind: 'record', as: 'care-team', path: ofVictim('') },
  '(clinician)/clinician/patients/[patientId]/goals': { kind: 'record', as: 'care-team', path: ofVictim('/goals') },
  '(clinician)/clinician/patients/[patientId]/notes': { kind: 'record', as: 'care-team', path: ofVictim('/notes') },
  '(clinician)/clinician/patients/[patientId]/plan': { kind: 'record', as: 'care-team', path: ofVictim('/plan') },
  '(clinician)/clinician/patients/[patientId]/plan/print': { kind: 'record', as: 'care-team', path: ofVictim('/plan/print') },
  '(clinician)/clinician/patients/[patientId]/review': { kind: 'record', as: 'care-team', path: ofVictim('/review') },
  '(clinician)/clinician/patients/[patientId]/summary': { kind: 'record', as: 'care-team', path: ofVictim('/summary') },
  '(clinician)/clinician/patients/[patientId]/trends': { kind: 'record', as: 'care-team', path: ofVictim('/trends') },
  // The offline shell holds no patient data, but deciding who may have it reads the patient's own record.
  '(offline)/offline/check-in': { kind: 'record', as: 'patient', path: () => '/offline/check-in' },
  '(patient)/patient/(home)': { kind: 'record', as: 'patient', path: () => '/patient' },
  '(patient)/patient/check-in': { kind: 'record', as: 'patient', path: () => '/patient/check-in' },
  '(patient)/patient/goals': { kind: 'record', as: 'patient', path: () => '/patient/goals' },
  '(patient)/patient/notes': { kind: 'record', as: 'patient', path: () => '/patient/notes' },
  '(patient)/patient/plan': { kind: 'record', as: 'patient', path: () => '/patient/plan' },
  '(patient)/patient/plan/print': { kind: 'record', as: 'patient', path: () => '/patient/plan/print' },
  '(patient)/patient/reviews': { kind: 'record', as: 'patient', path: () => '/patient/reviews' },
  '(patient)/patient/trends': { kind: 'record', as: 'patient', path: () => '/patient/trends' },
  '(patient)/patient/who-looked': { kind: 'record', as: 'patient', path: () => '/patient/who-looked' },
};

/** The pages in app/, as their folder paths ('(patient)/patient/plan'; '' for app/page.tsx). */
export function pageFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^page\.(ts|tsx|js|mjs)$/.test(entry.name)) found.push(path.relative(appDir, dir).split(path.sep).join('/'));
    }
  };
  walk(appDir);
  return found.sort();
}
