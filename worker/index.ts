/**
 * Hytekello worker: the JSON API, feeds and health check; everything else
 * is the Preact UI from static assets.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { databaseAnswers } from './db/health';
import type { AppEnv } from './env';
import { onError, problemResponse, validationHook } from './http';
import { clock } from './routes/clock';
import { events } from './routes/events';
import { feeds } from './routes/feeds';
import { pages } from './routes/pages';
import { taxonomy } from './routes/taxonomy';

const MAX_BODY_BYTES = 256 * 1024;

const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

app.use(
  '/api/*',
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => problemResponse(413, `the body may be at most ${MAX_BODY_BYTES / 1024} KiB`, 'too-large'),
  }),
);

app.route('/api/events', events);
app.route('/api/taxonomy', taxonomy);
app.route('/', feeds);
app.route('/', clock);

app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  description: 'An API token of an organisation, created with `npm run token`',
});
app.doc31('/api/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Hytekello API',
    version: '1.0.0',
    description: 'Events and reference data of the North Ostrobothnia wellbeing network. Errors are application/problem+json (RFC 9457).',
  },
});

app.get('/healthz', async (c) => {
  const ok = await databaseAnswers(c.env.DB);
  return c.json({ status: ok ? 'ok' : 'database unavailable' }, ok ? 200 : 503);
});

app.route('/', pages);

app.notFound((c) => problemResponse(404, `nothing at ${new URL(c.req.url).pathname}`, 'not-found'));
app.onError(onError);

export default app;
