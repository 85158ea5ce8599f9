/**
 * Domain errors: each carries a status, a stable code and a readable
 * message. `app.onError` turns them into application/problem+json.
 */

import type { FieldIssue } from '../shared/problems';

// One broken rule of one field: the same shape the organiser's forms show as one types.
export type { FieldIssue };

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly issues: FieldIssue[],
    status: 400 | 422 = 422,
  ) {
    super(status, 'validation', issues.length === 1 ? issues[0]!.message : `${issues.length} fields are invalid`);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(404, 'not-found', `${entity} '${id}' does not exist`);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'sign in or send a valid bearer token') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(403, 'forbidden', message);
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
    super(412, 'stale', `${entity} '${id}' was changed meanwhile; fetch it again and retry with its new ETag`);
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor() {
    super(428, 'if-match-required', 'an If-Match header with the ETag of the version you edited is required');
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super(415, 'unsupported-media-type', message);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(429, 'too-many-requests', message);
  }
}
