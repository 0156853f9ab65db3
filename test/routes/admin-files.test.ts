import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { pdfWithTitlePage } from '../../src/demo/pdf';
import { encodePng } from '../../src/demo/png';
import { grantEvent } from '../../src/domain/auth';
import { register } from '../../src/domain/registration';
import { ORIGIN, parseHtml, signIn } from '../admin-helpers';
import { insertEvent, insertItem } from '../fixtures';
import { createTestDeps } from '../helpers';
import { person, SETTINGS } from '../registration-helpers';
import { docx, odp, plainZip, pptx } from '../zip-fixtures';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;
let event: EventRow;
let kari: Awaited<ReturnType<typeof signIn>>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file under the store's folder (temporary ".part" files included): what an upload left on disk. */
async function filesOnDisk(): Promise<string[]> {
  try {
    const entries = await readdir(join(t.dir, 'files'), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** Labels and error links point at ids, so an id used twice breaks them. */
function expectUniqueIds(doc: Document) {
  const ids = [...doc.querySelectorAll('[id]')].map((e) => e.getAttribute('id'));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  for (const label of doc.querySelectorAll('label[for]')) expect(doc.getElementById(label.getAttribute('for')!), label.outerHTML).toBeTruthy();
}

const rows = () => t.deps.db.selectFrom('files').selectAll().orderBy('id').execute();

/** A multipart upload as a browser sends it: the fields first, the file last. */
async function upload(
  path: string,
  file: { bytes: Uint8Array; name: string } | null,
  fields: Record<string, string> = {},
  who: { cookie?: string; csrf?: string } = kari,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  // The form token first, as the page's form sends it (never in the URL).
  if (who.csrf !== undefined) form.append('_csrf', who.csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file ? new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: 'application/pdf' }) : new File([], ''), file?.name ?? '');
  const res = await app.request(path, { method: 'POST', body: form, headers: { origin: ORIGIN, cookie: who.cookie ?? '', ...headers } });
  const body = await res.text();
  return { res, body, doc: parseHtml(body) };
}

const META = { title: 'Lysark', kind: 'presentation', visibility: 'public' };

async function uploadOk(bytes: Uint8Array, name: string, fields: Record<string, string> = META) {
  const r = await upload(`/admin/events/${event.id}/files`, { bytes, name }, fields);
  expect(r.res.status, r.body.slice(0, 2000)).toBe(303);
  const id = Number(/uploaded=(\d+)/.exec(r.res.headers.get('location') ?? '')?.[1]);
  return (await t.deps.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirstOrThrow())!;
}

beforeEach(async () => {
  t = await createTestDeps();
  app = createApp(t.deps);
  event = await insertEvent(t.deps.db, { title: 'Inkluderingsdugnad' });
  kari = await signIn(app, t.deps, { role: 'organiser' });
  await grantEvent(t.deps.db, kari.organiser.id, event.id);
});
afterEach(() => t.close());

describe('uploading', () => {
  it('stores a real PDF that then downloads with the right type, bytes and SHA-256, and lists it', async () => {
    const pdf = pdfWithTitlePage('Inkludering i arbeidslivet', ['Hamar, 14. januar']);
    const row = await uploadOk(pdf, 'Bodø – årsmøte.pdf', { ...META, title: 'Årsmøte i Bodø' });
    expect(row).toMatchObject({ title: 'Årsmøte i Bodø', filename: 'Bodo-arsmote.pdf', content_type: 'application/pdf', size: pdf.length, sha256: sha256(pdf) });

    const download = await app.request(`/files/${row.id}/${row.filename}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('etag')).toBe(`"${sha256(pdf)}"`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);

    const page = await kari.get(`/admin/events/${event.id}/files?uploaded=${row.id}`);
    expect(page.res.status).toBe(200);
    expect(page.doc.querySelector('[role="status"]')?.textContent).toContain('Årsmøte i Bodø');
    const cells = [...page.doc.querySelectorAll(`#file-${row.id} td`)].map((td) => td.textContent?.trim());
    expect(cells.slice(0, 4)).toEqual(['Presentasjon', 'PDF', expect.stringMatching(/kB$/), 'Alle']);
    // The upload form sends its token as its first field, never in the URL (access logs), and the file input comes last.
    const form = page.doc.querySelector('form[enctype="multipart/form-data"]')!;
    expect(form.getAttribute('action')).toBe(`/admin/events/${event.id}/files`);
    expect(form.querySelector('input')?.getAttribute('name')).toBe('_csrf');
    expect(form.querySelector('input')?.getAttribute('value')).toBe(kari.csrf);
    expect([...form.querySelectorAll('input, select, textarea')].at(-1)?.getAttribute('type')).toBe('file');
    expect(page.doc.querySelector('progress')).toBeTruthy();
    expectUniqueIds(page.doc);
    expectUniqueIds((await kari.get(`/admin/events/${event.id}/files/${row.id}`)).doc);
    const src = page.doc.querySelector('script[src^="/assets/upload."]')?.getAttribute('src');
    expect(src).toMatch(/^\/assets\/upload\.[0-9a-f]{10}\.js$/);
    const script = await app.request(src!);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain("xhr.upload.addEventListener('progress'");
  });

  it('refuses a renamed .exe with 415 and a clear message, leaving no row and no file', async () => {
    const exe = new Uint8Array(20_000);
    exe.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
    const r = await upload(`/admin/events/${event.id}/files`, { bytes: exe, name: 'slides.pdf' }, META);
    expect(r.res.status).toBe(415);
    expect(r.doc.querySelector('#err-file')?.textContent).toContain('Denne filtypen tas ikke imot');
    expect(r.doc.querySelector('#f-file')?.getAttribute('aria-invalid')).toBe('true');
    expect(await rows()).toEqual([]);
    expect(await filesOnDisk()).toEqual([]);
  });

  it('refuses a file over the limit with 413 while streaming, leaving no partial file', async () => {
    t.deps.config.maxUploadBytes = 1024 * 1024;
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(pdfWithTitlePage('Stor', []));
    const r = await upload(`/admin/events/${event.id}/files`, { bytes: big, name: 'stor.pdf' }, META, kari, { 'accept-language': 'en' });
    expect(r.res.status).toBe(413);
    expect(r.doc.querySelector('#err-file')?.textContent).toContain('The file is too large. The largest file you can upload is 1 MB.');
    expect(await rows()).toEqual([]);
    expect(await filesOnDisk()).toEqual([]);
  });

  it('refuses at once, by Content-Length, a body that cannot fit', async () => {
    t.deps.config.maxUploadBytes = 1024 * 1024;
    const res = await app.request(`/admin/events/${event.id}/files`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: kari.cookie, 'x-csrf-token': kari.csrf, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) },
      body: '--x--\r\n',
    });
    expect(res.status).toBe(413);
    expect(await filesOnDisk()).toEqual([]);
  });

  it('needs alt text for an image, and an image must be a picture', async () => {
    const png = await encodePng(4, 4, new Uint8Array(48));
    const noAlt = await upload(`/admin/events/${event.id}/files`, { bytes: png, name: 'sal.png' }, { ...META, kind: 'image' });
    expect(noAlt.res.status).toBe(422);
    expect(noAlt.doc.querySelector('#err-alt')?.textContent).toContain('alternativ tekst');
    expect(noAlt.doc.querySelector('#f-title')?.getAttribute('value')).toBe('Lysark');
    const pdfAsImage = await upload(`/admin/events/${event.id}/files`, { bytes: pdfWithTitlePage('a', []), name: 'a.png' }, { ...META, kind: 'image', alt: 'Salen' });
    expect(pdfAsImage.res.status).toBe(415);
    expect(await rows()).toEqual([]);
    expect(await filesOnDisk()).toEqual([]);

    const row = await uploadOk(png, 'sal.png', { title: 'Salen', kind: 'image', visibility: 'public', alt: 'Fullsatt sal', caption: 'Åpningen', credit: 'Inger Stubsjøen' });
    expect(row).toMatchObject({ content_type: 'image/png', filename: 'sal.png', alt: 'Fullsatt sal', credit: 'Inger Stubsjøen' });
    const page = await kari.get(`/admin/events/${event.id}/files`);
    expect(page.doc.querySelector(`#file-${row.id} th`)?.textContent).toContain('Foto: Inger Stubsjøen');
  });

  it('asks for a file when none was chosen, and takes the title from the file name when none was typed', async () => {
    const none = await upload(`/admin/events/${event.id}/files`, null, META);
    expect(none.res.status).toBe(422);
    expect(none.doc.querySelector('#err-file')?.textContent).toBe('Velg en fil.');
    // With neither a file nor a title, only the missing file is the problem: the title would come from its name.
    const nothing = await upload(`/admin/events/${event.id}/files`, null, { ...META, title: '' });
    expect(nothing.res.status).toBe(422);
    expect(nothing.doc.querySelector('#err-file')?.textContent).toBe('Velg en fil.');
    expect(nothing.doc.querySelector('#err-title')).toBeNull();
    const row = await uploadOk(pdfWithTitlePage('x', []), 'Program_26-27_juni.pdf', { ...META, title: '' });
    expect(row.title).toBe('Program 26-27 juni');
  });

  it('tells PPTX, ODP and DOCX from their insides, and refuses another zip', async () => {
    expect((await uploadOk(pptx(), 'foredrag.pptx')).content_type).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect((await uploadOk(odp(), 'foredrag.odp')).content_type).toBe('application/vnd.oasis.opendocument.presentation');
    const doc = await uploadOk(docx(), 'referat.pptx', { ...META, kind: 'document' });
    expect(doc).toMatchObject({ content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename: 'referat.docx' });
    const before = (await filesOnDisk()).length;
    const zip = await upload(`/admin/events/${event.id}/files`, { bytes: plainZip(), name: 'bilder.pptx' }, META);
    expect(zip.res.status).toBe(415);
    expect(await filesOnDisk()).toHaveLength(before);
    expect(await rows()).toHaveLength(3);
  });

  it('needs the form token in the URL of a multipart post', async () => {
    const r = await upload(`/admin/events/${event.id}/files`, { bytes: pdfWithTitlePage('a', []), name: 'a.pdf' }, META, { cookie: kari.cookie });
    expect(r.res.status).toBe(403);
    expect(await rows()).toEqual([]);
  });
});

