import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ErrorPage } from '../../views/error-page';
import type { AppEnv } from '../env';
import { DomainError } from '../errors';
import { translator } from '../i18n/index';
import { apiErrorResponse, notFound } from './api/errors';

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) => {
  if (c.req.path.startsWith('/api/')) return apiErrorResponse(notFound(), c);
  c.status(404);
  return c.render(<ErrorPage status={404} message={c.var.t('error_not_found')} />, { title: c.var.t('error_not_found_title') });
};

/** The one place where errors become pages: domain rules and bad requests as 4xx, anything else as a logged 500. */
export const errorHandler: ErrorHandler<AppEnv> = (error, c) => {
  // Programs calling the API get JSON, never an HTML page.
  if (c.req.path.startsWith('/api/')) return apiErrorResponse(error, c);
  const t = c.var.t ?? translator('nb');
  let status: ContentfulStatusCode = 500;
  let message = t('error_internal');
  if (error instanceof DomainError) {
    status = error.status;
    message = t(error.messageKey, error.params);
  } else if (error instanceof HTTPException && error.status < 500) {
    status = error.status as ContentfulStatusCode;
    message = status === 404 ? t('error_not_found') : t('error_bad_request');
  } else {
    console.error(error);
  }
  c.status(status);
  return c.render(<ErrorPage status={status} message={message} />, {
    title: t(status === 404 ? 'error_not_found_title' : 'error_title'),
  });
};
