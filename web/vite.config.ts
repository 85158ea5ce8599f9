import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// `npm run dev:web`: the UI with hot reload on http://localhost:5173, talking
// to the worker of `npm start` (port 8787, or WORKER_URL) for data.
const worker = process.env.WORKER_URL ?? 'http://localhost:8787';

export default defineConfig({
  root: 'web',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': worker,
      '/calendar.ics': worker,
      '^/events/[^/]+\\.ics': worker,
      '/healthz': worker,
    },
  },
});
