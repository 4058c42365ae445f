// The forms' reading of tRPC errors: a refusal, no answer at all, and the client's errors told by name.
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formErrorFrom, isNoServerAnswer, isTRPCClientError } from './errors';

const network = { offline: 'OFFLINE', noAnswer: 'NO ANSWER' };
/** What the browser's fetch throws without a connection, as tRPC's link wraps it. */
const failedFetch = () => TRPCClientError.from(new TypeError('Failed to fetch'));
/** A refusal in our server's shape: a code and per-field messages in `data`. */
const refusal = () =>
  TRPCClientError.from({ error: { message: 'Enter a name.', code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400, fieldErrors: { name: ['Enter a name.'] } } } });

afterEach(() => vi.unstubAllGlobals());

describe('formErrorFrom', () => {
  it('says in the reader’s words that nothing was saved when the browser is offline, never the browser’s own text', () => {
    vi.stubGlobal('navigator', { onLine: false });
    expect(formErrorFrom(failedFetch(), 'GENERIC', network)).toEqual({ message: 'OFFLINE', fieldErrors: {} });
    expect(formErrorFrom(new TypeError('Failed to fetch'), 'GENERIC', network).message).toBe('OFFLINE');
  });

  it('does not claim nothing was saved when the connection may have dropped after the send', () => {
    vi.stubGlobal('navigator', { onLine: true });
    expect(formErrorFrom(failedFetch(), 'GENERIC', network).message).toBe('NO ANSWER');
    // A proxy's page instead of our API's answer: tRPC cannot read it, and it carries no data of ours.
    expect(formErrorFrom(TRPCClientError.from(new SyntaxError('Unexpected token <')), 'GENERIC', network).message).toBe('NO ANSWER');
  });

  it('keeps the server’s refusal, its code and field messages', () => {
    vi.stubGlobal('navigator', { onLine: false });
    expect(isNoServerAnswer(refusal())).toBe(false);
    expect(formErrorFrom(refusal(), 'GENERIC', network)).toEqual({ message: 'Enter a name.', fieldErrors: { name: ['Enter a name.'] }, code: 'BAD_REQUEST' });
  });

  it('falls back to the generic words for anything else', () => {
    expect(formErrorFrom(new Error('boom'), 'GENERIC', network)).toEqual({ message: 'GENERIC', fieldErrors: {} });
  });
});

describe('isTRPCClientError', () => {
  it("knows the tRPC client's own errors by name (not by its class, which would bring the whole client), and nothing else", () => {
    expect(isTRPCClientError(refusal())).toBe(true);
    expect(isTRPCClientError(failedFetch())).toBe(true);
    expect(isTRPCClientError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isTRPCClientError({ name: 'TRPCClientError', message: 'a plain object' })).toBe(false);
    expect(isTRPCClientError(null)).toBe(false);
  });
});
