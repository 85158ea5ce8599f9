import { describe, expect, it } from 'vitest';
import type { Problem } from '../worker/shared/problems';
import { bearerFor, createEvent, jsonRequest, request, rowCounts, workshop } from './helpers';

/** Posts a body, expects a problem naming the fields, and that nothing was written. */
async function expectRefused(body: unknown, status: number, fields: string[], headers: Record<string, string> = {}) {
  const authorization = await bearerFor('pohde');
  const before = await rowCounts();
  const response = await jsonRequest('POST', '/api/events', body, { Authorization: authorization, ...headers });
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toContain('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.stringContaining('/problems/') });
  for (const field of fields) {
    const issue = problem.errors?.find((e) => e.field === field);
    expect(issue, `${field} in ${JSON.stringify(problem.errors)}`).toBeDefined();
    expect(issue!.message).toContain(`\`${field}\``);
    expect(issue!.rule).toBeTruthy();
  }
  expect(await rowCounts()).toEqual(before);
  return problem;
}

describe('bad input to POST /api/events gets a problem naming the field, and writes nothing', () => {
  it('malformed JSON is a 400', async () => {
    const problem = await expectRefused('{"title": {"fi": "x"', 400, []);
    expect(problem.detail).toMatch(/JSON/);
  });

  it('a body that is not JSON at all is refused', async () => {
    const authorization = await bearerFor('pohde');
    const before = await rowCounts();
    const response = await request('/api/events', { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    expect(await rowCounts()).toEqual(before);
  });

  it('links with a line break or a control character are refused, not stored (the URL parser would drop them silently)', async () => {
    const problem = await expectRefused(
      workshop({ onlineUrl: 'https://teams.example/meet\r\nX-Injected: 1', registration: { url: 'https://pohde.fi/ilmo\nBCC: x', deadline: null }, materials: [{ kind: 'link', title: 'Diat', url: 'https://pohde.fi/\td.pdf' }] }),
      422,
      ['onlineUrl', 'registration.url', 'materials[0].url'],
    );
    expect(problem.errors!.every((e) => e.rule === 'url-characters')).toBe(true);
  });

  it('missing and mistyped fields are each named', async () => {
    await expectRefused({ title: { fi: 42 }, type: 7, start: true, allDay: 'yes' }, 422, ['title.fi', 'type', 'start', 'end', 'allDay']);
  });

  it('unknown fields are refused rather than silently dropped', async () => {
    const problem = await expectRefused({ ...workshop(), colour: 'red' }, 422, []);
    expect(JSON.stringify(problem.errors)).toContain('colour');
  });

  it('an empty Finnish title is refused', async () => {
    await expectRefused(workshop({ title: { fi: '   ' } }), 422, ['title.fi']);
  });

  it('oversized fields are refused', async () => {
    await expectRefused(workshop({ title: { fi: 'x'.repeat(201) }, description: { fi: 'y'.repeat(20001) } }), 422, ['title.fi', 'description.fi']);
  });

  it('end before start is refused with the rule', async () => {
    const problem = await expectRefused(workshop({ start: '2026-10-06T12:00', end: '2026-10-06T09:00' }), 422, ['end']);
    expect(problem.errors![0]).toMatchObject({ rule: 'after-start', message: '`end` must be after `start`' });
  });

  it('impossible dates and times are refused', async () => {
    await expectRefused(workshop({ start: '2026-02-30T09:00', end: '2026-02-30T10:00' }), 422, ['start', 'end']);
    await expectRefused(workshop({ start: '1999-12-31T09:00', end: '1999-12-31T10:00' }), 422, ['start']);
    await expectRefused(workshop({ allDay: true, start: '2026-10-06T09:00', end: '2026-10-06' }), 422, ['start']);
  });

  it('an unknown time zone is refused', async () => {
    await expectRefused(workshop({ timeZone: 'Europe/Turku' }), 422, ['timeZone']);
  });

  it('references to things that do not exist are each named', async () => {
    await expectRefused(
      workshop({ type: 'juhla', networks: ['osallisuus', 'ei-ole'], municipalities: ['tampere'], audiences: ['marsilaiset'], location: { municipality: 'espoo' }, clockItem: 999 }),
      422,
      ['type', 'networks[1]', 'municipalities[0]', 'audiences[0]', 'location.municipality', 'clockItem'],
    );
  });

  it('an unknown organisation is refused', async () => {
    await expectRefused(workshop({ organisations: ['pohde', 'acme'] }), 422, ['organisations[1]']);
  });

  it('impossible and unsupported recurrence rules are refused', async () => {
    await expectRefused(workshop({ recurrence: { rrule: 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31' } }), 422, ['recurrence.rrule']);
    await expectRefused(workshop({ recurrence: { rrule: 'FREQ=SECONDLY' } }), 422, ['recurrence.rrule']);
    await expectRefused(workshop({ recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE' } }), 422, ['start']);
  });

  it('an exception that is not an occurrence is refused', async () => {
    await expectRefused(
      workshop({ recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', exceptions: [{ occurrence: '2026-10-07T09:00', kind: 'removed' }] } }),
      422,
      ['recurrence.exceptions[0].occurrence'],
    );
  });

  it('links must be http(s) and emails must be emails', async () => {
    await expectRefused(
      workshop({ onlineUrl: 'javascript:alert(1)', registration: { url: 'ftp://example.org' }, contact: { email: 'not-an-email' }, materials: [{ kind: 'slides', title: 'Diat', url: 'data:text/html,x' }] }),
      422,
      ['onlineUrl', 'registration.url', 'contact.email', 'materials[0].url'],
    );
  });

  it('a registration deadline after the start is refused', async () => {
    await expectRefused(workshop({ registration: { deadline: '2026-10-07' } }), 422, ['registration.deadline']);
  });

  it('the same network twice is refused', async () => {
    await expectRefused(workshop({ networks: ['osallisuus', 'osallisuus'] }), 422, ['networks']);
  });

  it('a body over 256 KiB is a 413', async () => {
    await expectRefused({ ...workshop(), description: { fi: 'x'.repeat(300 * 1024) } }, 413, []);
  });
});

describe('bad input to PATCH', () => {
  it('an edit that breaks a rule names the field and changes nothing', async () => {
    const pohde = await bearerFor('pohde');
    const { event, etag } = await createEvent(pohde, workshop());
    const before = await rowCounts();
    const response = await jsonRequest('PATCH', `/api/events/${event.id}`, { end: '2026-10-06T08:00' }, { Authorization: pohde, 'If-Match': etag });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.map((e) => e.field)).toEqual(['end']);
    expect(await rowCounts()).toEqual(before);
  });

  it('a mistyped patch is refused before anything is read', async () => {
    const pohde = await bearerFor('pohde');
    const { event, etag } = await createEvent(pohde, workshop());
    const response = await jsonRequest('PATCH', `/api/events/${event.id}`, { networks: 'osallisuus' }, { Authorization: pohde, 'If-Match': etag });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.[0]?.field).toBe('networks');
  });

  it('an unknown event is a 404 problem', async () => {
    const response = await jsonRequest('PATCH', '/api/events/no-such-event', { title: { fi: 'X' } }, { Authorization: await bearerFor('pohde'), 'If-Match': '"x"' });
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
  });
});

describe('bad query parameters', () => {
  it.each([
    ['from=yesterday', 'from'],
    ['from=2026-01-01&to=2025-01-01', 'to'],
    ['from=2026-01-01&to=2030-01-01', 'to'],
    ['network=Not%20A%20Slug', 'network'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=garbage', 'cursor'],
    ['colour=red', ''],
  ])('%s is a 400 naming the parameter', async (query, field) => {
    const response = await request(`/api/events?${query}`);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it('a malformed event id is a 400, an unknown one a 404', async () => {
    expect((await request('/api/events/NOT%20AN%20ID')).status).toBe(400);
    expect((await request('/api/events/no-such-event')).status).toBe(404);
  });

  it("an event's .ics in an unknown language is a 400 naming `lang`, as the feed's is; a known one is served", async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ status: 'published' }));
    const response = await request(`/events/${event.id}.ics?lang=de`);
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    expect(((await response.json()) as Problem).errors?.map((e) => e.field)).toEqual(['lang']);
    expect((await request(`/events/${event.id}.ics?lang=sv`)).status).toBe(200);
  });
});
