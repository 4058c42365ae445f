// The forms' reading of tRPC errors, told by the error's name rather than the client's class.
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { formErrorFrom, isTRPCClientError } from './errors';

describe('isTRPCClientError', () => {
  it("knows the tRPC client's own errors by name, and nothing else", () => {
    const fromServer = TRPCClientError.from({ error: { message: 'Nope.', code: -32600, data: { code: 'BAD_REQUEST', fieldErrors: { body: ['Write something.'] } } } });
    expect(isTRPCClientError(fromServer)).toBe(true);
    expect(isTRPCClientError(TRPCClientError.from(new TypeError('Failed to fetch')))).toBe(true);
    expect(isTRPCClientError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isTRPCClientError({ name: 'TRPCClientError', message: 'a plain object' })).toBe(false);
    expect(isTRPCClientError(null)).toBe(false);
  });

  it("reads the server's message, field messages and code", () => {
    const error = TRPCClientError.from({ error: { message: 'Nope.', code: -32600, data: { code: 'BAD_REQUEST', fieldErrors: { body: ['Write something.'] } } } });
    expect(formErrorFrom(error, 'Something went wrong.')).toEqual({ message: 'Nope.', fieldErrors: { body: ['Write something.'] }, code: 'BAD_REQUEST' });
    expect(formErrorFrom(new Error('boom'), 'Something went wrong.')).toEqual({ message: 'Something went wrong.', fieldErrors: {} });
  });
});
