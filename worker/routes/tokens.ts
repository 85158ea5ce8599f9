/** /api/tokens: API tokens of organisations, managed by their organisers and administrators. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { unknownOrganisations } from '../db/accounts';
import { createToken, findToken, listTokens, revokeTokenAudited } from '../db/tokens';
import { type Actor, assertManagesSomeTokens, assertMayManageTokens, auditActor, isAdministrator, requireActor, writableOrganisations } from '../domain/access';
import { authorise, authorised } from '../middleware/auth';
import type { ApiToken as StoredToken } from '../shared/accounts';
import { NotFoundError, ValidationError } from '../domain/errors';
import { generateToken, hashToken } from '../domain/tokens';
import type { AppEnv } from '../env';
import { problemSpec, validationHook } from '../middleware/http';
import { ApiToken, ApiTokenInput, ApiTokenList, CreatedApiToken } from '../shared/accounts';

export const tokens = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ sessionCookie: [] }];

tokens.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'API tokens of your organisations (every token for an administrator)',
    security,
    responses: { 200: { content: { 'application/json': { schema: ApiTokenList } }, description: 'Tokens, newest first; secrets are never shown again' }, 401: problemSpec('Not signed in') },
  }),
  async (c) => {
    const actor = requireActor(c.get('actor'));
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: await listTokens(c.env.DB, isAdministrator(actor) ? null : writableOrganisations(actor)) }, 200);
  },
);

tokens.openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Create an API token for an organisation',
    description: 'The answer holds the token itself, shown only this once; only its hash is stored.',
    security,
    middleware: [authorise(assertManagesSomeTokens)],
    request: { body: { content: { 'application/json': { schema: ApiTokenInput } }, required: true } },
    responses: {
      201: { content: { 'application/json': { schema: CreatedApiToken } }, description: 'Created' },
      401: problemSpec('Not signed in'),
      403: problemSpec('Not an organiser of that organisation'),
      422: problemSpec('A field breaks a rule'),
    },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const actor = authorised<Actor>(c);
    if ((await unknownOrganisations(c.env.DB, [input.organisation])).length > 0) {
      throw new ValidationError([{ field: 'organisation', rule: 'exists', message: `\`organisation\`: there is no organisation '${input.organisation}'` }]);
    }
    assertMayManageTokens(actor, input.organisation);
    const secret = generateToken();
    const created = await createToken(c.env.DB, { name: input.name, organisation: input.organisation, tokenHash: await hashToken(secret), now: new Date().toISOString() }, auditActor(actor));
    c.header('Cache-Control', 'no-store');
    return c.json({ ...created, token: secret }, 201);
  },
);

tokens.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Revoke an API token',
    description: 'The token stops working at once. Revoking twice is harmless.',
    security,
    middleware: [
      authorise(async (actor, c) => {
        const token = await findToken(c.env.DB, Number(c.req.param('id')));
        if (!token) throw new NotFoundError('token', c.req.param('id') ?? '');
        assertMayManageTokens(actor, token.organisation);
        return { actor, token };
      }),
    ],
    request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) }) },
    responses: {
      200: { content: { 'application/json': { schema: ApiToken } }, description: 'Revoked' },
      401: problemSpec('Not signed in'),
      403: problemSpec('Not an organiser of the token’s organisation'),
      404: problemSpec('No such token'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { actor, token } = authorised<{ actor: Actor; token: StoredToken }>(c);
    await revokeTokenAudited(c.env.DB, token, new Date().toISOString(), auditActor(actor));
    return c.json((await findToken(c.env.DB, id))!, 200);
  },
);