describe('editing, replacing and deleting', () => {
  it('replaces the bytes under the same URL with a new ETag; the old file name redirects', async () => {
    const first = pdfWithTitlePage('Versjon 1', []);
    const row = await uploadOk(first, 'lysark.pdf');
    const url = `/files/${row.id}/lysark.pdf`;
    const before = await app.request(url);
    expect(before.headers.get('etag')).toBe(`"${sha256(first)}"`);

    const second = pdfWithTitlePage('Versjon 2', ['med rettelser']);
    const r = await upload(`/admin/events/${event.id}/files/${row.id}/replace`, { bytes: second, name: 'lysark-v2.pdf' });
    expect(r.res.status).toBe(303);
    const after = await t.deps.db.selectFrom('files').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ id: row.id, filename: 'lysark-v2.pdf', sha256: sha256(second), size: second.length });

    const moved = await app.request(url);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/files/${row.id}/lysark-v2.pdf`);
    const now = await app.request(`/files/${row.id}/lysark-v2.pdf`, { headers: { 'if-none-match': `"${sha256(first)}"` } });
    expect(now.status).toBe(200);
    expect(now.headers.get('etag')).toBe(`"${sha256(second)}"`);
    expect(new Uint8Array(await now.arrayBuffer())).toEqual(second);
    // The old bytes are gone from the store: one file on disk.
    expect(await filesOnDisk()).toHaveLength(1);
  });

  it('refuses a replacement of another type family and keeps the old file', async () => {
    const row = await uploadOk(pdfWithTitlePage('a', []), 'a.pdf');
    const png = await encodePng(2, 2, new Uint8Array(12));
    const r = await upload(`/admin/events/${event.id}/files/${row.id}/replace`, { bytes: png, name: 'a.png' });
    expect(r.res.status).toBe(415);
    expect((await rows())[0]!.sha256).toBe(row.sha256);
    expect(await filesOnDisk()).toHaveLength(1);
  });

  it('edits the metadata, sets a speaker photo, and deletes after confirmation', async () => {
    const item = await insertItem(t.deps.db, event, { start: '2027-01-14T10:00', end: '2027-01-14T10:45' }, { title: 'Åpning' });
    const speaker = await t.deps.db
      .insertInto('speakers')
      .values({ event_id: event.id, name: 'Åse Ødegård', role: null, organisation: null, bio: null, photo_file_id: null, position: 0 })
      .returningAll()
      .executeTakeFirstOrThrow();
    const row = await uploadOk(pdfWithTitlePage('a', []), 'a.pdf');
    const bad = await kari.post(`/admin/events/${event.id}/files/${row.id}`, { ...META, kind: 'image', alt: 'x' });
    expect(bad.res.status).toBe(422);
    const saved = await kari.post(`/admin/events/${event.id}/files/${row.id}`, {
      title: 'Åpningsinnlegg',
      kind: 'presentation',
      visibility: 'participants',
      item_id: String(item.id),
      speaker_id: String(speaker.id),
    });
    expect(saved.res.status).toBe(303);
    const list = await kari.get(`/admin/events/${event.id}/files`);
    expect(list.doc.querySelector(`#file-${row.id}`)?.textContent).toContain('Åpning · Åse Ødegård');
    expect(list.doc.querySelector(`#file-${row.id} .visibility`)?.textContent).toBe('Bare deltakere');

    const png = await uploadOk(await encodePng(2, 2, new Uint8Array(12)), 'ase.png', { title: 'Åse', kind: 'image', visibility: 'public', alt: 'Portrett av Åse' });
    expect((await kari.post(`/admin/events/${event.id}/speakers/${speaker.id}/photo`, { file_id: String(row.id) })).res.status).toBe(422);
    expect((await kari.post(`/admin/events/${event.id}/speakers/${speaker.id}/photo`, { file_id: String(png.id) })).res.status).toBe(303);
    expect((await t.deps.db.selectFrom('speakers').select('photo_file_id').executeTakeFirstOrThrow()).photo_file_id).toBe(png.id);

    const confirm = await kari.get(`/admin/events/${event.id}/files/${png.id}/delete`);
    expect(confirm.doc.querySelector('form[action$="/delete"] button')?.textContent).toBe('Ja, slett filen');
    expect((await kari.post(`/admin/events/${event.id}/files/${png.id}/delete`)).res.status).toBe(303);
    expect((await rows()).map((r) => r.id)).toEqual([row.id]);
    expect((await t.deps.db.selectFrom('speakers').select('photo_file_id').executeTakeFirstOrThrow()).photo_file_id).toBeNull();
    expect(await filesOnDisk()).toHaveLength(1);
  });
});

