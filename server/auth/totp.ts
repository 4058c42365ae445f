// TOTP (RFC 6238, through otplib) and recovery codes: the secrets, the codes and how they are kept.
// SHA-1, 6 digits, 30-second steps: what every authenticator app reads from the QR code.
import 'server-only';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { authSecret } from './secret';

export const TOTP_PERIOD_SECONDS = 30;
/**
 * Clock skew accepted either side of now, in seconds: one step each way, as RFC 6238 §5.2 suggests for
 * a phone whose clock drifts and a code typed near the end of its step.
 */
export const TOTP_SKEW_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Taperline';

function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret(), 'taperline', 'totp-secret-v1', 32));
}

/** AES-256-GCM, with a fresh IV each time: base64url(iv | ciphertext | tag). */
export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The secret back; throws when the stored value was not made with this AUTH_SECRET (or was altered). */
export function decryptSecret(stored: string): string {
  const raw = Buffer.from(stored, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

/** A new base32 secret of 20 random bytes (160 bits, RFC 4226's recommendation). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** What the authenticator app scans: an otpauth:// URI as a QR code (SVG markup), and the secret to type. */
export async function enrolmentPicture(secret: string, accountLabel: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = generateURI({ issuer: ISSUER, label: accountLabel, secret });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, qrSvg };
}

/** Six digits, spaces allowed (apps show "123 456"). */
export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ''));
}

/**
 * The time step of `code` when it is valid at `now` (within the skew) and later than `afterStep`, else null.
 * A code is accepted once: the caller stores the step and passes it back as `afterStep`.
 */
export async function verifyTotp(secret: string, code: string, afterStep: number | null, now: Date = new Date()): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_SKEW_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code an authenticator shows at `now`: for tests and the demo's own checks. */
export function totpCodeAt(secret: string, now: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

// Recovery codes: 10 characters from an alphabet without look-alikes (no 0/o, 1/l/i), shown as xxxxx-xxxxx.
// 31^10 ≈ 8e14 possibilities each; with the sign-in throttle, guessing one is out of reach.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** As typed: case, spaces and the dash do not matter. Null when it cannot be a recovery code. */
export function normaliseRecoveryCode(code: string): string | null {
  const s = code.toLowerCase().replace(/[\s-]+/g, '');
  if (s.length !== 10 || [...s].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return s;
}

export function hashRecoveryCode(normalised: string): string {
  return createHash('sha256').update(`taperline-recovery:${normalised}`).digest('hex');
}
