/**
 * The first administrator of a database: adds the person (if missing) as
 * an administrator of an organisation and prints an invitation link with
 * which they set a password. Later people are invited in the UI.
 *
 *   npm run admin -- --email aino@pohde.fi --name "Aino Ylläpitäjä" --organisation pohde [--origin https://hytekello.pohde.fi] [--remote]
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { inviteAdministratorSql } from '../worker/db/accounts';
import { generateToken, hashToken } from '../worker/domain/tokens';

const DATABASE = 'hytekello';
const INVITATION_DAYS = 7;

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    organisation: { type: 'string', default: 'pohde' },
    origin: { type: 'string', default: 'http://localhost:8787' },
    remote: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  return process.exit(2);
}

if (!values.email || !values.name) fail('usage: npm run admin -- --email <email> --name <name> [--organisation <slug>] [--origin <public origin>] [--remote]');
const where = values.remote ? '--remote' : '--local';
if (!values.remote) {
  const migrate = spawnSync('wrangler', ['d1', 'migrations', 'apply', DATABASE, '--local'], { encoding: 'utf8' });
  if (migrate.status !== 0) fail(migrate.stderr || migrate.stdout);
}

const token = generateToken('hyi_');
const now = new Date();
const sql = inviteAdministratorSql({
  name: values.name,
  email: values.email,
  organisation: values.organisation,
  tokenHash: await hashToken(token),
  now: now.toISOString(),
  expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000).toISOString(),
});
const run = spawnSync('wrangler', ['d1', 'execute', DATABASE, where, '--json', '--command', sql], { encoding: 'utf8' });
if (run.status !== 0) fail(`wrangler d1 execute failed:\n${run.stderr || run.stdout}`);
const results = JSON.parse(run.stdout) as { results: unknown[] }[];
if ((results.at(-1)?.results.length ?? 0) === 0) fail(`there is no organisation '${values.organisation}'`);
console.log(`${values.name} is an administrator of ${values.organisation}. Send this link (valid ${INVITATION_DAYS} days, works once):\n\n  ${values.origin.replace(/\/+$/, '')}/invitation#${token}\n`);
