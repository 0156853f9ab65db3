import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { jsxRenderer } from 'hono/jsx-renderer';
import { trimTrailingSlash } from 'hono/trailing-slash';
import { Layout } from '../views/layout';
import { compression } from './compression';
import type { AppDeps } from './deps';
import type { AppEnv } from './env';
import { isLang, pickLang, translator } from './i18n/index';
import { adminRoutes } from './routes/admin/index';
import { apiRoutes } from './routes/api/index';
import { errorHandler, notFoundHandler } from './routes/errors';
import { assetRoutes } from './routes/assets';
import { calendarRoutes } from './routes/calendar';
import { eventRoutes } from './routes/events';
import { fileRoutes } from './routes/files';
import { homeRoutes } from './routes/home';
import { registrationRoutes } from './routes/registrations';
import { unsubscribeRoutes } from './routes/unsubscribe';
import { uploadRoutes } from './routes/upload';
import { ROBOTS_TXT, securityHeaders } from './security-headers';

const LANG_COOKIE = 'lang';

/** The whole web app, built from its dependencies. Does no I/O until a request arrives. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(securityHeaders(deps.config.baseUrl));
  app.use(compression());
  app.use(async (c, next) => {
    c.set('deps', deps);
    const query = c.req.query('lang');
    const lang = pickLang(query, getCookie(c, LANG_COOKIE), c.req.header('accept-language'));
    if (isLang(query)) {
      setCookie(c, LANG_COOKIE, query, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', httpOnly: true });
    }
    c.set('lang', lang);
    c.set('t', translator(lang));
    await next();
    if (!c.res.headers.has('content-language') && c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.set('content-language', lang);
    }
    // The page depends on the language, chosen from these request headers; assets are the same for everyone.
    if (!c.req.path.startsWith('/assets/')) c.res.headers.append('vary', 'Accept-Language, Cookie');
  });
  app.use(jsxRenderer(Layout, { docType: true }));
  // /events/x/ is /events/x: a redirect instead of a 404.
  app.use(trimTrailingSlash());

  app.get('/healthz', async (c) => {
    await deps.db.selectFrom('content_version').select('version').executeTakeFirst();
    return c.json({ status: 'ok' });
  });
  app.get('/robots.txt', (c) => c.text(ROBOTS_TXT));
  app.route('/assets', assetRoutes);
  app.route('/', homeRoutes);
  app.route('/events', eventRoutes);
  app.route('/files', fileRoutes);
  app.route('/admin', adminRoutes);
  app.route('/api/v1', apiRoutes);
  app.route('/', calendarRoutes);
  app.route('/', registrationRoutes);
  app.route('/', uploadRoutes);
  app.route('/', unsubscribeRoutes);

  app.notFound(notFoundHandler);
  app.onError(errorHandler);

  return app;
}
