import { describe, expect, it } from 'vitest';
import { bearerFor, createEvent, jsonRequest, request, workshop } from './helpers';

function jsonLd(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  expect(match, 'JSON-LD in the page').not.toBeNull();
  return JSON.parse(match![1]!);
}

describe('event pages', () => {
  it('carry schema.org Event data, the title and the language in the HTML', async () => {
    const { event } = await createEvent(
      await bearerFor('pohde'),
      workshop({ title: { fi: 'Työpaja </script><b>', sv: 'Workshop' }, onlineUrl: 'https://teams.example/x', start: '2026-10-06T09:00', end: '2026-10-06T12:00' }),
    );
    const response = await request(`/events/${event.id}?lang=sv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<title>Workshop – Hytekello</title>');
    expect(html).toContain('<div id="app">');
    const data = jsonLd(html);
    expect(data).toMatchObject({
      '@type': 'Event',
      name: 'Workshop',
      startDate: '2026-10-06T09:00:00+03:00',
      endDate: '2026-10-06T12:00:00+03:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      organizer: [{ '@type': 'Organization', name: 'Välfärdsområdet Norra Österbotten' }],
    });
    expect((data.location as { '@type': string }[]).map((l) => l['@type'])).toEqual(['Place', 'VirtualLocation']);
    // Text cannot close the script element.
    const finnish = await (await request(`/events/${event.id}`)).text();
    expect(finnish).not.toContain('</script><b>');
    expect(jsonLd(finnish).name).toBe('Työpaja </script><b>');
  });

  it('mark a cancelled event as cancelled', async () => {
    const pohde = await bearerFor('pohde');
    const { event } = await createEvent(pohde, workshop());
    await jsonRequest('POST', `/api/events/${event.id}/cancel`, {}, { Authorization: pohde });
    expect(jsonLd(await (await request(`/events/${event.id}`)).text()).eventStatus).toBe('https://schema.org/EventCancelled');
  });

  it('are 404 (with the UI, which says so) for drafts and unknown events', async () => {
    const { event } = await createEvent(await bearerFor('pohde'), workshop({ status: 'draft' }));
    const draft = await request(`/events/${event.id}`);
    expect(draft.status).toBe(404);
    expect(await draft.text()).not.toContain('ld+json');
    expect((await request('/events/no-such-event')).status).toBe(404);
  });
});

describe('the privacy statement', () => {
  it('says in three languages what is stored and why, and links the other languages', async () => {
    for (const [query, lang, words] of [['', 'fi', ['Tietosuoja', 'hyk_session', 'PBKDF2', '15 minuutin']], ['?lang=sv', 'sv', ['Dataskydd', 'hyk_session']], ['?lang=en', 'en', ['Privacy', 'no analytics']]] as const) {
      const response = await request(`/privacy${query}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`<html lang="${lang}">`);
      for (const word of words) expect(html).toContain(word);
      expect(html).not.toMatch(/<script/);
    }
  });
});
