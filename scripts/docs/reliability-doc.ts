// docs/reliability.md: what each part of the reliability suite proves, then the figures its last run recorded
// (.data/reliability/<part>.json, written by reliability/figures.ts). `npm run docs:reliability` runs the
// suite and rewrites the page; `tsx scripts/docs/reliability-doc.ts` rewrites it from the last run's files.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const figuresDir = path.join(root, '.data', 'reliability');

const intro = `# Reliability

Written by \`npm run docs:reliability\` (\`scripts/docs/reliability-doc.ts\`) from the figures the suite
records; do not edit by hand. \`npm run test:reliability\` runs the suite (\`reliability/\`, its own Vitest
config); \`npm test\` and CI run it as a stage of their own, counted in the last line.

The server parts need a production build (\`npx next build\`) and a PostgreSQL they may break: as root with
Debian's PostgreSQL they make a private throwaway cluster (\`initdb\` in a temp folder, port
\`RELIABILITY_PG_PORT\`, default 5440) and crash it; otherwise they use a database of their own on
\`TEST_DATABASE_URL\` and terminate the app's connections instead. They run when \`TEST_DATABASE_URL\` or
\`E2E_DATABASE_URL\` is set (or \`RELIABILITY_SERVER=1\`) and are skipped with a loud banner otherwise
(\`REQUIRE_E2E=1\` makes a skip a failure). Ports: \`RELIABILITY_PORT\` (3150), \`RELIABILITY_EDGE_PORT\`
(one above). Fuzzing: \`RELIABILITY_FUZZ_RUNS\` (25 per mutation), \`RELIABILITY_FUZZ_SEED\` (fixed, so CI
repeats; \`random\` explores).

## What each part proves

| part | what it proves |
| --- | --- |
| access (\`server.test.ts\`, \`server/api/access.test.ts\`) | Every procedure, enumerated from the router (\`server/test/procedure-table.ts\`), called over HTTP on the production server with real sessions: anonymous 401; another patient, a clinician off the care team and an administrator 403 on patient-scoped procedures; MDT procedures refused to non-attendees, and each patient's item to an attendee off that patient's team; no answer holds the patient's name or email; nothing changes. Every route handler must be classified in \`reliability/routes.ts\`; the export downloads (FHIR, CSV, the summary PDF) are requested as anonymous, another patient, a clinician off the team and an administrator (401/403, no-store, nothing of the patient), and served to the team and the patient with a file name that names nobody. |
| no stray privileges (\`server.test.ts\`) | An administrator cannot disable a patient (403) while the patient's prescriber can; an MDT attendee off the care team cannot finalise; a team-only plan comment is absent from every response the patient can get. |
| bad input (\`fuzz.test.ts\`) | Every mutation's valid input broken by fast-check (wrong types, 100k strings, NUL, lone surrogates, RTL overrides, huge and non-finite numbers, removed and extra fields), through \`createCaller\` and over HTTP: never a 500, and a refused call leaves every table's row count (audit included) as it was. |
| concurrency (\`concurrency.test.ts\`, \`server.test.ts\`) | 20 parallel saves of one plan version make one new version and 19 CONFLICTs; 20 parallel resends of one check-in make one row; on PGlite, PostgreSQL and through the production server. |
| faults (\`server.test.ts\`, \`unavailable.test.ts\`) | Check-ins sent while PostgreSQL is crashed and restarted: every acknowledged one stored exactly once, every other answer the retryable 503, the same process serving again soon after. With nothing on the database port, 100 parallel requests all get the 503. |
| sign-in (\`server.test.ts\`) | Forged \`X-Forwarded-For\` ignored (attempts counted by the peer address); the owner signs in after 30 failures from another address; a cookie replayed after sign-out gets 401; invite links use \`APP_URL\` only; an address in use gets the same answer whoever holds it. |
| load (\`server.test.ts\`) | autocannon, 8 connections, 4 s each: a check-in day read, the triage list, check-in submissions; no errors. |
| notifications (\`notifications.test.ts\`) | Two production servers, each running the pg-boss worker, on one PostgreSQL database with a real SMTP server on the loopback: 100 red-flag check-ins give exactly one email per care-team member and patient; with SMTP down for 15 s, every email is retried with backoff and delivered once it is back, none lost and none twice. |
| edge (\`edge.test.ts\`) | A 500-call anonymous batch is a 400 at once and a read alongside is not held up; 10 MB bodies are 413 with little memory growth; cross-origin, form and non-JSON posts are 403; bad invite tokens are refused before any hashing; a flood of password checks gets 429s beyond the limit while reads carry on; refused record pages have a 403 status. |
`;

function value(key: string, v: unknown): string {
  if (typeof v === 'number' && /seed/i.test(key)) return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en') : String(Math.round(v * 10) / 10);
  if (typeof v === 'string') return v;
  return `\`${JSON.stringify(v)}\``;
}

export function reliabilityDoc(parts: Record<string, Record<string, unknown>>): string {
  const names = Object.keys(parts).sort();
  if (names.length === 0) return `${intro}\n## Figures\n\nNo run recorded yet: run \`npm run docs:reliability\`.\n`;
  const sections = names.map((name) => {
    const { at, ...figures } = parts[name] ?? {};
    const when = typeof at === 'string' ? at.replace('T', ' ').slice(0, 16) + ' UTC' : 'undated';
    return [`### ${name} (${when})`, '', ...Object.entries(figures).map(([k, v]) => `- ${k}: ${value(k, v)}`), ''].join('\n');
  });
  return `${intro}\n## Figures of the last run\n\nAs the suite recorded them (times in ms unless named).\n\n${sections.join('\n')}`;
}

export function writeReliabilityDoc(): string {
  const parts: Record<string, Record<string, unknown>> = {};
  if (existsSync(figuresDir)) {
    for (const file of readdirSync(figuresDir).filter((f) => f.endsWith('.json'))) {
      parts[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(figuresDir, file), 'utf8')) as Record<string, unknown>;
    }
  }
  const out = path.join(root, 'docs', 'reliability.md');
  writeFileSync(out, reliabilityDoc(parts));
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(`wrote ${path.relative(root, writeReliabilityDoc())}`);
}
