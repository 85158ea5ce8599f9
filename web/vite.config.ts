import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { type Plugin, type ProxyOptions, defineConfig } from 'vite';

// `npm run dev:web`: the UI with hot reload on http://localhost:5173, talking
// to the worker of `npm start` (port 8787, or WORKER_URL) for data.
const worker = process.env.WORKER_URL ?? 'http://localhost:8787';

/**
 * The worker offers the development sign-in and loopback feeds only to
 * requests made on this machine (worker/middleware/client.ts). The proxy keeps the
 * browser's Host, and says whom it forwards for with the one thing a
 * client cannot choose, the address its connection comes from; any such
 * headers the client sent are replaced. So with `--host` a phone on the
 * network can use the UI, but is not "this machine".
 */
const toWorker: ProxyOptions = {
  target: worker,
  changeOrigin: false,
  configure(proxy) {
    proxy.on('proxyReq', (proxyReq, req) => {
      const peer = req.socket.remoteAddress ?? 'unknown';
      proxyReq.removeHeader('Forwarded');
      proxyReq.removeHeader('X-Real-IP');
      proxyReq.setHeader('X-Forwarded-For', peer);
      proxyReq.setHeader('CF-Connecting-IP', peer);
    });
  },
};

const TEMPORAL = fileURLToPath(new URL('./temporal.ts', import.meta.url));

/** The browser's own Temporal where it has one: `temporal-polyfill` is web/temporal.ts, which loads the polyfill only where it has none. */
const browserTemporal: Plugin = {
  name: 'browser-temporal',
  enforce: 'pre',
  resolveId(source, importer) {
    return source === 'temporal-polyfill' && importer !== TEMPORAL ? TEMPORAL : null;
  },
};

const SHARED = fileURLToPath(new URL('../worker/shared/', import.meta.url));
const SHARED_ZOD = fileURLToPath(new URL('./shared-zod.ts', import.meta.url));

/** The shared schemas on zod/mini: worker/shared/zod.ts is web/shared-zod.ts in the browser. */
const browserZod: Plugin = {
  name: 'browser-zod',
  enforce: 'pre',
  resolveId(source, importer) {
    return source === './zod' && importer?.startsWith(SHARED) ? SHARED_ZOD : null;
  },
};

export default defineConfig({
  root: 'web',
  plugins: [browserTemporal, browserZod, preact()],
  // Every browser the UI supports preloads modules itself: no polyfill to run before the app.
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false } },
  server: {
    // Every path the worker answers itself (wrangler.toml's run_worker_first), and nothing of the UI's own:
    // a plain '/api' prefix would also take the UI's module /api.ts. Keys are matched against path and query.
    proxy: {
      '^/api/': toWorker,
      '^/(healthz|calendar\\.ics|clock\\.ics|privacy)(\\?|$)': toWorker,
      '^/feed\\.(rss|atom|json)(\\?|$)': toWorker,
      '^/events/[^/?]+\\.ics(\\?|$)': toWorker,
    },
  },
});
