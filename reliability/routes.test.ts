// Route handlers: every app/**/route.ts is classified (public, the tRPC endpoint, or patient data with a
// probe the server part of this suite runs); a new route handler fails here until someone classifies it.
import { describe, expect, it } from 'vitest';
import { ROUTE_HANDLERS, routeHandlerFiles } from './routes';

describe('route handlers', () => {
  it('are each classified, and the classification names no route that is gone', () => {
    expect(routeHandlerFiles()).toEqual(Object.keys(ROUTE_HANDLERS).sort());
  });

  it('are public only by name: the auth endpoints; the tRPC endpoint is the only one left to the procedures', () => {
    const of = (kind: string) => Object.entries(ROUTE_HANDLERS).filter(([, c]) => c.kind === kind).map(([p]) => p);
    expect(of('public')).toEqual(['api/auth/[...nextauth]']);
    expect(of('procedures')).toEqual(['api/trpc/[trpc]']);
  });
});

describe('pages', () => {
  it('are each classified by what they show of patients’ records (for the read audit), and none is gone', async () => {
    const { PAGES, pageFiles } = await import('./routes');
    expect(pageFiles()).toEqual(Object.keys(PAGES).sort());
  });
});
