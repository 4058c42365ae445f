import { describe, expect, it } from 'vitest';
import { areaOf, FrameResolver, normaliseSource, summarise, type CpuProfile } from './profile-summary';

describe('profile summary', () => {
  it('names the area of a source path', () => {
    expect(areaOf('node_modules/jose/dist/webapi/jwe/compact/decrypt.js')).toMatch(/^session & auth/);
    expect(areaOf('server/auth/session.ts')).toMatch(/^session & auth/);
    expect(areaOf('server/api/trpc.ts')).toMatch(/^tRPC: our setup/);
    expect(areaOf('server/checkins/service.ts')).toBe('our services (server/)');
    expect(areaOf('node_modules/drizzle-orm/sql/sql.js')).toBe('Drizzle ORM');
    expect(areaOf('node:internal/async_hooks')).toMatch(/^Node: async context/);
    expect(areaOf('(garbage collector)')).toBe('garbage collection');
  });

  it('makes source map paths repository-relative', () => {
    const root = '/repo';
    expect(normaliseSource('../../../node_modules/%40trpc/server/src/x.ts', root)).toBe('node_modules/@trpc/server/src/x.ts');
    expect(normaliseSource('../../../server/api/trpc.ts', root)).toBe('server/api/trpc.ts');
    expect(normaliseSource('../../../node_modules/src/sql/sql.ts', root)).toBe('node_modules/drizzle-orm/src/sql/sql.ts');
    expect(normaliseSource('file:///repo/lib/dates.ts', root)).toBe('lib/dates.ts');
  });

  it('adds self time to the leaf and inclusive time once per area on the stack, inside the window only', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0, columnNumber: 0 });
    // root -> handler (app) -> query (postgres) -> JSON.parse (native); root -> (idle)
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 5] },
        { id: 2, callFrame: frame('handler', 'app/route.ts'), children: [3] },
        { id: 3, callFrame: frame('query', 'node_modules/postgres/src/index.js'), children: [4] },
        { id: 4, callFrame: frame('parse', '') },
        { id: 5, callFrame: frame('(idle)', '') },
      ],
      startTime: 1000,
      endTime: 1600,
      // Sample i lasts until sample i + 1; the last one (at 1600) is outside the window.
      samples: [2, 3, 4, 5, 4, 2],
      timeDeltas: [0, 100, 100, 100, 100, 100],
    };
    const s = summarise([profile], new FrameResolver('/nowhere'), { name: 'w', fromUs: 1000, toUs: 1450, requests: 2 });
    const area = (name: string) => s.areas.find((a) => a.area === name);
    expect(s.totalMs).toBeCloseTo(0.5);
    expect(s.busyMs).toBeCloseTo(0.4);
    // The native parse is charged to its caller's area (postgres.js).
    expect(area('postgres.js')).toMatchObject({ selfMs: 0.3, inclusiveMs: 0.3 });
    expect(area('route handler (app/)')?.selfMs).toBeCloseTo(0.1);
    expect(area('route handler (app/)')?.inclusiveMs).toBeCloseTo(0.4);
    expect(s.requests).toBe(2);
  });
});
