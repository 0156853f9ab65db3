import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';

/**
 * Security headers on every response. Scripts and styles come only from our own origin (htmx is served from
 * /assets/, and its indicator style is turned off in views/layout.tsx, so nothing inline is needed); JSON-LD is a data
 * block, not a script, and needs no exception. No page may be framed, post a form elsewhere or move its base URL.
 * `overwrite: false`: a route that sets a stricter header itself (see `privateLinkHeaders`) keeps it.
 */
export function securityHeaders(baseUrl: string): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // data: for the empty favicon in the layout.
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    // HSTS over plain http would be ignored at best; behind https it tells browsers never to try http again.
    strictTransportSecurity: baseUrl.startsWith('https:') ? 'max-age=31536000; includeSubDomains' : false,
    // Public files and calendar feeds may be linked and embedded from elsewhere (a municipality's own site).
    crossOriginResourcePolicy: 'cross-origin',
    overwrite: false,
  });
}

/**
 * For pages whose URL is the key (the manage link, the personal feed, the speaker's upload page): never sent on as a
 * referrer, never kept in a shared cache, never indexed.
 */
export const privateLinkHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('referrer-policy', 'no-referrer');
  c.header('cache-control', 'private, no-store');
  c.header('x-robots-tag', 'noindex');
};

/** Search engines may index the public pages, not the organiser area, private links or the API. */
export const ROBOTS_TXT = ['User-agent: *', 'Disallow: /admin', 'Disallow: /registrations/', 'Disallow: /upload/', 'Disallow: /api/', ''].join('\n');
