/**
 * SQL for co-organiser invitations: an organisation named by another as
 * co-organiser of an event, until an organiser of it accepts or declines.
 */
import type { AuditActor } from '../domain/access';
import type { CoOrganiserInvitation } from '../shared/events';
import { auditStatement, ifEventHas } from './audit';

/** The organisations invited to co-organise an event, oldest invitation first. */
export async function invitedOrganisations(db: D1Database, eventId: string): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT o.slug FROM co_organiser_invitations i JOIN organisations o ON o.id = i.organisation_id WHERE i.event_id = ?1 ORDER BY i.invited_at, o.slug')
    .bind(eventId)
    .all<{ slug: string }>();
  return results.map((row) => row.slug);
}

/**
 * Statements that invite and withdraw, with an audit row for each, to join
 * the batch of an event's write: they run only if the event then has
 * `revision`, so a write that lost a race changes no invitation either.
 */
export function invitationStatements(db: D1Database, eventId: string, plan: { invite: string[]; withdraw: string[] }, ctx: { revision: string; now: string; actor: AuditActor }): D1PreparedStatement[] {
  const guard = 'EXISTS (SELECT 1 FROM events WHERE id = ?1 AND revision = ?2)';
  const audit = (action: 'invite' | 'revoke', organisation: string) =>
    auditStatement(db, { at: ctx.now, actor: ctx.actor, action, entity: 'event', entityId: eventId, before: null, after: { coOrganiser: organisation, invitation: action === 'invite' ? 'sent' : 'withdrawn' } }, ifEventHas(ctx.revision));
  return [
    ...plan.withdraw.flatMap((organisation) => [
      db.prepare(`DELETE FROM co_organiser_invitations WHERE event_id = ?1 AND organisation_id = (SELECT id FROM organisations WHERE slug = ?3) AND ${guard}`).bind(eventId, ctx.revision, organisation),
      audit('revoke', organisation),
    ]),
    ...plan.invite.flatMap((organisation) => [
      db
        .prepare(`INSERT INTO co_organiser_invitations (event_id, organisation_id, invited_at) SELECT ?1, id, ?4 FROM organisations WHERE slug = ?3 AND ${guard}`)
        .bind(eventId, ctx.revision, organisation, ctx.now),
      audit('invite', organisation),
    ]),
  ];
}

/** Invitations to the organisations given (every one when null), newest first. */
export async function listInvitations(db: D1Database, organisations: string[] | null): Promise<CoOrganiserInvitation[]> {
  const { results } = await db
    .prepare(
      `SELECT e.id, e.title_fi, e.title_sv, e.title_en, e.start_local, e.end_local, e.all_day, e.time_zone, e.status, o.slug AS organisation, i.invited_at,
         (SELECT json_group_array(x.slug) FROM (SELECT t.slug FROM event_organisations j JOIN organisations t ON t.id = j.organisation_id WHERE j.event_id = e.id ORDER BY j.rowid) x) AS organisers_json
       FROM co_organiser_invitations i JOIN events e ON e.id = i.event_id JOIN organisations o ON o.id = i.organisation_id
       WHERE ?1 IS NULL OR o.slug IN (SELECT value FROM json_each(?1))
       ORDER BY i.invited_at DESC, e.id LIMIT 500`,
    )
    .bind(organisations === null ? null : JSON.stringify(organisations))
    .all<{ id: string; title_fi: string; title_sv: string | null; title_en: string | null; start_local: string; end_local: string; all_day: number; time_zone: string; status: string; organisation: string; invited_at: string; organisers_json: string }>();
  return results.map((row) => ({
    event: { id: row.id, title: { fi: row.title_fi, sv: row.title_sv, en: row.title_en }, start: row.start_local, end: row.end_local, allDay: row.all_day === 1, timeZone: row.time_zone, status: row.status, organisations: JSON.parse(row.organisers_json) },
    organisation: row.organisation,
    invitedAt: row.invited_at,
  }));
}

/**
 * Answers an invitation, in one batch: on accept the organisation joins
 * the event's organisers; either way the invitation is gone, the event
 * has a new revision (so ETags and feeds change, and a racing edit gets
 * 412) and the audit trail says who answered. False, and nothing changed,
 * when there is no such invitation or the event changed meanwhile.
 */
export async function answerInvitation(
  db: D1Database,
  invitation: { eventId: string; organisation: string; expectedRevision: string; organisersBefore: string[] },
  answer: 'accept' | 'decline',
  ctx: { revision: string; now: string; actor: AuditActor },
): Promise<boolean> {
  const organisation = '(SELECT id FROM organisations WHERE slug = ?2)';
  const answered = 'EXISTS (SELECT 1 FROM events WHERE id = ?1 AND revision = ?3)';
  const organisersAfter = answer === 'accept' ? [...invitation.organisersBefore, invitation.organisation] : invitation.organisersBefore;
  const results = await db.batch([
    db
      .prepare(`UPDATE events SET revision = ?3, updated_at = ?4 WHERE id = ?1 AND revision = ?5 AND EXISTS (SELECT 1 FROM co_organiser_invitations WHERE event_id = ?1 AND organisation_id = ${organisation})`)
      .bind(invitation.eventId, invitation.organisation, ctx.revision, ctx.now, invitation.expectedRevision),
    ...(answer === 'accept' ? [db.prepare(`INSERT INTO event_organisations (event_id, organisation_id) SELECT ?1, ${organisation} WHERE ${answered}`).bind(invitation.eventId, invitation.organisation, ctx.revision)] : []),
    db.prepare(`DELETE FROM co_organiser_invitations WHERE event_id = ?1 AND organisation_id = ${organisation} AND ${answered}`).bind(invitation.eventId, invitation.organisation, ctx.revision),
    auditStatement(
      db,
      { at: ctx.now, actor: ctx.actor, action: answer, entity: 'event', entityId: invitation.eventId, before: { organisations: invitation.organisersBefore }, after: { organisations: organisersAfter, coOrganiser: invitation.organisation, invitation: answer === 'accept' ? 'accepted' : 'declined' } },
      ifEventHas(ctx.revision),
    ),
  ]);
  return (results[0]?.meta.changes ?? 0) > 0;
}
