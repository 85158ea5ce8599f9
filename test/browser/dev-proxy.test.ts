/**
 * `npm run dev:web` through Vite's real proxy to the real worker: the
 * development sign-in and loopback feeds are for requests made on this
 * machine, and a client elsewhere on the network (`vite --host`) cannot
 * pass for one by naming a loopback Host or forwarding headers of its own.
 *
 * The tests run on one machine, so a remote client is played by giving
 * its connection a documentation address (192.0.2.44) as the socket's
 * remote address, before Vite's proxy reads it; everything else is real.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Plugin, type ViteDevServer, createServer } from 'vite';
import { launch } from './browser';

const REMOTE = '192.0.2.44';
let vite: ViteDevServer;
let port = 0;

/** Plays a client on another machine: its connection comes from REMOTE. */
const remotePeer: Plugin = {
  name: 'remote-peer',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.headers['x-test-peer'] === 'remote') Object.defineProperty(req.socket, 'remoteAddress', { value: REMOTE, configurable: true });
      delete req.headers['x-test-peer'];
      next();
    });
  },
};

beforeAll(async () => {
  process.env.WORKER_URL = inject('baseUrl');
  vite = await createServer({ configFile: 'web/vite.config.ts', plugins: [remotePeer], server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false }, logLevel: 'silent' });
  await vite.listen();
  port = (vite.httpServer!.address() as AddressInfo).port;
});

afterAll(async () => {
  await vite?.close();
});

interface Answer {
  status: number;
  body: string;
  cookie: string | null;
}

/** One request through the Vite proxy on its own connection (so that a played address stays with it). */
function viaProxy(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; remote?: boolean } = {}): Promise<Answer> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: { Connection: 'close', ...(body ? { 'Content-Type': 'application/json' } : {}), ...(options.remote ? { 'X-Test-Peer': 'remote' } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] ?? null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const FORGED = { Host: 'localhost:5173', 'X-Forwarded-For': '127.0.0.1', 'CF-Connecting-IP': '127.0.0.1', Forwarded: 'for=127.0.0.1', 'X-Real-IP': '127.0.0.1' };
const organiser = { email: 'olli.jarjestaja@pohde.example' };

describe('the development proxy (npm run dev:web)', () => {
  it('passes the development sign-in to a browser on this machine', async () => {
    const answer = await viaProxy('POST', '/api/auth/dev-sign-in', { body: organiser, headers: { Host: `localhost:${port}` } });
    expect(answer.status, answer.body).toBe(200);
    expect(answer.cookie).toMatch(/^hyk_session=hys_/);
  });

  it('gives a client on another machine no development sign-in, even with a loopback Host and forged forwarding headers', async () => {
    for (const headers of [{}, { Host: `localhost:${port}` }, FORGED] as Record<string, string>[]) {
      const answer = await viaProxy('POST', '/api/auth/dev-sign-in', { body: organiser, headers, remote: true });
      expect(answer.status, `${JSON.stringify(headers)}: ${answer.body}`).toBe(404);
      expect(answer.cookie).toBeNull();
    }
  });

  it('lets only this machine import a feed served on loopback', async () => {
    const feed = `${inject('baseUrl')}/calendar.ics`;
    const mapping = { organisation: 'pohde', type: 'tyopaja', networks: ['osallisuus'], url: feed };
    const signIn = await viaProxy('POST', '/api/auth/login', { body: { email: organiser.email, password: 'hytekello-demo-salasana' }, remote: true, headers: FORGED });
    expect(signIn.status, signIn.body).toBe(200);
    const cookie = signIn.cookie!;
    const remote = await viaProxy('POST', '/api/imports/preview', { body: mapping, remote: true, headers: { ...FORGED, Cookie: cookie } });
    expect(remote.status, remote.body).toBe(422);
    expect(JSON.parse(remote.body).errors[0]).toMatchObject({ field: 'url', rule: 'fetchable' });
    const local = await viaProxy('POST', '/api/imports/preview', { body: mapping, headers: { Host: `localhost:${port}`, Cookie: cookie } });
    // Read and previewed: at once (200), or as a job for a feed of more events than one request reads (202).
    expect([200, 202], local.body).toContain(local.status);
    expect(JSON.parse(local.body).summary.new).toBeGreaterThan(0);
  });
});

describe('the development server (npm run dev:web)', () => {
  it('serves the UI’s own modules itself, /api.ts included, and passes every path the worker answers to it', async () => {
    const module = await viaProxy('GET', '/api.ts');
    expect(module.status).toBe(200);
    expect(module.body).toContain('export');
    expect(module.body).not.toContain('<!doctype html>');
    for (const [path, type] of [
      ['/healthz', 'application/json'],
      ['/api/taxonomy', 'application/json'],
      ['/api/docs', 'text/html'],
      ['/calendar.ics?network=osallisuus', 'text/calendar'],
      ['/clock.ics', 'text/calendar'],
      ['/events/tilannekuvaseminaari-2025.ics', 'text/calendar'],
      ['/feed.rss', 'application/rss+xml'],
      ['/feed.atom', 'application/atom+xml'],
      ['/feed.json?lang=sv', 'application/feed+json'],
      ['/privacy', 'text/html'],
    ]) {
      const answer = await new Promise<{ status: number; type: string }>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path, agent: false, headers: { Connection: 'close' } }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? '') });
        })
          .on('error', reject)
          .end();
      });
      expect(answer, path).toMatchObject({ status: 200 });
      expect(answer.type, path).toContain(type);
    }
  });

  it('shows the calendar and the clock in a browser, built from the sources on the fly', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator('.event-title').first().waitFor({ timeout: 20_000 });
      expect(await page.locator('h1').textContent()).toBe('Tulevat tapahtumat');
      await page.goto(`http://127.0.0.1:${port}/clock`);
      await page.locator('svg.wheel').waitFor({ timeout: 20_000 });
    } finally {
      await browser.close();
    }
  }, 60_000);
});

