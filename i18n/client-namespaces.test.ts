// Every component a part of the app can render finds its messages: the namespaces of every
// useTranslations call reachable from that part's routes are in its list in client-namespaces.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientNamespaces, type ClientArea } from './client-namespaces';

const root = path.join(import.meta.dirname, '..');
const appDir = path.join(root, 'app');
const routeFile = /^(page|layout|loading|error|not-found|forbidden|unauthorized|template|default|global-error)\.tsx?$/;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'api' && dir === appDir ? [] : routeFiles(full);
    return routeFile.test(name) ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('~/')) base = path.join(root, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  const candidates = [base, `${base}.tsx`, `${base}.ts`, path.join(base, 'index.tsx'), path.join(base, 'index.ts')];
  return candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Every module of ours a file imports, directly or not (over-counting server-only ones is harmless). */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  for (const m of source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const target = resolveImport(entry, m[1] ?? m[2] ?? '');
    if (target) reachable(target, seen);
  }
  return seen;
}

/** The namespaces of the useTranslations calls in a file, as written; '(any)' for a call without a literal one. */
function usedNamespaces(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/useTranslations\(\s*(?:'([^']*)'|"([^"]*)")?\s*([),])/g)].map((m) => {
    const literal = m[1] ?? m[2];
    return literal && m[3] === ')' ? literal : '(any)';
  });
}

/** A listed namespace covers a call on it or on a part of it (`CheckIn` covers `CheckIn.offline`, not the reverse). */
const covers = (listed: Iterable<string>, used: string) => [...listed].some((l) => used === l || used.startsWith(`${l}.`));

/** The nearest area above a file: its folder's provider is the one its components read. */
function areaOf(file: string): ClientArea {
  const parts = path.relative(appDir, path.dirname(file)).split(path.sep);
  for (let n = parts.length; n > 0; n--) {
    const dir = parts.slice(0, n).join('/');
    if (dir in clientNamespaces) return dir as ClientArea;
  }
  return 'root';
}

describe('client message namespaces', () => {
  const used = new Map<ClientArea, Set<string>>();
  for (const file of routeFiles(appDir)) {
    const area = areaOf(file);
    const set = used.get(area) ?? new Set<string>();
    for (const reached of reachable(file)) for (const namespace of usedNamespaces(reached)) set.add(namespace);
    used.set(area, set);
  }

  it.each(Object.keys(clientNamespaces) as ClientArea[])('%s lists every namespace its components use', (area) => {
    const listed = new Set<string>(clientNamespaces[area]);
    const missing = [...(used.get(area) ?? [])].filter((namespace) => !covers(listed, namespace)).sort();
    expect({ area, missing }).toEqual({ area, missing: [] });
  });

  it.each(Object.keys(clientNamespaces) as ClientArea[])('%s mounts its own provider', (area) => {
    const layout = readFileSync(path.join(appDir, area === 'root' ? '' : area, 'layout.tsx'), 'utf8');
    expect(layout.includes(`<ClientMessages area="${area}">`) || layout.includes(`messagesLayout('${area}')`)).toBe(true);
  });

  it('finds the calls it checks', () => {
    expect([...(used.get('(patient)/patient/check-in') ?? [])]).toContain('CheckIn');
    expect([...(used.get('(patient)') ?? [])]).toContain('CheckIn.offline');
    expect(covers(['CheckIn'], 'CheckIn.offline')).toBe(true);
    expect(covers(['CheckIn.offline'], 'CheckIn')).toBe(false);
    expect(covers(['CheckIn.offline'], 'CheckIn.offlineX')).toBe(false);
    expect([...(used.get('root') ?? [])]).toContain('Errors');
  });
});
