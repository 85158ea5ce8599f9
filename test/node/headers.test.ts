/** The UI's static files and the worker's answers carry the same security policy. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../worker/middleware/headers';

const rules = readFileSync(new URL('../../web/public/_headers', import.meta.url), 'utf8');

describe('security headers of static files (web/public/_headers)', () => {
  it('use the worker\'s Content-Security-Policy: no inline scripts, frames only for the embeds', () => {
    const policies = [...rules.matchAll(/^\s+Content-Security-Policy: (.*)$/gm)].map((match) => match[1]);
    expect(policies).toEqual([`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`, `${CONTENT_SECURITY_POLICY}; frame-ancestors *`]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('send HSTS and forbid framing everywhere but /embed', () => {
    expect(rules).toMatch(/^\/\*\n(?:\s+.*\n)*?\s+Strict-Transport-Security: max-age=31536000; includeSubDomains$/m);
    expect(rules).toMatch(/^\/\*\n(?:\s+.*\n)*?\s+X-Frame-Options: DENY$/m);
    expect(rules).toMatch(/^\/embed\*\n\s+! Content-Security-Policy\n\s+! X-Frame-Options$/m);
  });
});
