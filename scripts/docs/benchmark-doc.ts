// docs/benchmark.md: how `npm run bench` measures, then the figures of its latest run (bench/results/latest.md).
// Written by the bench at the end of every run; `npm run docs:benchmark` rewrites it from the last run's files.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

const method = `# Benchmark

Written by \`npm run bench\` (\`scripts/bench/run.ts\`) at the end of each run, from its results
(\`bench/results/latest.json\`, \`latest.md\`); do not edit by hand. A benchmark, not a test: it never fails
on speed.

## What it measures
It seeds a synthetic clinic on PostgreSQL (at \`--scale 1\`: 2,000 patients on 40 clinicians' care teams,
180 days of check-ins each, plans made by the taper engine, alerts, weekly and MDT reviews, supports and
rescue medication), starts the production build, signs in through the real sign-in, and drives four
requests: check-in submit (a different patient and idempotency key each time), a clinician's triage list,
a patient's trends over the whole taper, and a plan save.

- **Users**: the two requests with targets are first driven as users (32 patients; 8 clinicians for
  triage), each pausing a random time averaging one second (exponential, so they do not act in step).
- **Capacity**: then back to back with autocannon, the same number of connections and no pause; the p95
  there is mostly queueing.
- **Bare**: beside each, a bare \`node:http\` server with postgres.js runs the same SQL and the same pure
  functions; ratio = ours / bare, the cost of the framework.
- **Query plans**: every query the four requests issue is EXPLAINed. None may scan all of \`check_ins\`,
  nor read sequentially any table that grows with the clinic (the list is \`GROWS_WITH_CLINIC\` in
  \`scripts/bench/explain.ts\`): a request's cost must grow with the patients it shows, not with the
  clinic. A table under 1,000 rows is read whole rightly; it is not counted when, EXPLAINed again with
  sequential scans off, an index serves the query.
- **Page weights**: each page's first-load JavaScript (gzip) in Chromium: every script the page loads
  before the network is idle, without a touch; code fetched at the first touch (the tRPC client, the
  check-in's schema) is not in it. The floor is the scripts every page loads (the framework's runtime and
  the root layout: no App Router page goes under it); each patient page's own JavaScript above it has a
  25 KB budget (sign-in, home, check-in, plan, trends).
- **Lighthouse 12** (mobile: an emulated phone, simulated slow 4G and a slowed CPU) on those five pages:
  performance and accessibility scores, the paints, and the largest paint's element with where its time
  goes (time to first byte, the resource's load, the render delay). Three runs a page, each in a fresh
  browser; the figures are the median run's (Lighthouse's \`computeMedianRun\`), every run's score beside
  them: its simulation starts from one observed load, so single runs differ by a few points.

## Run it
\`\`\`sh
createdb taperline_bench
DATABASE_URL=postgres://postgres@127.0.0.1:5432/taperline_bench npm run bench -- --scale 1
\`\`\`
The bench wipes its database and refuses one holding accounts or data it did not seed. Options:
\`--scale\`, \`--duration\` (s per back-to-back run, default 10), \`--user-duration\` (s per run of users,
default 30), \`--connections\`, \`--no-build\`, \`--no-seed\`, \`--no-lighthouse\`, \`--no-load\` (query
plans, page weights and Lighthouse only), \`--port\`, \`--out\`, and
\`--note\` (what changed since the previous run). Each run sets its figures beside the previous run's (the
\`latest.json\` it replaces), with the bare server's p95 then and now to show how busy the machine was.
At \`--scale 0.1\` every clinician is on every team, so the seq-scan check means something from scale 1 up.

Two options measure a change without making a benchmark run (they write no results and not this page):
\`--endpoints <keys>\` drives only the named load runs (e.g. \`checkin-submit-capacity,plan-save\`), ours
and bare as usual; \`--profile <dir>\` also runs the app under \`node --cpu-prof\` and leaves its profile in
\`<dir>\` with \`phases.json\` (when each measured run started and ended), and
\`npx tsx scripts/bench/profile-summary.ts <dir>\` prints where each run's CPU time went, per area of the
stack, file and function, mapped to the sources through the build's source maps. docs/write-path.md reads
such profiles.

## Latest run
`;

export function benchmarkDoc(latestMd: string): string {
  // The run's own heading becomes a line under "Latest run".
  return `${method}\n${latestMd.replace(/^### /, '').trim()}\n`;
}

export function writeBenchmarkDoc(resultsDir = path.join(root, 'bench', 'results')): string {
  const out = path.join(root, 'docs', 'benchmark.md');
  writeFileSync(out, benchmarkDoc(readFileSync(path.join(resultsDir, 'latest.md'), 'utf8')));
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(`wrote ${path.relative(root, writeBenchmarkDoc())}`);
}
