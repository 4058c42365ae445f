// Deterministic, uuid-shaped ids for the resources of an export, derived from the record's own ids.

/**
 * A UUID (version 8, the RFC 9562 layout for application-defined ids) made from a name by a pure
 * 128-bit hash: the same record always exports the same ids, so two exports of one record can be
 * compared, and lib/ needs no node:crypto for it. Not a secret and not collision-proof against an
 * adversary; the names hashed are the record's own ids, which are already unique.
 */
export function uuidFrom(name: string): string {
  // cyrb128: four interleaved 32-bit multiply-xor lanes, enough spread for ids that must not collide by accident.
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < name.length; i++) {
    const k = name.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The bundle-local address of a resource: entries refer to each other by these. */
export function urnOf(id: string): string {
  return `urn:uuid:${id}`;
}
