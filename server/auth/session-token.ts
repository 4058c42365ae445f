// The claims of the session token Auth.js keeps in its cookie, read the way its session endpoint reads them
// but without running that endpoint on every request.
//
// Auth.js's `auth()` answers a server component or route handler by running its whole session endpoint: a
// Request built and parsed, a CSRF token made (random bytes and a SHA-256), the JWT decrypted (an HKDF key
// derivation, a key thumbprint, AES-CBC and HMAC through WebCrypto), then encrypted again with a new expiry
// (another derivation, thumbprint, IV and encryption) for a cookie that `auth()` then throws away, and the
// session sent back as a JSON Response and parsed again. That was about a fifth of a check-in's CPU time.
// Here: the same cookie (chunks included), the same decryption (Auth.js's own `decode`), done once per token.
import 'server-only';
import { decode, getToken, type JWT } from 'next-auth/jwt';

/** How long past `exp` a token is still taken: the clock tolerance Auth.js's `decode` gives jose. */
const CLOCK_TOLERANCE_SECONDS = 15;
/** Tokens remembered; each holds a few hundred bytes, so a full cache is a few MB. */
export const MAX_REMEMBERED_TOKENS = 5_000;

interface Remembered {
  salt: string;
  secret: string;
  payload: JWT;
  /** Seconds since the epoch from which the token is expired (exp plus the tolerance). */
  expiredFrom: number;
}

type DecodeParams = { token?: string; secret: string | string[]; salt: string };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Auth.js's decode, done once per token and remembered for up to `max` tokens (least recently used forgotten
 * first). A token string that decrypted and verified once decrypts to the same payload again: the only checks
 * that depend on when it is asked are the time claims, and those are checked again on every use. A token that
 * fails is never remembered: it fails again each time, as before.
 */
export function tokenMemory(max: number) {
  const remembered = new Map<string, Remembered>();
  async function rememberingDecode(params: DecodeParams): Promise<JWT | null> {
    const { token, secret, salt } = params;
    if (!token) return null;
    // One secret (server/auth/secret.ts); a list (rotation) is left to Auth.js every time.
    const single = typeof secret === 'string' ? secret : null;
    const hit = remembered.get(token);
    if (hit && single !== null && hit.salt === salt && hit.secret === single) {
      remembered.delete(token);
      if (nowSeconds() < hit.expiredFrom) {
        // Most recently used last, so the oldest unused token goes first when the memory is full.
        remembered.set(token, hit);
        return hit.payload;
      }
    }
    const payload = await decode({ token, secret, salt });
    // Only tokens whose validity is a plain expiry are remembered (Auth.js's never carry nbf).
    if (payload && single !== null && typeof payload.exp === 'number' && payload.nbf === undefined) {
      remembered.set(token, { salt, secret: single, payload, expiredFrom: payload.exp + CLOCK_TOLERANCE_SECONDS });
      for (const oldest of remembered.keys()) {
        if (remembered.size <= max) break;
        remembered.delete(oldest);
      }
    }
    return payload;
  }
  return { decode: rememberingDecode, size: () => remembered.size, has: (token: string) => remembered.has(token), clear: () => remembered.clear() };
}

/** The process's memory of decoded session tokens. */
export const sessionTokens = tokenMemory(MAX_REMEMBERED_TOKENS);

/**
 * The session token's payload from the request's cookies, or null (no cookie, a token that does not decrypt
 * or has expired). Only the Cookie header is read, as `auth()` reads it (getToken would also take an
 * `Authorization: Bearer` token).
 */
export async function readSessionToken(cookieHeader: string | null, options: { secret: string; secureCookie: boolean }): Promise<JWT | null> {
  if (!cookieHeader) return null;
  return getToken({ req: { headers: { cookie: cookieHeader } }, secret: options.secret, secureCookie: options.secureCookie, decode: sessionTokens.decode });
}
