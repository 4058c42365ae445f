// Whether an identity provider vouched for a second factor at sign-in, by the ID token's `amr` and `acr`
// claims and the operator's list of the values that count (AUTH_OIDC_MFA_CLAIMS).

/** The `amr` values (RFC 8176) and `acr` values an operator accepts as a second factor. */
export interface OidcMfaClaims {
  amr: string[];
  acr: string[];
}

export const NO_OIDC_MFA_CLAIMS: OidcMfaClaims = { amr: [], acr: [] };

/**
 * `amr` values that name one factor only (RFC 8176): listing one would let a password alone pass as two
 * factors, so the setting refuses them.
 */
export const SINGLE_FACTOR_AMR = new Set(['pwd', 'pin', 'kba', 'user', 'pop', 'wia']);

/**
 * Reads the setting: entries `amr:<value>` or `acr:<value>`, separated by spaces or commas (an `acr` is
 * often a URI with colons of its own: only the first colon separates). Throws, naming the entry, on
 * anything else.
 */
export function parseOidcMfaClaims(setting: string | undefined): OidcMfaClaims {
  const result: OidcMfaClaims = { amr: [], acr: [] };
  for (const entry of (setting ?? '').split(/[\s,]+/).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const kind = entry.slice(0, colon).toLowerCase();
    const value = entry.slice(colon + 1);
    if (colon < 0 || (kind !== 'amr' && kind !== 'acr') || !value) {
      throw new Error(`AUTH_OIDC_MFA_CLAIMS: "${entry}" is not amr:<value> or acr:<value> (e.g. amr:mfa acr:phr).`);
    }
    if (kind === 'amr' && SINGLE_FACTOR_AMR.has(value)) {
      throw new Error(`AUTH_OIDC_MFA_CLAIMS: amr:${value} is a single factor (RFC 8176) and cannot count as a second one.`);
    }
    if (!result[kind].includes(value)) result[kind].push(value);
  }
  return result;
}

/**
 * True when the ID token's claims show a method or level the operator counts as a second factor: any of
 * its `amr` values in the list, or its `acr` in the list. Claims of the wrong shape count for nothing.
 */
export function oidcSecondFactor(claims: { amr?: unknown; acr?: unknown } | null | undefined, accepted: OidcMfaClaims): boolean {
  if (!claims) return false;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  if (amr.some((v) => accepted.amr.includes(v))) return true;
  return typeof claims.acr === 'string' && accepted.acr.includes(claims.acr);
}
