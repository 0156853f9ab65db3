import type { MessageKey } from './i18n/index';

/**
 * A rule of the domain said no. Routes let these propagate; `app.onError` turns each into its status and a message
 * in the visitor's language.
 */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429,
    readonly messageKey: MessageKey,
    readonly params?: Record<string, string | number>,
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor() {
    super(404, 'error_not_found');
  }
}
