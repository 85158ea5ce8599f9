/**
 * Sign-in behind Cloudflare Access: the `Cf-Access-Jwt-Assertion` header is
 * a JWT that Access signs with the team's rotating RS256 keys. It is
 * trusted only after checking signature (key matched by `kid` from the
 * team's JWKS), issuer (the team domain), audience (the application's AUD
 * tag) and expiry, which must be there. jose fetches and caches the keys, refetching when a
 * token names a key it has not seen.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';

type KeySet = ReturnType<typeof createRemoteJWKSet>;

// One key set per team for the isolate's life, so keys are fetched once, not per request.
const keySets = new Map<string, KeySet>();

function keySetOf(teamDomain: string): KeySet {
  let keys = keySets.get(teamDomain);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${teamDomain}/cdn-cgi/access/certs`), { cacheMaxAge: 60 * 60 * 1000, cooldownDuration: 30_000 });
    keySets.set(teamDomain, keys);
  }
  return keys;
}

/** 'https://<team>.cloudflareaccess.com', whether configured with or without the scheme. */
export function teamOrigin(teamDomain: string): string {
  return (teamDomain.startsWith('https://') ? teamDomain : `https://${teamDomain}`).replace(/\/+$/, '');
}

/** The verified email of an Access JWT, or null when the token is not valid for this application. */
export async function verifyAccessJwt(token: string, config: { teamDomain: string; audience: string }): Promise<string | null> {
  const issuer = teamOrigin(config.teamDomain);
  try {
    // jose checks `exp` only when it is there; a token without one would never expire.
    const { payload } = await jwtVerify(token, keySetOf(issuer), { issuer, audience: config.audience, algorithms: ['RS256'], requiredClaims: ['exp'] });
    return typeof payload.email === 'string' && payload.email !== '' ? payload.email.toLowerCase() : null;
  } catch {
    return null;
  }
}
