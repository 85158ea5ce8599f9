/**
 * API tokens: random secrets shown once; only their SHA-256 is stored, so a
 * leaked database does not leak working tokens.
 */

const TOKEN_PREFIX = 'hyk_' as const;

/**
 * A new secret: a prefix that tells what it is ('hyk_' API token, 'hys_'
 * session, 'hyi_' invitation, 'hyf_' personal feed) and 32 random bytes in base64url.
 */
export function generateToken(prefix: 'hyk_' | 'hys_' | 'hyi_' | 'hyf_' = TOKEN_PREFIX): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return prefix + base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Hex SHA-256 of a text. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Hex SHA-256 of a token, the form in which it is stored and looked up. */
export const hashToken = sha256Hex;

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