describe('who may see and change files', () => {
  it('participants-only: 404 for the public, 200 for the organiser and a confirmed participant; organisers-only: organisers only', async () => {
    const members = await uploadOk(pdfWithTitlePage('Deltakere', []), 'deltakere.pdf', { ...META, visibility: 'participants' });
    const internal = await uploadOk(pdfWithTitlePage('Intern', []), 'intern.pdf', { ...META, visibility: 'organisers' });
    const outcome = await register(t.deps.db, event.id, person(), 'nb', t.deps.clock(), SETTINGS);
    if (outcome.kind !== 'registered') throw new Error('not registered');
    const other = await signIn(app, t.deps, { role: 'organiser' });
    const admin = await signIn(app, t.deps, { role: 'admin' });

    for (const file of [members, internal]) {
      const path = `/files/${file.id}/${file.filename}`;
      expect((await app.request(path)).status).toBe(404);
      expect((await app.request(path, { headers: { cookie: other.cookie } })).status).toBe(404);
      const own = await app.request(path, { headers: { cookie: kari.cookie } });
      expect(own.status).toBe(200);
      expect(own.headers.get('cache-control')).toBe('private, no-store');
      expect((await app.request(path, { headers: { cookie: admin.cookie } })).status).toBe(200);
    }
    const viaManageLink = (f: typeof members) => app.request(`/registrations/${outcome.token}/files/${f.id}/${f.filename}`);
    const got = await viaManageLink(members);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(pdfWithTitlePage('Deltakere', []));
    expect((await viaManageLink(internal)).status).toBe(404);
  });

  it('organiser B can neither list nor upload to organiser A’s event', async () => {
    const bob = await signIn(app, t.deps, { role: 'organiser' });
    expect((await bob.get(`/admin/events/${event.id}/files`)).res.status).toBe(404);
    const r = await upload(`/admin/events/${event.id}/files`, { bytes: pdfWithTitlePage('a', []), name: 'a.pdf' }, META, bob);
    expect(r.res.status).toBe(404);
    const row = await uploadOk(pdfWithTitlePage('b', []), 'b.pdf');
    expect((await bob.get(`/admin/events/${event.id}/files/${row.id}`)).res.status).toBe(404);
    expect((await bob.post(`/admin/events/${event.id}/files/${row.id}/delete`)).res.status).toBe(404);
    expect(await rows()).toHaveLength(1);
    expect(await filesOnDisk()).toHaveLength(1);
  });
});

