// Which tRPC requests are marked as the app's own, and which tell the idle warning of the user's activity.
import { createTRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '~/server/api/root';
import { activityHeaders, activityLink, onUserRequest } from './activity';

describe('activityHeaders', () => {
  it('marks a request as background only when every call in it is', () => {
    const user = { context: {} };
    const background = { context: { background: true } };
    expect(activityHeaders([background])).toEqual({ 'x-taperline-background': '1' });
    expect(activityHeaders([background, background])).toEqual({ 'x-taperline-background': '1' });
    expect(activityHeaders([background, user])).toEqual({});
    expect(activityHeaders([user])).toEqual({});
    expect(activityHeaders([])).toEqual({});
  });
});

describe('activityLink', () => {
  it('tells the listeners of each call of the user’s own, not of background calls', async () => {
    // Stands for the HTTP link: answers every call at once.
    const answer: TRPCLink<AppRouter> = () => () => observable((observer) => {
      observer.next({ result: { type: 'data', data: { idleSecondsLeft: 60 } } });
      observer.complete();
    });
    const client = createTRPCClient<AppRouter>({ links: [activityLink, answer] });
    let heard = 0;
    const stop = onUserRequest(() => (heard += 1));
    await client.account.keepAlive.query();
    await client.account.keepAlive.query(undefined, { context: { background: true } });
    await Promise.resolve();
    expect(heard).toBe(1);
    stop();
    await client.account.keepAlive.query();
    await Promise.resolve();
    expect(heard).toBe(1);
  });
});
