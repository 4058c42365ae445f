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
  | { kind: 'patient-data'; why: string; probes: (victimId: string) => { method: 'GET' | 'POST'; path: string; body?: string }[] };

export const ROUTE_HANDLERS: Record<string, RouteClass> = {
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
