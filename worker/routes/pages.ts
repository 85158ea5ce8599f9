/**
 * Event pages (/events/{id}): the UI's index.html with the event's title
 * and schema.org JSON-LD in <head>, so that the data is there without
 * running the UI's JavaScript.
 */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { findEvent, withoutRevision } from '../db/events';
import { readTaxonomy } from '../db/taxonomy';
import { termNames } from '../domain/feeds';
import { pageLanguageOf } from '../shared/languages';
import { localized } from '../domain/ical';
import { eventJsonLd, scriptJson } from '../domain/jsonld';
import type { AppEnv } from '../env';
import { publicOrigin } from '../middleware/http';
import { privacyPage } from '../views/privacy';

export const pages = new Hono<AppEnv>();

pages.get('/events/:id{[a-z0-9][a-z0-9-]*}', async (c) => {
  const index = await c.env.ASSETS.fetch(new URL('/', c.req.url));
  const event = await findEvent(c.env.DB, c.req.param('id'));
  if (!event || event.status === 'draft' || event.visibility === 'members') return new Response(index.body, { status: 404, headers: index.headers });
  const language = pageLanguageOf(c.req.query('lang'));
  const data = eventJsonLd(withoutRevision(event), termNames(await readTaxonomy(c.env.DB)), publicOrigin(c), language);
  const title = `${localized(event.title, language)} – Hytekello`;
  // scriptJson has made the JSON safe inside <script> already.
  const head = await html`<meta property="og:title" content="${localized(event.title, language)}"><link rel="alternate" type="text/calendar" href="/events/${event.id}.ics"><script type="application/ld+json">${raw(scriptJson(data))}</script>`;
  const page = new HTMLRewriter()
    .on('html', { element: (element) => void element.setAttribute('lang', language) })
    .on('title', { element: (element) => void element.setInnerContent(title) })
    .on('head', {
      element: (element) => void element.append(head.toString(), { html: true }),
    })
    .transform(index);
  return new Response(page.body, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60' } });
});

pages.get('/privacy', (c) => {
  c.header('Cache-Control', 'public, max-age=3600');
  return c.html(privacyPage(pageLanguageOf(c.req.query('lang'))));
});

// Anything else under /events/ is the UI's (it shows its own "not found").
pages.get('/events/*', (c) => c.env.ASSETS.fetch(new URL('/', c.req.url)));
