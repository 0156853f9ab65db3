import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { seedDemo } from '../../src/demo/seed';
import { signIn } from '../admin-helpers';
import { createTestDeps } from '../helpers';

const NOW = new Date('2026-11-23T12:00:00Z');
const opened: Awaited<ReturnType<typeof createTestDeps>>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});
async function instance() {
  const t = await createTestDeps({ now: NOW });
  opened.push(t);
  return { t, app: createApp(t.deps) };
}

/** The restore form as a browser sends it: multipart, the CSRF token as its first field. */
async function upload(app: ReturnType<typeof createApp>, admin: Awaited<ReturnType<typeof signIn>>, bytes: Uint8Array) {
  const form = new FormData();
  form.append('_csrf', admin.csrf);
  form.append('backup', new Blob([bytes as BlobPart], { type: 'application/x-ndjson' }), 'samling-backup.ndjson');
  const request = new Request('http://localhost:3000/admin/backup/import', {
    method: 'POST',
    headers: { cookie: admin.cookie, origin: 'http://localhost:3000' },
    body: form,
  });
  const res = await app.request(request);
  return { res, body: await res.text() };
}

describe('/admin/backup', () => {
  it('lets an admin download the instance and restore it into an empty one; organisers do not see it', async () => {
    const source = await instance();
    await seedDemo(source.t.deps.db, source.t.deps.files, NOW);
    const organiser = await signIn(source.app, source.t.deps, { role: 'organiser' });
    expect((await organiser.get('/admin/backup')).res.status).toBe(404);
    expect((await organiser.get('/admin/backup/export')).res.status).toBe(404);

    const admin = await signIn(source.app, source.t.deps, { role: 'admin' });
    const page = await admin.get('/admin/backup');
    expect(page.res.status).toBe(200);
    expect(page.doc.querySelector('a[href="/admin/backup"][aria-current="page"]')).not.toBeNull();
    const download = await source.app.request('/admin/backup/export', { headers: { cookie: admin.cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="samling-backup-2026-11-23.ndjson"');
    const bytes = new Uint8Array(await download.arrayBuffer());

    const target = await instance();
    const targetAdmin = await signIn(target.app, target.t.deps, { role: 'admin' });
    const restored = await upload(target.app, targetAdmin, bytes);
    expect(restored.res.status).toBe(200);
    expect(restored.body).toMatch(/Gjenopprettet \d+ rader og \d+ filer/);
    const titles = async (db: typeof source.t.deps.db) => (await db.selectFrom('events').select('title').orderBy('id').execute()).map((e) => e.title);
    expect(await titles(target.t.deps.db)).toEqual(await titles(source.t.deps.db));
    // The restored accounts replaced the target's own: its admin's session has ended.
    expect((await targetAdmin.get('/admin/backup')).res.status).not.toBe(200);

    const again = await signIn(target.app, target.t.deps, { role: 'admin' });
    const refused = await upload(target.app, again, bytes);
    expect(refused.res.status).toBe(422);
    expect(refused.body).toContain('Denne installasjonen har allerede data.');
  });
});
