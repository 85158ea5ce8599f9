/**
 * The folders are the picture of a request's way, and imports go only with
 * the grain: a layer may import its own and lower layers, never a higher
 * one, and no files import values from each other in a circle. Type-only
 * imports count for the grain (a type from a higher layer ties the lower one
 * to it as much as a value), not for circles: a schema and the rules it is
 * built with may name each other's types, while a circle of values can leave
 * a module half-initialised when it is loaded.
 *
 *   index → routes → middleware → services → db / platform / views / env → domain → shared
 *   web → web, worker/shared
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/** The rank of each worker layer: higher may import lower or equal. */
const WORKER_RANKS: Record<string, number> = {
  'index.ts': 7,
  routes: 6,
  middleware: 5,
  services: 4,
  db: 3,
  platform: 3,
  views: 3,
  'env.ts': 3,
  domain: 2,
  shared: 1,
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'public' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

const files = [...sourceFiles(join(ROOT, 'worker')), ...sourceFiles(join(ROOT, 'web'))];

/** The project files a file imports (relative specifiers of `import`, `export … from`, `import(…)`), and whether only types. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^\s*(import|export)(\s+type\b)?[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]/gm)];
  return found.map((m) => {
    const specifier = (m[3] ?? m[4] ?? m[5])!;
    const base = resolve(dirname(file), specifier);
    const target = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((path) => existsSync(path) && statSync(path).isFile());
    if (!target) throw new Error(`${relative(ROOT, file)} imports ${specifier}, which does not exist`);
    return { target, typeOnly: m[2] !== undefined };
  });
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Where a file sits: 'web', or the worker layer and its rank. */
function placeOf(file: string): { area: 'web' | 'worker' | 'other'; layer: string; rank: number } {
  const path = relative(ROOT, file).split('/');
  if (path[0] === 'web') return { area: 'web', layer: 'web', rank: 0 };
  if (path[0] !== 'worker') return { area: 'other', layer: path[0]!, rank: 0 };
  const layer = path[1]!;
  const rank = WORKER_RANKS[layer];
  if (rank === undefined) throw new Error(`worker/${layer} is in no layer; add it to the picture (${relative(ROOT, file)})`);
  return { area: 'worker', layer, rank };
}

function againstTheGrain(from: string, to: string): boolean {
  const a = placeOf(from);
  const b = placeOf(to);
  if (a.area === 'web') return !(b.area === 'web' || (b.area === 'worker' && b.layer === 'shared'));
  if (a.area === 'worker') return b.area !== 'worker' || b.rank > a.rank || (a.layer === 'shared' && b.layer !== 'shared');
  return false;
}

/** Every circle of imports, each as the files on it. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const { target: next, typeOnly } of graph.get(file) ?? []) {
      if (typeOnly) continue;
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)).map((f) => relative(ROOT, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the layers of the code', () => {
  it('read every source file of worker/ and web/, and place each worker file in a layer', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(() => placeOf(file)).not.toThrow();
  });

  it('have no import against the grain: a lower layer never imports a higher one, web/ only itself and worker/shared', () => {
    const wrong = [...graph].flatMap(([from, targets]) => targets.filter(({ target }) => againstTheGrain(from, target)).map(({ target }) => `${relative(ROOT, from)} → ${relative(ROOT, target)}`));
    expect(wrong).toEqual([]);
  });

  it('have no circle of imports', () => {
    expect(cycles()).toEqual([]);
  });

  it('would catch both faults', () => {
    expect(againstTheGrain(join(ROOT, 'worker/domain/events.ts'), join(ROOT, 'worker/db/events.ts'))).toBe(true);
    expect(againstTheGrain(join(ROOT, 'worker/shared/events.ts'), join(ROOT, 'worker/domain/events.ts'))).toBe(true);
    expect(againstTheGrain(join(ROOT, 'web/api.ts'), join(ROOT, 'worker/domain/events.ts'))).toBe(true);
    expect(againstTheGrain(join(ROOT, 'worker/routes/events.ts'), join(ROOT, 'worker/services/events.ts'))).toBe(false);
  });
});

/** Paths a route module declares: `path: '…'` of the OpenAPI routes and the first argument of plain handlers. */
const declaredPaths = (source: string): string[] => [...source.matchAll(/\bpath: [`'"]([^`'"]+)[`'"]|\.(?:get|post|put|patch|delete)\([`'"]([^`'"]+)[`'"]/g)].map((m) => m[1] ?? m[2]!);

describe('the URL map', () => {
  const routeFiles = readdirSync(join(ROOT, 'worker/routes')).filter((name) => name.endsWith('.ts'));
  const index = readFileSync(join(ROOT, 'worker/index.ts'), 'utf8');

  it('is index.ts: every route module is mounted there at its base path, and declares its paths below it', () => {
    const mounted = [...index.matchAll(/app\.route\('([^']+)', (\w+)\)/g)].map(([, base, name]) => ({ base: base!, name: name! }));
    for (const file of routeFiles) {
      const source = readFileSync(join(ROOT, 'worker/routes', file), 'utf8');
      const exported = [...source.matchAll(/export const (\w+) = new (?:OpenAPI)?Hono/g)].map((m) => m[1]!);
      expect(exported.length, `${file} exports a sub-app`).toBeGreaterThan(0);
      for (const name of exported) expect(mounted.some((m) => m.name === name), `${name} of ${file} is mounted`).toBe(true);
      const underApi = mounted.some((m) => exported.includes(m.name) && m.base.startsWith('/api/'));
      // A module mounted under /api/… that named /api/… again would answer at /api/x/api/x.
      if (underApi) expect(declaredPaths(source).filter((path) => path.startsWith('/api/')), file).toEqual([]);
    }
  });

  it('keeps only the public files and pages at the root: no module at / declares an /api path', () => {
    const atRoot = [...index.matchAll(/app\.route\('\/', (\w+)\)/g)].map((m) => m[1]!);
    expect(atRoot.sort()).toEqual(['feeds', 'pages']);
    for (const file of routeFiles) {
      const source = readFileSync(join(ROOT, 'worker/routes', file), 'utf8');
      if (!atRoot.some((name) => source.includes(`export const ${name} =`))) continue;
      expect(declaredPaths(source).filter((path) => path.startsWith('/api')), file).toEqual([]);
    }
  });
});
