import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// `npm run dev:web`: the UI with hot reload on http://localhost:5173, talking
// to the worker of `npm start` (port 8787, or WORKER_URL) for data.
const worker = process.env.WORKER_URL ?? 'http://localhost:8787';

export default defineConfig({
  root: 'web',
  plugins: [preact()],
  // The worker's schemas import `z` from @hono/zod-openapi; the UI takes plain zod instead (see zod-openapi.ts).
  resolve: { alias: { '@hono/zod-openapi': fileURLToPath(new URL('./zod-openapi.ts', import.meta.url)) } },
  // Every browser the UI supports preloads modules itself: no polyfill to run before the app.
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false } },
  server: {
    proxy: {
      '/api': worker,
      '/calendar.ics': worker,
      '^/events/[^/]+\\.ics': worker,
      '/healthz': worker,
    },
  },
});
