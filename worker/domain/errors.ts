/**
 * Domain errors: each carries a kind (what went wrong, in the domain's
 * words), a stable code (the problem type clients branch on) and a readable
 * message. Only `middleware/http.ts` knows which HTTP status a kind is.
 */

import type { FieldIssue } from '../shared/problems';

// One broken rule of one field: the same shape the organiser's forms show as one types.
export type { FieldIssue };

export type ErrorKind =
  /** A query, header or path parameter breaks a rule. */
  | 'bad-request'
  /** A body breaks a rule; nothing was written. */
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  /** The request is fine but the state of things refuses it (a last administrator, a taken slug, a running import). */
  | 'conflict'
  /** Changed meanwhile: the edit was made against an older version. */
  | 'stale'
  | 'if-match-required'
  | 'unsupported-media-type'
  | 'too-many-requests';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where a broken field was: in the request's query, headers or path ('request'), or in its body. */
export type InputPlace = 'request' | 'body';

export class ValidationError extends DomainError {
  constructor(
    readonly issues: FieldIssue[],
    place: InputPlace = 'body',
  ) {
    super(place === 'request' ? 'bad-request' : 'invalid', 'validation', issues.length === 1 ? issues[0]!.message : `${issues.length} fields are invalid`);
  }
}

/** A request that the state of things refuses, e.g. `new ConflictError('last-administrator', …)`. */
export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not-found', 'not-found', `${entity} '${id}' does not exist`);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'sign in or send a valid bearer token') {
    super('unauthorized', 'unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', 'forbidden', message);
  }
}

/** Who last changed a thing and when: `by` is a person's or a token's name, null when the reader may not see it or the system did. */
export interface LastChange {
  at: string;
  by: string | null;
}

export class PreconditionFailedError extends DomainError {
  constructor(
    entity: string,
    id: string,
    readonly lastChange: LastChange | null = null,
  ) {
    super('stale', 'stale', `${entity} '${id}' was changed meanwhile; fetch it again and retry with its new ETag`);
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor() {
    super('if-match-required', 'if-match-required', 'an If-Match header with the ETag of the version you edited is required');
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super('unsupported-media-type', 'unsupported-media-type', message);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super('too-many-requests', 'too-many-requests', message);
  }
}
