/**
 * Who organises an event. An organisation joins when someone who may
 * write for it names it; any other organisation named is invited, and is
 * neither shown with the event nor given rights to it until an organiser
 * of it accepts. The organisation that created the event comes first, and
 * no co-organiser can remove it.
 */
import { type Actor, isAdministrator, writableOrganisations } from './access';
import { ForbiddenError } from './errors';

export interface OrganiserPlan {
  /** The organisers after the write, the creating organisation first. */
  organisers: string[];
  /** Organisations to invite now. */
  invite: string[];
  /** Invitations to withdraw: no longer named, or the organisation joined directly. */
  withdraw: string[];
}

/**
 * The organisers, invitations and withdrawals for a list of organisations
 * the actor asks for; `before` is the event's state, null for a new event.
 */
export function planOrganisers(actor: Actor, requested: readonly string[], before: { organisers: string[]; invited: string[] } | null): OrganiserPlan {
  const own = (organisation: string) => isAdministrator(actor) || writableOrganisations(actor).includes(organisation);
  const accepted = before?.organisers ?? [];
  const creator = accepted[0];
  if (creator !== undefined && !requested.includes(creator) && !own(creator)) {
    throw new ForbiddenError(`'${creator}' created the event and stays among its organisers; only its own organisers may remove it`);
  }
  const joined = requested.filter((organisation, i) => requested.indexOf(organisation) === i && (accepted.includes(organisation) || own(organisation)));
  const organisers = creator !== undefined && joined.includes(creator) ? [creator, ...joined.filter((o) => o !== creator)] : joined;
  const invited = requested.filter((organisation) => !joined.includes(organisation));
  return {
    organisers,
    invite: invited.filter((organisation, i) => invited.indexOf(organisation) === i && !(before?.invited ?? []).includes(organisation)),
    withdraw: (before?.invited ?? []).filter((organisation) => !invited.includes(organisation)),
  };
}
