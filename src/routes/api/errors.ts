import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { AppEnv } from '../../env';
import { DomainError } from '../../errors';
import { type MessageKey, translator } from '../../i18n/index';

export interface ApiIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

/** An answer other than success from /api/v1, always sent as `{ error: { code, message, issues? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly issues?: ApiIssue[],
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export const unauthorized = () => new ApiError(401, 'unauthorized', 'api_error_unauthorized');
export const notFound = () => new ApiError(404, 'not_found', 'api_error_not_found');
export const invalid = (issues: ApiIssue[]) => new ApiError(422, 'validation_failed', 'api_error_validation', issues);

export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): ApiIssue[] {
  return error.issues.map((i) => ({ path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message, code: i.code }));
}

/**
 * Turns anything thrown under /api/v1 into a JSON error: our own ApiErrors as they are, the domain's 4xx with their
 * message, Hono's 4xx (e.g. an oversized body), and anything else as a logged 500 that tells nothing of the inside.
 */
export function apiErrorResponse(error: unknown, c: Context<AppEnv>): Response {
  const t = c.var.t ?? translator('nb');
  let status: ContentfulStatusCode = 500;
  let code = 'internal';
  let message = t('api_error_internal');
  let issues: ApiIssue[] | undefined;
  if (error instanceof ApiError) {
    ({ status, code, issues } = error);
    message = t(error.messageKey);
  } else if (error instanceof DomainError) {
    status = error.status;
    code = status === 404 ? 'not_found' : status === 422 ? 'validation_failed' : 'rejected';
    message = status === 404 ? t('api_error_not_found') : t(error.messageKey, error.params);
  } else if (error instanceof HTTPException && error.status < 500) {
    status = error.status as ContentfulStatusCode;
    code = status === 413 ? 'payload_too_large' : 'bad_request';
    message = error.message || t('error_bad_request');
  } else {
    console.error(error);
  }
  const body = { error: { code, message, ...(issues ? { issues } : {}) } };
  const res = c.json(body, status);
  res.headers.set('cache-control', 'no-store');
  // RFC 6750: no error code when no token was sent, invalid_token when the one sent is not good.
  if (status === 401) res.headers.set('www-authenticate', code === 'invalid_token' ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"');
  return res;
}