describe('a speaker’s private upload link', () => {
  it('lets the speaker upload and replace their own slides until the link is revoked', async () => {
    const speaker = await t.deps.db
      .insertInto('speakers')
      .values({ event_id: event.id, name: 'Thomas Frydenlund', role: null, organisation: null, bio: null, photo_file_id: null, position: 0 })
      .returningAll()
      .executeTakeFirstOrThrow();
    const item = await insertItem(t.deps.db, event, { start: '2027-01-14T11:00', end: '2027-01-14T11:30' }, { title: 'Inkludering i praksis' });
    await t.deps.db.insertInto('item_speakers').values({ item_id: item.id, speaker_id: speaker.id, position: 0 }).execute();
    const linkPage = `/admin/events/${event.id}/speakers/${speaker.id}/upload-link`;

    expect((await kari.get(linkPage)).doc.body.textContent).toContain('Ingen lenke er i bruk.');
    const made = await kari.post(linkPage, { action: 'create' });
    expect(made.res.status).toBe(200);
    const link = made.doc.querySelector<HTMLInputElement>('#upload-link')!.getAttribute('value')!;
    expect(link).toMatch(/^http:\/\/localhost:3000\/upload\/[\w-]{43}$/);
    const path = new URL(link).pathname;
    const stored = await t.deps.db.selectFrom('upload_links').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(new TextEncoder().encode(path.slice('/upload/'.length))));
    expect(JSON.stringify(stored)).not.toContain(path.slice('/upload/'.length));

    const page = await app.request(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const doc = parseHtml(await page.text());
    expect(doc.querySelector('#f-item_id option')?.textContent).toContain('Inkludering i praksis');

    const speakerWho = { cookie: '', csrf: undefined };
    const up = await upload(path, { bytes: pptx(), name: 'Frydenlund.pptx' }, { item_id: String(item.id), title: '' }, speakerWho);
    expect(up.res.status).toBe(303);
    const row = (await rows())[0]!;
    expect(row).toMatchObject({ kind: 'presentation', speaker_id: speaker.id, item_id: item.id, title: 'Frydenlund', filename: 'Frydenlund.pptx', visibility: 'public' });
    const after = parseHtml(await (await app.request(`${path}?done=${row.id}`)).text());
    expect(after.querySelector('[role="status"]')?.textContent).toContain('Frydenlund');

    const exe = new Uint8Array([0x4d, 0x5a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await upload(path, { bytes: exe, name: 'x.pptx' }, { item_id: String(item.id) }, speakerWho)).res.status).toBe(415);
    // Posts from elsewhere are refused.
    const forged = await upload(path, { bytes: pptx(), name: 'x.pptx' }, {}, speakerWho, { origin: 'https://evil.example' });
    expect(forged.res.status).toBe(403);

    const pdf = pdfWithTitlePage('Ny versjon', []);
    const replaced = await upload(`${path}/files/${row.id}/replace`, { bytes: pdf, name: 'Frydenlund v2.pdf' }, {}, speakerWho);
    expect(replaced.res.status).toBe(303);
    await upload(path, { bytes: pptx(), name: 'To.pptx' }, { item_id: String(item.id) }, speakerWho);
    expectUniqueIds(parseHtml(await (await app.request(path)).text()));
    await t.deps.db.deleteFrom('files').where('title', '=', 'To').execute();
    expect((await rows())[0]).toMatchObject({ id: row.id, filename: 'Frydenlund-v2.pdf', sha256: sha256(pdf) });
    expect(await rows()).toHaveLength(1);

    // Another speaker's file cannot be replaced through this link.
    const theirs = await uploadOk(pdfWithTitlePage('c', []), 'c.pdf');
    expect((await upload(`${path}/files/${theirs.id}/replace`, { bytes: pdf, name: 'c.pdf' }, {}, speakerWho)).res.status).toBe(404);

    const revoked = await kari.post(linkPage, { action: 'revoke' });
    expect(revoked.res.status).toBe(200);
    expect((await app.request(path)).status).toBe(404);
    expect((await upload(path, { bytes: pptx(), name: 'y.pptx' }, {}, speakerWho)).res.status).toBe(404);
  });

  it('is not reachable for another organiser’s speaker', async () => {
    const other = await insertEvent(t.deps.db);
    const speaker = await t.deps.db
      .insertInto('speakers')
      .values({ event_id: other.id, name: 'X', role: null, organisation: null, bio: null, photo_file_id: null, position: 0 })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect((await kari.post(`/admin/events/${other.id}/speakers/${speaker.id}/upload-link`, { action: 'create' })).res.status).toBe(404);
    expect((await kari.post(`/admin/events/${event.id}/speakers/${speaker.id}/upload-link`, { action: 'create' })).res.status).toBe(404);
    expect(await t.deps.db.selectFrom('upload_links').selectAll().execute()).toEqual([]);
  });
});
