import type { PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import type { PageProps } from '../src/env';
import { assetUrl } from '../src/routes/assets';
import { useI18n } from './context';
import { FEED_PATH, absolute } from '../src/urls';

// htmx 2 leaves 4xx responses unswapped; a 422 carries the re-rendered form with its errors, so swap it.
// Its indicator style would be an inline <style>, which the CSP refuses (style.css has the rule instead); and settling
// a style attribute sets one from script, which the CSP refuses too (we have none; a tool may leave an empty one).
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  attributesToSettle: ['class', 'width', 'height'],
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
});

/** JSON for a <script> block: `<` escaped so that no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function Layout({ children, title, description, openGraph, jsonLd, alternates }: PropsWithChildren<PageProps>) {
  const { t, lang, c } = useI18n();
  const url = new URL(c.req.url);
  const other = lang === 'nb' ? 'en' : 'nb';
  // webcal:// makes calendar programs subscribe (and keep the feed up to date) instead of importing a copy.
  const webcal = absolute(c.var.deps.config.baseUrl, FEED_PATH).replace(/^https?:/, 'webcal:');
  const switchUrl = new URLSearchParams(url.search);
  switchUrl.set('lang', other);
  // Signed-in organiser pages: the session's form token for htmx requests (src/routes/admin/session.ts checks it).
  const csrfToken = c.var.session?.csrf_token;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('site_name')}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        {Object.entries(openGraph ?? {}).map(([property, content]) => (
          <meta property={property} content={content} />
        ))}
        <meta name="htmx-config" content={HTMX_CONFIG} />
        {csrfToken ? <meta name="csrf-token" content={csrfToken} /> : null}
        {csrfToken ? <meta name="robots" content="noindex" /> : null}
        <link rel="stylesheet" href={assetUrl(c.var.deps.assets, 'style.css')} />
        {/* No favicon yet: say so, so that browsers do not ask for /favicon.ico on every page. */}
        <link rel="icon" href="data:," />
        <link rel="alternate" type="text/calendar" href="/calendar.ics" title={t('calendar_feed')} />
        {(alternates ?? []).map((a) => (
          <link rel="alternate" type={a.type} href={a.href} title={a.title} />
        ))}
        <script src={assetUrl(c.var.deps.assets, 'htmx.min.js')} defer></script>
        {jsonLd ? <script type="application/ld+json">{raw(scriptJson(jsonLd))}</script> : null}
      </head>
      <body data-hx-headers={csrfToken ? JSON.stringify({ 'X-CSRF-Token': csrfToken }) : undefined}>
        <a class="skip-link" href="#main">
          {t('skip_to_content')}
        </a>
        <header class="site-header">
          <a class="site-name" href="/">
            {t('site_name')}
          </a>
          <nav aria-label={t('nav_label')}>
            <ul>
              <li>
                <a href="/">{t('nav_events')}</a>
              </li>
              <li>
                <a href={`${url.pathname}?${switchUrl}`} hreflang={other} lang={other}>
                  {other === 'en' ? 'English' : 'Norsk (bokmål)'}
                </a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            <a href={webcal}>{t('calendar_feed')}</a> (<a href="/calendar.ics">{t('calendar_feed_download')}</a>)
          </p>
        </footer>
      </body>
    </html>
  );
}
