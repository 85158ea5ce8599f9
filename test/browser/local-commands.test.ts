/** Local commands the docs give (docs/development.md) for a running `npm start`, tried against the running service. */
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('the local commands of the docs', () => {
  it('the Cron Trigger command runs the worker’s scheduled handler and answers ok', async () => {
    const response = await fetch(`${baseUrl}/cdn-cgi/handler/scheduled?cron=*/30+*+*+*+*`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });
});
