/**
 * Schemas of people, memberships, sign-in, API tokens and the audit trail:
 * the API validates with them and the organiser UI is typed from them.
 */
import { z } from './zod';
import { Event, EventStatus } from './events';
import { PASSWORD_MIN } from './password';
import { Slug, text } from './text';

export const ROLES = ['administrator', 'organiser', 'viewer'] as const;
export const Role = z.enum(ROLES).openapi({ description: 'administrator: everything; organiser: events and clock items of the organisation; viewer: members-only content' });
export type Role = z.infer<typeof Role>;

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'))
  .openapi({ example: 'maija.meikalainen@pohde.fi' });

const PersonName = text(200).min(1, 'must not be empty');

export { PASSWORD_MIN };
export const Password = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(200, 'must be at most 200 characters')
  .openapi({ description: `At least ${PASSWORD_MIN} characters` });
export type Password = z.infer<typeof Password>;

export const Membership = z.object({ organisation: Slug, role: Role }).strict().openapi('Membership');
export type Membership = z.infer<typeof Membership>;

export const MembershipsInput = z
  .array(Membership)
  .max(50, 'may list at most 50 memberships')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if (seen.has(m.organisation)) ctx.addIssue({ code: 'custom', path: [i, 'organisation'], message: `\`[${i}].organisation\` is listed twice`, params: { rule: 'unique' } });
      seen.add(m.organisation);
    });
  })
  .openapi('MembershipsInput');
export type MembershipsInput = z.infer<typeof MembershipsInput>;

export const Person = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    memberships: z.array(Membership),
    /** Whether the person has set a password (an invitation was used). */
    hasPassword: z.boolean(),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .openapi('Person');
export type Person = z.infer<typeof Person>;

export const PersonInput = z
  .object({ name: PersonName, email: Email, memberships: MembershipsInput.optional() })
  .strict()
  .openapi('PersonInput');
export type PersonInput = z.infer<typeof PersonInput>;

export const PersonPatch = z.object({ name: PersonName.optional(), email: Email.optional() }).strict().openapi('PersonPatch');
export type PersonPatch = z.infer<typeof PersonPatch>;

export const PersonList = z.object({ items: z.array(Person) }).openapi('PersonList');
export type PersonList = z.infer<typeof PersonList>;

/** Who is asking: the signed-in person (or an API token's organisation) and what they may do. */
export const Me = z
  .object({
    person: z.object({ id: z.number().int(), name: z.string(), email: z.string() }).nullable(),
    via: z.enum(['session', 'access', 'token']),
    administrator: z.boolean(),
    memberships: z.array(Membership),
    /** Organisations whose events and clock items this person may write. */
    writes: z.array(Slug),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;

export const Administrators = z
  .object({ items: z.array(z.object({ name: z.string(), email: z.string() })) })
  .openapi('Administrators', { description: "The service's administrators, whom to ask for the right to publish for an organisation" });
export type Administrators = z.infer<typeof Administrators>;

export const LoginInput = z.object({ email: Email, password: z.string().min(1, 'is required').max(200) }).strict().openapi('LoginInput');
export type LoginInput = z.infer<typeof LoginInput>;

export const DevSignInInput = z.object({ email: Email }).strict().openapi('DevSignInInput');
export type DevSignInInput = z.infer<typeof DevSignInInput>;

export const InvitationInfo = z.object({ name: z.string(), email: z.string(), expiresAt: z.string() }).openapi('InvitationInfo');
export type InvitationInfo = z.infer<typeof InvitationInfo>;

export const AcceptInvitationInput = z.object({ password: Password }).strict().openapi('AcceptInvitationInput');
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

export const CreatedInvitation = z
  .object({ url: z.string().openapi({ description: 'The link to send to the person; shown once' }), expiresAt: z.string() })
  .openapi('CreatedInvitation');
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

export const ApiToken = z
  .object({
    id: z.number().int(),
    name: z.string(),
    organisation: Slug,
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenList = z.object({ items: z.array(ApiToken) }).openapi('ApiTokenList');
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const ApiTokenInput = z
  .object({ name: text(100).min(1, 'must not be empty'), organisation: Slug })
  .strict()
  .openapi('ApiTokenInput');
export type ApiTokenInput = z.infer<typeof ApiTokenInput>;

export const CreatedApiToken = ApiToken.extend({ token: z.string().openapi({ description: 'The secret; shown only in this answer' }) }).openapi('CreatedApiToken');
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const FeedKey = z
  .object({
    active: z.boolean(),
    url: z.string().nullable().openapi({ description: 'The personal feed with members-only events: shown only when it is made; keep it secret' }),
  })
  .openapi('FeedKey');
export type FeedKey = z.infer<typeof FeedKey>;

export const AuditEntity = z.enum(['event', 'clock', 'clock_item', 'person', 'membership', 'token', 'invitation', 'organisation', 'network']);
export type AuditEntity = z.infer<typeof AuditEntity>;

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    action: z.string(),
    entity: AuditEntity,
    entityId: z.string(),
    actor: z.object({
      via: z.enum(['session', 'access', 'token', 'system']),
      person: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      token: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      session: z.number().int().nullable(),
    }),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z
  .object({
    entity: AuditEntity.optional(),
    entityId: z.string().max(100).optional(),
    person: z.coerce.number().int().positive().optional(),
    before: z.coerce.number().int().positive().optional().openapi({ description: 'Entries older than this id (the next page)' }),
    limit: z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntry), next: z.number().int().nullable() }).openapi('AuditPage');
export type AuditPage = z.infer<typeof AuditPage>;

export const OrganisationKind = z.enum(['wellbeing-county', 'regional-council', 'municipality', 'state', 'ngo', 'parish', 'project', 'partner']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

const OptionalName = text(200).nullish();

export const OrganisationInput = z
  .object({
    slug: Slug,
    name: z.object({ fi: PersonName, sv: OptionalName, en: OptionalName }).strict(),
    kind: OrganisationKind,
    website: z.string().trim().max(500).regex(/^https:\/\/[^\s]+$/, 'must be an https:// address').nullish(),
  })
  .strict()
  .openapi('OrganisationInput');
export type OrganisationInput = z.infer<typeof OrganisationInput>;

export const NetworkInput = z
  .object({
    slug: Slug,
    name: z.object({ fi: PersonName, sv: OptionalName, en: OptionalName }).strict(),
    description: text(2000, 'multi').nullish(),
  })
  .strict()
  .openapi('NetworkInput');
export type NetworkInput = z.infer<typeof NetworkInput>;

export const MY_EVENTS_MAX_PAGE = 1000;

export const MyEventsQuery = z
  .object({
    status: EventStatus.optional(),
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MY_EVENTS_MAX_PAGE, `must be at most ${MY_EVENTS_MAX_PAGE}`)
      .optional()
      .openapi({ description: `Page size, 1–${MY_EVENTS_MAX_PAGE}, default ${MY_EVENTS_MAX_PAGE}` }),
    cursor: z.string().max(200).optional().openapi({ description: 'A `nextCursor` of an earlier page' }),
  })
  .strict();
export type MyEventsQuery = z.infer<typeof MyEventsQuery>;

export const MyEventList = z
  .object({
    items: z.array(Event),
    counts: z.object({ draft: z.number().int(), published: z.number().int(), cancelled: z.number().int() }).openapi({ description: 'How many events there are in each status' }),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('MyEventList');
export type MyEventList = z.infer<typeof MyEventList>;
