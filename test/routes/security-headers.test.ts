import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { register } from '../../src/domain/registration';
import { feedTokenFor } from '../../src/domain/registration-tokens';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';
import { SETTINGS, person } from '../registration-helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;
let event: EventRow;
let token: string;

beforeAll(async () => {
  t = await createTestDeps();
  app = createApp(t.deps);
  event = await insertEvent(t.deps.db, { slug: 'hodene', starts_at: '2026-12-10T08:00:00.000Z', ends_at: '2026-12-10T15:00:00.000Z' });
  const outcome = await register(t.deps.db, event.id, person(), 'nb', t.deps.clock(), SETTINGS);
  if (outcome.kind !== 'registered') throw new Error('not registered');
  token = outcome.token;
});
afterAll(() => t.close());

const csp = (res: Response) =>
  new Map(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

describe('security headers', () => {
  it.each(['/', '/events/hodene', '/admin/login', '/nowhere', '/calendar.ics', '/assets/style.css'])('%s carries the CSP and friends', async (path) => {
    const res = await app.request(path);
    const policy = csp(res);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The organiser area keeps its stricter same-origin.
    expect(res.headers.get('referrer-policy')).toMatch(/^(strict-origin-when-cross-origin|same-origin)$/);
    // http here: HSTS would pin browsers to an https that does not exist.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS when the public address is https', async () => {
    const https = createApp({ ...t.deps, config: { ...t.deps.config, baseUrl: 'https://samling.example.no' } });
    const res = await https.request('/');
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });

  it('pages behind a private link are not passed on, cached or indexed', async () => {
    const paths = [`/registrations/${token}`, `/registrations/feed/${feedTokenFor(token)}.ics`, `/registrations/${'x'.repeat(43)}`];
    for (const path of paths) {
      const res = await app.request(path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex');
    }
  });

  it('the layout has no inline script or style for the CSP to refuse', async () => {
    const body = await (await app.request('/events/hodene')).text();
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/ld\+json")[^>]*>/);
    expect(body).not.toMatch(/\sstyle="|\son[a-z]+="/);
    expect(body).toContain('{&quot;includeIndicatorStyles&quot;:false');
  });

  it('has a robots.txt that keeps crawlers out of the private parts', async () => {
    const res = await app.request('/robots.txt');
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const path of ['/admin', '/registrations/', '/upload/', '/api/']) expect(text).toContain(`Disallow: ${path}`);
  });
});
