// `npm test`: type-check, lint, migration check, Vitest (unit + integration) and Playwright e2e against a
// production build; ends with one plain line "N passed, N failed" counting everything it ran.
//   --fast             `npm run test:fast`: static checks and Vitest on PGlite only (no build, no e2e,
//                      no reliability suite, TEST_DATABASE_URL ignored): the loop to run before a commit.
//                      The static checks run beside Vitest (their output is shown when they end): tsc
//                      and eslint use one core each, and Vitest alone leaves cores idle as it ends;
//                      eslint keeps a cache in .data/ (npm test lints everything, uncached).
//   TEST_DATABASE_URL  run the integration tests on that PostgreSQL database instead of PGlite
//   E2E_DATABASE_URL   run the e2e server on that PostgreSQL database instead of a fresh PGlite folder
//   TEST_STATIC=0      skip type-check, lint and drizzle-kit check     TEST_E2E=0  skip e2e
//   REQUIRE_E2E=1      fail (instead of skipping loudly) when no Chromium is available, or when the
//                      reliability suite's server part has no PostgreSQL server to run on
//   TEST_RELIABILITY=0 skip the reliability suite (reliability/: access, fuzzing, concurrency, faults, load)
//   CHROMIUM_PATH      the browser to drive (default /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const fast = process.argv.includes('--fast');
if (fast) {
  process.env.TEST_E2E = '0';
  process.env.TEST_RELIABILITY = '0';
  delete process.env.TEST_DATABASE_URL;
}
const resultsDir = path.join(root, '.data', 'test-results');
mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label} ━━  ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** Like `run`, without blocking: stdout and stderr are kept and printed under the label when it ends. */
function runQuietly(label, command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => chunks.push(Buffer.from(String(error))));
    child.on('close', (code) => {
      console.log(`\n━━ ${label} ━━  ${command} ${args.join(' ')}\n${Buffer.concat(chunks).toString()}`);
      resolve(code === 0);
    });
  });
}

/** Like `run`, without blocking, the output going straight to the terminal. */
function runAsync(label, command, args) {
  console.log(`\n━━ ${label} ━━  ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

function count(label, ok) {
  if (ok) passed += 1;
  else failed += 1;
  summary.push(`${ok ? 'ok  ' : 'FAIL'}  ${label}`);
  return ok;
}

function check(label, command, args, env) {
  return count(label, run(label, command, args, env));
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let buildTried = false;

const staticChecks = [
  ['type-check', bin('tsc'), ['--noEmit']],
  // No lint rule reads types or other files, so the fast loop may skip files unchanged since the last lint.
  ['lint', bin('eslint'), ['.', '--max-warnings=0', ...(fast ? ['--cache', '--cache-strategy', 'content', '--cache-location', '.data/eslintcache'] : [])]],
  ['migrations match the schema (drizzle-kit check)', bin('drizzle-kit'), ['check']],
];
let staticDone = Promise.resolve([]);
if (process.env.TEST_STATIC !== '0') {
  if (fast) {
    // One after another (one core), beside Vitest; counted once Vitest is done.
    staticDone = (async () => {
      const results = [];
      for (const [label, command, args] of staticChecks) results.push([label, await runQuietly(label, command, args)]);
      return results;
    })();
  } else {
    for (const [label, command, args] of staticChecks) check(label, command, args);
  }
}

// Vitest: unit + integration through createCaller on a real database.
{
  const out = path.join(resultsDir, 'vitest.json');
  rmSync(out, { force: true });
  const label = `vitest (${process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`;
  const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  const ok = fast ? await runAsync(label, bin('vitest'), args) : run(label, bin('vitest'), args);
  for (const [staticLabel, staticOk] of await staticDone) count(staticLabel, staticOk);
  const report = readJson(out);
  if (report) {
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (ok || report.numFailedTests ? 0 : 1);
    summary.push(`${ok ? 'ok  ' : 'FAIL'}  vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  } else {
    failed += 1;
    summary.push('FAIL  vitest produced no report');
  }
}

// Playwright e2e against a production build, in Debian's Chromium.
if (process.env.TEST_E2E !== '0') {
  const chromium = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : '');
  let playwrightBrowser = false;
  if (!chromium) {
    try {
      const { chromium: pw } = await import('@playwright/test');
      playwrightBrowser = existsSync(pw.executablePath());
    } catch {
      playwrightBrowser = false;
    }
  }
  if (!chromium && !playwrightBrowser) {
    const banner = [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!!  END-TO-END TESTS SKIPPED: no Chromium found.                            !!',
      '!!  Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set     !!',
      '!!  CHROMIUM_PATH to a Chromium binary, then run npm test again.            !!',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n');
    console.error(banner);
    if (process.env.REQUIRE_E2E === '1') {
      failed += 1;
      summary.push('FAIL  e2e required (REQUIRE_E2E=1) but no Chromium was found');
    } else {
      summary.push('SKIP  e2e: no Chromium (see the banner above)');
    }
  } else {
    buildTried = true;
    const built = check('production build (next build)', bin('next'), ['build']);
    if (built) {
      const out = path.join(resultsDir, 'playwright.json');
      rmSync(out, { force: true });
      const ok = run('playwright e2e', bin('playwright'), ['test'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
      });
      const report = readJson(out);
      if (report?.stats) {
        const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
        passed += expected + flaky;
        failed += unexpected + (ok || unexpected ? 0 : 1);
        summary.push(`${ok ? 'ok  ' : 'FAIL'}  playwright: ${expected + flaky} passed (${flaky} flaky), ${unexpected} failed, ${skipped} skipped`);
      } else {
        failed += 1;
        summary.push('FAIL  playwright produced no report');
      }
    }
  }
}

// The reliability suite: access over every procedure and route handler, fuzzed input to every mutation,
// concurrency; with a PostgreSQL server also the production server through a database outage, and a short load.
if (process.env.TEST_RELIABILITY !== '0') {
  const serverPart = Boolean(process.env.TEST_DATABASE_URL || process.env.E2E_DATABASE_URL);
  if (!serverPart) {
    console.error(
      [
        '',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '!!  RELIABILITY SERVER PART SKIPPED (faults, load, access over real HTTP):  !!',
        '!!  no PostgreSQL server. Set TEST_DATABASE_URL (as .ci/run does) to run it. !!',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '',
      ].join('\n'),
    );
    summary.push(`${process.env.REQUIRE_E2E === '1' ? 'FAIL' : 'SKIP'}  reliability server part: no PostgreSQL server (see the banner above)`);
  }
  // The server part runs the production build: build it if the e2e stage did not.
  let buildOk = true;
  if (serverPart && !buildTried) buildOk = check('production build for the reliability suite (next build)', bin('next'), ['build']);
  if (buildOk) {
    const out = path.join(resultsDir, 'reliability.json');
    rmSync(out, { force: true });
    const ok = run(`reliability suite (${process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, bin('vitest'), [
      'run', '-c', 'reliability/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`,
    ]);
    const report = readJson(out);
    if (report) {
      passed += report.numPassedTests ?? 0;
      failed += (report.numFailedTests ?? 0) + (ok || report.numFailedTests ? 0 : 1);
      summary.push(`${ok ? 'ok  ' : 'FAIL'}  reliability: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests ?? 0} skipped`);
    } else {
      failed += 1;
      summary.push('FAIL  reliability suite produced no report');
    }
  }
}

console.log(`\n━━ summary ━━\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
