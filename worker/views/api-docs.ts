/**
 * The API documentation page: the OpenAPI document, as a person reads it,
 * with a curl example for every operation. Rendered on the server from the
 * same document that /api/openapi.json serves, so it cannot fall behind.
 */
import { html } from 'hono/html';

/** A piece of the page; `html` escapes every value put in it that is not a piece itself. */
type Html = ReturnType<typeof html>;

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  example?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  description?: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}


/** `text` with `code` spans, the only markup the descriptions use. */
const prose = (text: string | undefined): (string | Html)[] => (text ?? '').split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part));

/** Pieces one a line. */
const lines = (pieces: Html[]): (string | Html)[] => pieces.flatMap((piece, i) => (i === 0 ? [piece] : ['\n', piece]));

/** Bodies of the common writes, as an organiser would send them. */
const EXAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/events': { status: 'published', title: { fi: 'Yhteiskehittämisen työpaja' }, type: 'tyopaja', start: '2027-03-02T09:00', end: '2027-03-02T12:00', networks: ['osallisuus'], municipalities: ['oulu'] },
  'PATCH /api/events/{id}': { title: { fi: 'Yhteiskehittämisen työpaja (uusi aika)' }, start: '2027-03-09T09:00', end: '2027-03-09T12:00' },
  'POST /api/events/{id}/cancel': { reason: 'Kouluttaja sairastui' },
  'POST /api/clock/items': { ring: 'maakunta', kind: 'annual', title: { fi: 'Hyvinvointifoorumi' }, span: { startMonth: 11, endMonth: 11 } },
  'POST /api/auth/login': { email: 'maija@pohde.fi', password: '…' },
  'POST /api/tokens': { name: 'Kotisivun integraatio', organisation: 'pohde' },
};

/** An example value of a schema: its own example, else one built from its properties. */
function exampleOf(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): unknown {
  if (!schema || depth > 4) return null;
  if (schema.$ref) return exampleOf(components[schema.$ref.split('/').pop()!], components, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return exampleOf(variants.find((v) => v.type !== 'null') ?? variants[0], components, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const required = new Set(schema.required ?? []);
    return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([key]) => required.has(key)).map(([key, value]) => [key, exampleOf(value, components, depth + 1)]));
  }
  if (type === 'array') return [exampleOf(schema.items, components, depth + 1)];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  return 'text';
}

function curl(method: string, path: string, operation: Operation, origin: string, components: Record<string, Schema>): string {
  const upper = method.toUpperCase();
  const url = `${origin}${path.replaceAll('{id}', 'tilannekuvaseminaari-2026').replaceAll('{slug}', 'pohjois-pohjanmaa').replaceAll('{token}', 'hyi_…')}`;
  const parts = [`curl${upper === 'GET' ? '' : ` -X ${upper}`} '${url}'`];
  if (operation.security?.some((s) => 'bearerAuth' in s)) parts.push(`-H "Authorization: Bearer $TOKEN"`);
  else if (operation.security?.length) parts.push(`-H "Cookie: hyk_session=…"`);
  if ((operation.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')) parts.push(`-H 'If-Match: "<ETag>"'`);
  const json = operation.requestBody?.content?.['application/json'];
  if (json) {
    const body = EXAMPLE_BODIES[`${upper} ${path}`] ?? exampleOf(json.schema, components);
    parts.push(`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`);
  }
  return parts.join(' \\\n  ');
}

/** The HTML page of the whole API. */
export function apiDocsPage(document: OpenApiDocument, origin: string): Html {
  const components = document.components?.schemas ?? {};
  const groups = new Map<string, Html[]>();
  for (const [path, operations] of Object.entries(document.paths).sort(([a], [b]) => a.localeCompare(b))) {
    const group = path.startsWith('/api/') ? `/api/${path.split('/')[2]}` : 'feeds';
    for (const [method, operation] of Object.entries(operations)) {
      const anchor = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '');
      const parameters = (operation.parameters ?? []).filter((p) => p.in !== 'header' || p.name.toLowerCase() !== 'if-match');
      const rows = parameters.map((p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : ''}</td><td>${prose(p.description ?? p.schema?.description)}</td></tr>`);
      const responses = Object.entries(operation.responses ?? {}).map(([status, response]) => html`<li><strong>${status}</strong> ${prose(response.description)}</li>`);
      const section = html`<section class="operation" id="${anchor}" aria-labelledby="${anchor}-title">
<h3 id="${anchor}-title"><span class="method method-${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p>${prose(operation.summary)}</p>${operation.description ? html`<p>${prose(operation.description)}</p>` : ''}
${rows.length > 0 ? html`<div class="table-scroll" role="group" aria-label="Parameters of ${method.toUpperCase()} ${path}" tabindex="0"><table><caption>Parameters</caption><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th><th scope="col">meaning</th></tr></thead><tbody>${rows}</tbody></table></div>` : ''}
<h4>Example</h4><pre tabindex="0"><code>${curl(method, path, operation, origin, components)}</code></pre>
${responses.length > 0 ? html`<h4>Answers</h4><ul>${responses}</ul>` : ''}
</section>`;
      groups.set(group, [...(groups.get(group) ?? []), section]);
    }
  }
  const groupId = (group: string) => `group-${group.replace(/[^a-z0-9]+/gi, '-')}`;
  const toc = [...groups.keys()].map((group) => html`<li><a href="#${groupId(group)}">${group}</a></li>`);
  const body = [...groups.entries()].map(([group, operations]) => html`<h2 id="${groupId(group)}">${group}</h2>${lines(operations)}`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${document.info.title}</title>
<link rel="stylesheet" href="/plain.css">
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<main id="content">
<h1>${document.info.title}</h1>
<p>${prose(document.info.description)}</p>
<p>Writes need an API token (<code>Authorization: Bearer …</code>, made on the tokens page) or a signed-in browser session. Edits send the <code>ETag</code> they read as <code>If-Match</code>; a change made meanwhile answers 412. Every error is <code>application/problem+json</code> naming the field and the rule. The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<nav aria-label="Parts of the API"><ul>${toc}</ul></nav>
${lines(body)}
</main>
</body>
</html>`;
}
