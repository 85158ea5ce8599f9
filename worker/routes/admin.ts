/** /api/admin: people, memberships, invitations, organisations, networks and the audit trail — administrators only. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { listPeople, personalData } from '../db/accounts';
import { readAudit } from '../db/audit';
import { insertNetwork, insertOrganisation, updateNetwork, updateOrganisation } from '../db/taxonomy';
import { auditActor, requireAdministrator } from '../domain/access';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { AppEnv } from '../env';
import { problemSpec, publicOrigin, validationHook } from '../middleware/http';
import { INVITATION_DAYS, addPerson, editPerson, erase, invitePerson, personOrFail, setMemberships, signPersonOut } from '../services/people';
import { AuditPage, AuditQuery, CreatedInvitation, MembershipsInput, NetworkInput, OrganisationInput, Person, PersonInput, PersonList, PersonPatch } from '../shared/accounts';
import { Slug } from '../shared/text';

export const admin = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

// Every route here is for administrators; the check runs before any input is read.
admin.use('*', async (c, next) => {
  requireAdministrator(c.get('actor'));
  await next();
});

const security = [{ sessionCookie: [] }];
const PersonId = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });
const personResponse = (description: string) => ({ content: { 'application/json': { schema: Person } }, description });
const adminProblems = { 401: problemSpec('Not signed in'), 403: problemSpec('Not an administrator') };

admin.openapi(
  createRoute({ method: 'get', path: '/people', summary: 'Everybody who may sign in, with memberships', security, responses: { 200: { content: { 'application/json': { schema: PersonList } }, description: 'People by name' }, ...adminProblems } }),
  async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: await listPeople(c.env.DB) }, 200);
  },
);

admin.openapi(
  createRoute({
    method: 'post',
    path: '/people',
    summary: 'Add a person (then send them an invitation)',
    security,
    request: { body: { content: { 'application/json': { schema: PersonInput } }, required: true } },
    responses: { 201: personResponse('Added'), ...adminProblems, 409: problemSpec('The email is taken'), 422: problemSpec('A field breaks a rule') },
  }),
  async (c) => {
    const person = await addPerson(c.env.DB, requireAdministrator(c.get('actor')), c.req.valid('json'));
    c.header('Location', `/api/admin/people/${person.id}`);
    return c.json(person, 201);
  },
);

admin.openapi(
  createRoute({
    method: 'patch',
    path: '/people/{id}',
    summary: "Change a person's name or email",
    security,
    request: { params: PersonId, body: { content: { 'application/json': { schema: PersonPatch } }, required: true } },
    responses: { 200: personResponse('Saved'), ...adminProblems, 404: problemSpec('No such person'), 409: problemSpec('The email is taken'), 422: problemSpec('A field breaks a rule') },
  }),
  async (c) => {
    return c.json(await editPerson(c.env.DB, requireAdministrator(c.get('actor')), c.req.valid('param').id, c.req.valid('json')), 200);
  },
);

admin.openapi(
  createRoute({
    method: 'put',
    path: '/people/{id}/memberships',
    summary: "Set a person's memberships and roles",
    description: 'The list replaces the old one. The last administrator cannot be demoted.',
    security,
    request: { params: PersonId, body: { content: { 'application/json': { schema: MembershipsInput } }, required: true } },
    responses: { 200: personResponse('Saved'), ...adminProblems, 404: problemSpec('No such person'), 409: problemSpec('It would leave no administrator'), 422: problemSpec('An organisation does not exist') },
  }),
  async (c) => {
    return c.json(await setMemberships(c.env.DB, requireAdministrator(c.get('actor')), c.req.valid('param').id, c.req.valid('json')), 200);
  },
);

admin.openapi(
  createRoute({
    method: 'post',
    path: '/people/{id}/invitations',
    summary: 'Make an invitation link with which the person sets a password',
    description: `The link works once and for ${INVITATION_DAYS} days; a new link replaces an unused older one. It is shown only in this answer.`,
    security,
    request: { params: PersonId },
    responses: { 201: { content: { 'application/json': { schema: CreatedInvitation } }, description: 'The link to send' }, ...adminProblems, 404: problemSpec('No such person') },
  }),
  async (c) => {
    const { token, expiresAt } = await invitePerson(c.env.DB, requireAdministrator(c.get('actor')), c.req.valid('param').id);
    c.header('Cache-Control', 'no-store');
    // The secret rides in the fragment, which browsers never send to servers or logs.
    return c.json({ url: `${publicOrigin(c)}/invitation#${token}`, expiresAt }, 201);
  },
);

admin.openapi(
  createRoute({
    method: 'post',
    path: '/people/{id}/sign-out',
    summary: 'Sign a person out everywhere (every session revoked)',
    security,
    request: { params: PersonId },
    responses: { 200: { content: { 'application/json': { schema: z.object({ revoked: z.number().int() }) } }, description: 'How many sessions were ended' }, ...adminProblems, 404: problemSpec('No such person') },
  }),
  async (c) => {
    return c.json({ revoked: await signPersonOut(c.env.DB, requireAdministrator(c.get('actor')), c.req.valid('param').id) }, 200);
  },
);

admin.openapi(
  createRoute({
    method: 'get',
    path: '/people/{id}/data',
    summary: "Everything stored about a person (their right of access), as JSON",
    security,
    request: { params: PersonId },
    responses: { 200: { content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } }, description: 'The person, sessions, tokens made, feed keys, invitations, changes made, events naming them as contact' }, ...adminProblems, 404: problemSpec('No such person') },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const person = await personOrFail(c.env.DB, id);
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Disposition', `attachment; filename="person-${id}.json"`);
    return c.json(await personalData(c.env.DB, person), 200);
  },
);

admin.openapi(
  createRoute({
    method: 'delete',
    path: '/people/{id}',
    summary: 'Erase a person and their personal data',
    description: 'Removes the person, memberships, sessions, invitations and feed keys, their contact details on events, and their name and email in the audit trail. The last administrator cannot be erased.',
    security,
    request: { params: PersonId },
    responses: { 204: { description: 'Erased' }, ...adminProblems, 404: problemSpec('No such person'), 409: problemSpec('The last administrator, or yourself') },
  }),
  async (c) => {
    await erase(c.env.DB, requireAdministrator(c.get('actor')), c.req.valid('param').id);
    return c.body(null, 204);
  },
);

const SlugParam = z.object({ slug: Slug.openapi({ param: { name: 'slug', in: 'path' } }) });
const okResponse = (description: string) => ({ content: { 'application/json': { schema: z.object({ slug: Slug }) } }, description });

admin.openapi(
  createRoute({
    method: 'post',
    path: '/organisations',
    summary: 'Add an organisation',
    security,
    request: { body: { content: { 'application/json': { schema: OrganisationInput } }, required: true } },
    responses: { 201: okResponse('Added'), ...adminProblems, 409: problemSpec('The slug is taken'), 422: problemSpec('A field breaks a rule') },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const actor = requireAdministrator(c.get('actor'));
    if (!(await insertOrganisation(c.env.DB, input, new Date().toISOString(), auditActor(actor)))) throw new ConflictError('slug-taken', `an organisation '${input.slug}' exists already`);
    return c.json({ slug: input.slug }, 201);
  },
);

admin.openapi(
  createRoute({
    method: 'put',
    path: '/organisations/{slug}',
    summary: "Replace an organisation's names, kind and website",
    security,
    request: { params: SlugParam, body: { content: { 'application/json': { schema: OrganisationInput.omit({ slug: true }) } }, required: true } },
    responses: { 200: okResponse('Saved'), ...adminProblems, 404: problemSpec('No such organisation'), 422: problemSpec('A field breaks a rule') },
  }),
  async (c) => {
    const { slug } = c.req.valid('param');
    const input = c.req.valid('json');
    const actor = requireAdministrator(c.get('actor'));
    if (!(await updateOrganisation(c.env.DB, { ...input, slug }, new Date().toISOString(), auditActor(actor)))) throw new NotFoundError('organisation', slug);
    return c.json({ slug }, 200);
  },
);

admin.openapi(
  createRoute({
    method: 'post',
    path: '/networks',
    summary: 'Add a network',
    security,
    request: { body: { content: { 'application/json': { schema: NetworkInput } }, required: true } },
    responses: { 201: okResponse('Added'), ...adminProblems, 409: problemSpec('The slug is taken'), 422: problemSpec('A field breaks a rule') },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const actor = requireAdministrator(c.get('actor'));
    if (!(await insertNetwork(c.env.DB, input, new Date().toISOString(), auditActor(actor)))) throw new ConflictError('slug-taken', `a network '${input.slug}' exists already`);
    return c.json({ slug: input.slug }, 201);
  },
);

admin.openapi(
  createRoute({
    method: 'put',
    path: '/networks/{slug}',
    summary: "Replace a network's names and description",
    security,
    request: { params: SlugParam, body: { content: { 'application/json': { schema: NetworkInput.omit({ slug: true }) } }, required: true } },
    responses: { 200: okResponse('Saved'), ...adminProblems, 404: problemSpec('No such network'), 422: problemSpec('A field breaks a rule') },
  }),
  async (c) => {
    const { slug } = c.req.valid('param');
    const input = c.req.valid('json');
    const actor = requireAdministrator(c.get('actor'));
    if (!(await updateNetwork(c.env.DB, { ...input, slug }, new Date().toISOString(), auditActor(actor)))) throw new NotFoundError('network', slug);
    return c.json({ slug }, 200);
  },
);

admin.openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    summary: 'The audit trail: who changed what, when, newest first',
    security,
    request: { query: AuditQuery },
    responses: { 200: { content: { 'application/json': { schema: AuditPage } }, description: 'One page; pass `next` as `before` for the next' }, ...adminProblems },
  }),
  async (c) => {
    const query = c.req.valid('query');
    c.header('Cache-Control', 'private, no-store');
    return c.json(await readAudit(c.env.DB, { ...query, limit: query.limit ?? 50 }), 200);
  },
);
