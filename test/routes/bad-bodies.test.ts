import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { signIn } from '../admin-helpers';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';

// Whatever arrives as a request body, the answer is a clear 4xx, never a 500.
let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  t = await createTestDeps();
  app = createApp(t.deps);
});
afterAll(() => t.close());

const broken = { 'content-type': 'multipart/form-data; boundary=zzz' };

describe('malformed and oversized form bodies', () => {
  it('answers 400 to a broken multipart body on the sign-in page', async () => {
    const res = await app.request('/admin/login', { method: 'POST', headers: { ...broken, origin: 'http://localhost' }, body: 'garbage' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Forespørselen kunne ikke behandles');
  });

  it('answers 400 to broken bodies on signed-in organiser forms', async () => {
    const { organiser, cookie, csrf } = await signIn(app, t.deps, { role: 'admin' });
    expect(organiser).toBeTruthy();
    const event = await insertEvent(t.deps.db);
    for (const path of [`/admin/events/${event.id}`, `/admin/events/${event.id}/messages`, `/admin/events/${event.id}/links`, '/admin/api-tokens']) {
      const res = await app.request(path, {
        method: 'POST',
        headers: { ...broken, cookie, origin: 'http://localhost', 'x-csrf-token': csrf },
        body: 'garbage',
      });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it('refuses a huge form before reading it', async () => {
    const body = `email=${'a'.repeat(2_000_000)}&password=x`;
    const res = await app.request('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length), origin: 'http://localhost' },
      body,
    });
    expect(res.status).toBe(413);
  });
});
