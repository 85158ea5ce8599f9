/**
 * Hytekello worker: the JSON API, feeds and health check; everything else
 * is the Preact UI from static assets.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { authenticate, SESSION_COOKIE, sameOriginWrites } from './middleware/auth';
import { d1Session } from './middleware/d1-session';
import { databaseAnswers } from './db/health';
import { compressAnswers } from './middleware/compression';
import { publicReadCors, securityHeaders } from './middleware/headers';
import type { AppEnv } from './env';
import { type OpenApiDocument, apiDocsPage } from './views/api-docs';
import { onError, problemResponse, publicOrigin, validationHook } from './middleware/http';
import { admin } from './routes/admin';
import { auth } from './routes/auth';
import { clock } from './routes/clock';
import { clockImport } from './routes/clock-import';
import { clocks } from './routes/clocks';
import { councilTerm } from './routes/council-term';
import { events } from './routes/events';
import { feeds } from './routes/feeds';
import { imports } from './routes/imports';
import { syncScheduled } from './services/imports';
import { keepIndexAhead } from './services/occurrence-index';
import { me } from './routes/me';
import { pages } from './routes/pages';
import { taxonomy } from './routes/taxonomy';
import { tokens } from './routes/tokens';

const MAX_BODY_BYTES = 256 * 1024;

const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

app.use('*', securityHeaders());
app.use('*', compressAnswers());
for (const path of ['/api/events', '/api/events/*', '/api/taxonomy', '/api/clock', '/api/council-term', '/calendar.ics', '/clock.ics']) app.use(path, publicReadCors());
// Every request in one D1 session: replicas for reads, read-your-writes by bookmark.
app.use('*', d1Session());

app.use(
  '/api/*',
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => problemResponse(413, `the body may be at most ${MAX_BODY_BYTES / 1024} KiB`, 'too-large'),
  }),
  sameOriginWrites(),
  authenticate(),
);

app.route('/api/auth', auth);
app.route('/api/me', me);
app.route('/api/tokens', tokens);
app.route('/api/admin', admin);
app.route('/api/events', events);
app.route('/api/taxonomy', taxonomy);
app.route('/api/imports', imports);
app.route('/api/clock', clock);
app.route('/api/clock', clockImport);
app.route('/api/clocks', clocks);
app.route('/api/council-term', councilTerm);
// Subscription files live at the root by contract: /calendar.ics, /clock.ics, /events/{id}.ics, /feed.rss|atom|json.
app.route('/', feeds);

app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  description: 'An API token of an organisation, made on the tokens page or with `npm run token`',
});
app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
  type: 'apiKey',
  in: 'cookie',
  name: SESSION_COOKIE,
  description: 'The session of a signed-in browser (POST /api/auth/login); writes must come from this site',
});
const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Hytekello API',
    version: '1.0.0',
    description: 'Events and reference data of the North Ostrobothnia wellbeing network. Errors are application/problem+json (RFC 9457).',
  },
};
app.doc31('/api/openapi.json', OPENAPI);

// The same document as a page to read, with curl examples.
app.get('/api/docs', (c) => {
  c.header('Cache-Control', 'public, max-age=300');
  return c.html(apiDocsPage(app.getOpenAPI31Document(OPENAPI) as unknown as OpenApiDocument, publicOrigin(c)));
});

app.get('/healthz', async (c) => {
  const ok = await databaseAnswers(c.env.DB);
  return c.json({ status: ok ? 'ok' : 'database unavailable' }, ok ? 200 : 503);
});

app.route('/', pages);

app.notFound((c) => problemResponse(404, `nothing at ${new URL(c.req.url).pathname}`, 'not-found'));
app.onError(onError);

export { app };

/** Cron Trigger (wrangler.toml): syncs the calendar URLs that organisers saved, and keeps stored occurrences ahead of time. */
async function scheduled(_controller: ScheduledController, env: AppEnv['Bindings'], ctx: ExecutionContext): Promise<void> {
  ctx.waitUntil(Promise.all([syncScheduled(env.DB), keepIndexAhead(env.DB, Date.now())]));
}

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<AppEnv['Bindings']>;
