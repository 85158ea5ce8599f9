/**
 * Creates, lists and revokes API tokens in the local or the remote D1 database.
 *
 *   npm run token -- create --organisation pohde --name "Event integration" [--remote]
 *   npm run token -- list [--remote]
 *   npm run token -- revoke --id 3 [--remote]
 *
 * The token is printed once; only its SHA-256 hash is stored.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { insertTokenSql, listTokensSql, revokeTokenSql } from '../worker/db/tokens';
import { generateToken, hashToken } from '../worker/domain/tokens';

const DATABASE = 'hytekello';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { organisation: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' }, remote: { type: 'boolean', default: false } },
});
const where = values.remote ? '--remote' : '--local';

function fail(message: string): never {
  console.error(message);
  return process.exit(2);
}

/** Runs SQL with wrangler and returns the rows it gives (writes say RETURNING). */
function execute(sql: string): Record<string, unknown>[] {
  const run = spawnSync('wrangler', ['d1', 'execute', DATABASE, where, '--json', '--command', sql], { encoding: 'utf8' });
  if (run.status !== 0) fail(`wrangler d1 execute failed:\n${run.stderr || run.stdout}`);
  const [result] = JSON.parse(run.stdout) as { results: Record<string, unknown>[] }[];
  return result?.results ?? [];
}

if (!values.remote) {
  // A fresh checkout has no local database yet: migrate it first (idempotent).
  const migrate = spawnSync('wrangler', ['d1', 'migrations', 'apply', DATABASE, '--local'], { encoding: 'utf8' });
  if (migrate.status !== 0) fail(migrate.stderr || migrate.stdout);
}

const [command] = positionals;
if (command === 'create') {
  if (!values.organisation) fail('--organisation <slug> is required (see GET /api/taxonomy for the slugs)');
  const token = generateToken();
  const created = execute(
    insertTokenSql({ name: values.name ?? `${values.organisation} token`, organisation: values.organisation, tokenHash: await hashToken(token), now: new Date().toISOString() }),
  );
  if (created.length !== 1) fail(`there is no organisation '${values.organisation}'`);
  console.log(`Token for ${values.organisation} (shown only now; store it safely):\n\n  ${token}\n\nUse it as: Authorization: Bearer ${token}`);
} else if (command === 'list') {
  console.table(execute(listTokensSql()));
} else if (command === 'revoke') {
  const id = Number(values.id);
  if (!Number.isInteger(id) || id <= 0) fail('--id <number> is required (see `npm run token -- list`)');
  const revoked = execute(revokeTokenSql(id, new Date().toISOString()));
  console.log(revoked.length === 1 ? `Token ${id} revoked.` : `Token ${id} does not exist or was already revoked.`);
} else {
  fail('usage: npm run token -- create --organisation <slug> [--name <text>] [--remote] | list [--remote] | revoke --id <n> [--remote]');
}
