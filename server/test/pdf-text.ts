// The text and metadata of a PDF as a reader gets them back, through poppler's pdftotext and pdfinfo (package
// poppler-utils; .ci/run installs it). Tests that need them run where they are installed, and always in CI.
import { execFile, spawnSync } from 'node:child_process';

let available: boolean | undefined;

/** Whether pdftotext and pdfinfo can run here; in CI they must (a missing tool fails the test, never skips it). */
export function hasPdfText(): boolean {
  available ??= ['pdftotext', 'pdfinfo'].every((tool) => spawnSync(tool, ['-v']).error === undefined);
  return available || process.env.CI === 'true';
}

function run(tool: string, args: string[], pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(tool, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(pdf);
  });
}

/** The page's text in reading order, as UTF-8. */
export function pdfText(pdf: Buffer): Promise<string> {
  return run('pdftotext', ['-enc', 'UTF-8', '-', '-'], pdf);
}

/** The document's metadata fields ("Title", "Pages", ...), as pdfinfo prints them. */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const out = await run('pdfinfo', ['-enc', 'UTF-8', '-'], pdf);
  return Object.fromEntries(out.split('\n').flatMap((line) => {
    const at = line.indexOf(':');
    return at > 0 ? [[line.slice(0, at).trim(), line.slice(at + 1).trim()]] : [];
  }));
}
