/**
 * The real service on this machine for tests and benchmarks: `wrangler
 * dev` on a free port with a database of its own (migrated, then filled by
 * `fill`, by default with the demo data), never touching the developer's
 * local database.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalService {
  baseUrl: string;
  stop: () => void;
  /** The process group of `wrangler dev` and its workerd, for reading their memory. */
  processGroup: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
}

/** Fills the database with the demo data, as `npm start` does. */
export async function demoData(persistDir: string): Promise<void> {
  run('tsx', ['scripts/seed.ts'], { PERSIST_TO: persistDir });
}

export async function startLocalService(fill: (persistDir: string) => Promise<void> = demoData): Promise<LocalService> {
  const persist = mkdtempSync(join(tmpdir(), 'hytekello-'));
  run('wrangler', ['d1', 'migrations', 'apply', 'hytekello', '--local', '--persist-to', persist]);
  await fill(persist);
  const port = await freePort();
  const server = spawn('wrangler', ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persist, '--log-level', 'warn', '--var', 'DEV_SIGN_IN:enabled'], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(persist, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return { baseUrl, stop, processGroup: server.pid! };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('wrangler dev did not start within 90 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
