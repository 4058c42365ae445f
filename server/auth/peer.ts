// The TCP peer address of each request, which Next.js does not hand to route handlers.
//
// Next.js gives a route handler (and so Auth.js's `authorize`) a Web `Request`: headers, no socket. It
// does fill `X-Forwarded-For` with the socket's address, but only when the client sent none
// (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in next/dist/server/base-server.js), so
// a client that sends the header hides its address. What this module does instead: at server start
// (instrumentation.ts) it wraps `http.Server.prototype.emit`, and for every 'request' event writes the
// socket's `remoteAddress` into a header of its own, replacing whatever the client sent under that
// name. The value carries a random token made at start and kept in this process only, so a client
// cannot forge it, not even for a request that arrives before the wrapper is installed (those few
// have no valid stamp and count as 'unknown').
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Server, type IncomingMessage } from 'node:http';

export const PEER_HEADER = 'x-taperline-peer';

// On globalThis: instrumentation and the route handlers are separate bundles with separate module copies.
const TOKEN = Symbol.for('taperline.peer-address-token');
type WithToken = { [TOKEN]?: string };

/** Installs the stamping once per process. Node.js server only. */
export function installPeerAddressStamp(): void {
  const global = globalThis as WithToken;
  if (global[TOKEN]) return;
  const token = randomBytes(18).toString('base64url');
  global[TOKEN] = token;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_HEADER] = `${token} ${req.socket.remoteAddress ?? 'unknown'}`;
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

/** The peer address stamped on this request, or undefined when it has no valid stamp. */
export function stampedPeerAddress(headers: Headers): string | undefined {
  const token = (globalThis as WithToken)[TOKEN];
  const value = headers.get(PEER_HEADER);
  if (!token || !value) return undefined;
  const at = value.indexOf(' ');
  if (at < 0) return undefined;
  const given = Buffer.from(value.slice(0, at));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return value.slice(at + 1) || undefined;
}
