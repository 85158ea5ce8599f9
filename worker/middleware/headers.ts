/**
 * Security headers of the worker's answers, and CORS for public reads.
 * The UI's static files get the same headers from web/public/_headers
 * (the worker does not see those requests); a test keeps the two equal.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';

/** Scripts, styles and data only from this site; nothing inline that could run. Images may be blobs: the wheel's PNG export draws one. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/** Pages that others may show in a frame: the embeddable calendar and clock. */
export const EMBEDDABLE = /^\/embed(\/|$)/;

export function securityHeaders(): MiddlewareHandler {
  const framed = secureHeaders({
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: false,
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginResourcePolicy: 'cross-origin',
    crossOriginOpenerPolicy: false,
  });
  const unframed = secureHeaders({
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    // Feeds and public JSON are read by other sites and apps.
    crossOriginResourcePolicy: 'cross-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
  return async function setSecurityHeaders(c, next) {
    const embeddable = EMBEDDABLE.test(c.req.path);
    await (embeddable ? framed : unframed)(c, async () => {
      await next();
      // Answers passed through from static assets have immutable headers: copy only those.
      try {
        c.res.headers.set('X-Content-Type-Options', 'nosniff');
      } catch {
        c.res = new Response(c.res.body, c.res);
      }
    });
    c.header('Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; frame-ancestors ${embeddable ? '*' : "'none'"}`);
  };
}

/**
 * Public reads (events, taxonomy, clocks, feeds) may be fetched by any
 * site's scripts, without credentials: `*` never carries cookies, so
 * nothing signed-in leaks. Everything else gets no CORS headers at all.
 */
export const publicReadCors = (): MiddlewareHandler => cors({ origin: '*', allowMethods: ['GET', 'HEAD'], exposeHeaders: ['ETag', 'Link'], maxAge: 86400 });
