/**
 * Password hashes: PBKDF2-SHA256 from WebCrypto, stored as
 * 'pbkdf2-sha256$<iterations>$<salt>$<hash>' (base64) so that the count can
 * change without invalidating older hashes.
 *
 * `hashPassword` needs only WebCrypto, so the seed scripts run it under
 * Node; `verifyPassword` compares with `crypto.subtle.timingSafeEqual`,
 * Cloudflare's extension, so it runs in workerd only (sign-in and its tests).
 */

/**
 * Cloudflare's production runtime refuses PBKDF2 above 100,000 iterations
 * (local workerd does not), so this is both the count used and the ceiling.
 */
export const MAX_ITERATIONS = 100_000;

const SALT_BYTES = 16;
const HASH_BITS = 256;
const PREFIX = 'pbkdf2-sha256';

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be between 1 and ${MAX_ITERATIONS}, not ${iterations}`);
  }
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** A new hash of a password, with a random salt. */
export async function hashPassword(password: string, iterations = MAX_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${PREFIX}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** The iteration count a stored hash was made with, or null when it is not one of ours. */
export function iterationsOf(stored: string): number | null {
  const [prefix, count] = stored.split('$');
  return prefix === PREFIX && /^\d+$/.test(count ?? '') ? Number(count) : null;
}

/** Whether a password matches a stored hash; false for a malformed hash or one above the ceiling. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [prefix, , salt, expected] = stored.split('$');
  const iterations = iterationsOf(stored);
  if (prefix !== PREFIX || iterations === null || iterations > MAX_ITERATIONS || !salt || !expected) return false;
  const actual = await derive(password, fromBase64(salt), iterations);
  const wanted = fromBase64(expected);
  // timingSafeEqual throws on unequal lengths; the length of a hash is no secret.
  return actual.byteLength === wanted.byteLength && crypto.subtle.timingSafeEqual(actual, wanted);
}

/** Whether a stored hash should be replaced with one at today's iteration count (on a successful sign-in). */
export const needsRehash = (stored: string): boolean => iterationsOf(stored) !== MAX_ITERATIONS;
