import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { createApp } from '../../src/app';
import { grantEvent } from '../../src/domain/auth';
import { register } from '../../src/domain/registration';
import { signIn } from '../admin-helpers';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';
import { SETTINGS, deliverAll, person } from '../registration-helpers';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
let app: ReturnType<typeof createApp>;
let ours: EventRow;
let theirs: EventRow;
let kari: Awaited<ReturnType<typeof signIn>>;
let ola: Awaited<ReturnType<typeof signIn>>;

const NASTY = '<script>alert(1)</script> Hansen';

async function mailOf(eventId: number, kind: string) {
  return t.deps.db.selectFrom('outbox').selectAll().where('event_id', '=', eventId).where('kind', '=', kind).executeTakeFirstOrThrow();
}

beforeEach(async () => {
  t = await createTestDeps();
  app = createApp(t.deps);
  ours = await insertEvent(t.deps.db, { title: 'Inkluderingsseminar', capacity: 1 });
  theirs = await insertEvent(t.deps.db, { title: 'Veiseminar' });
  await register(t.deps.db, ours.id, person({ name: NASTY, email: 'anne@example.no' }), 'nb', t.deps.clock(), SETTINGS);
  await register(t.deps.db, ours.id, person({ name: 'Bjørn', email: 'bjorn@example.no' }), 'nb', t.deps.clock(), SETTINGS);
  await register(t.deps.db, theirs.id, person({ name: 'Per', email: 'per@example.no' }), 'nb', t.deps.clock(), SETTINGS);
  kari = await signIn(app, t.deps, { role: 'organiser' });
  ola = await signIn(app, t.deps, { role: 'organiser' });
  await grantEvent(t.deps.db, kari.organiser.id, ours.id);
  await grantEvent(t.deps.db, ola.organiser.id, theirs.id);
});
afterEach(() => t.close());

describe('reading a mail (/admin/outbox/:id)', () => {
  it('lists the latest mails of my events, each linked to a page with the escaped plain-text body', async () => {
    const confirmation = await mailOf(ours.id, 'confirmation');
    const list = await kari.get('/admin/outbox');
    const links = [...list.doc.querySelectorAll('table.outbox-recent a')].map((a) => a.getAttribute('href'));
    // Newest first; Ola's event's mail is not among them.
    expect(links).toEqual([`/admin/outbox/${confirmation.id + 1}`, `/admin/outbox/${confirmation.id}`]);
    // The Type column shows words, never the internal code.
    const kinds = [...list.doc.querySelectorAll('table.outbox-recent tbody td:nth-child(3)')].map((td) => td.textContent?.trim());
    expect(kinds).toContain('Bekreftelse');
    expect(kinds).not.toContain('confirmation');

    const page = await kari.get(`/admin/outbox/${confirmation.id}`);
    expect(page.res.status).toBe(200);
    const pre = page.doc.querySelector('pre.mail-body')!;
    expect(pre.textContent).toContain(NASTY);
    expect(pre.querySelector('script')).toBeNull();
    expect(page.doc.querySelectorAll('script:not([src])').length).toBe(0);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Hansen');
    const details = [...page.doc.querySelectorAll('dl.mail-details dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]);
    expect(details).toEqual(
      expect.arrayContaining([
        ['Til', 'anne@example.no'],
        ['Type', 'Bekreftelse'],
        ['Arrangement', 'Inkluderingsseminar'],
        ['Status', 'Venter'],
        ['Forsøk', '0'],
        ['Sendt', 'Ikke sendt ennå'],
      ]),
    );
  });

  it("shows a participant's private links redacted, before and after sending, and in mail queued before links were kept apart", async () => {
    const confirmation = await mailOf(ours.id, 'confirmation');
    const token = confirmation.private_token!;
    const check = async () => {
      const page = await kari.get(`/admin/outbox/${confirmation.id}`);
      expect(page.doc.querySelector('pre.mail-body')!.textContent).toContain('/registrations/…');
      expect(page.body).not.toMatch(/\/(registrations|upload)\/(feed\/)?[A-Za-z0-9_-]{43}/);
      expect(page.body).not.toContain(token);
    };
    await check();
    await deliverAll(t.deps.db, t.deps.clock());
    await check();
    // A row written by the earlier code, with the link in its payload.
    const payload = JSON.parse(confirmation.payload) as { text: string; html: string };
    const legacy = { text: payload.text.replaceAll('/registrations/…', `/registrations/${token}`), html: payload.html.replaceAll('/registrations/…', `/registrations/${token}`) };
    await t.deps.db.updateTable('outbox').set({ payload: JSON.stringify({ ...payload, ...legacy }) }).where('id', '=', confirmation.id).execute();
    await check();
  });

  it('offers the calendar invitation as an .ics download, only for mails that carry one', async () => {
    const confirmation = await mailOf(ours.id, 'confirmation');
    const page = await kari.get(`/admin/outbox/${confirmation.id}`);
    const href = page.doc.querySelector('a[href$="/invitation.ics"]')!.getAttribute('href')!;
    const ics = await app.request(href, { headers: { cookie: kari.cookie } });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.headers.get('content-disposition')).toMatch(/^attachment; filename="invitation\.ics"/);
    const text = await ics.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR/);
    expect(text).toContain('METHOD:REQUEST');

    // Bjørn is on the waiting list: no invitation in that mail.
    const waitlisted = await mailOf(ours.id, 'waitlisted');
    expect((await kari.get(`/admin/outbox/${waitlisted.id}`)).doc.querySelector('a[href$="/invitation.ics"]')).toBeNull();
    expect((await kari.get(`/admin/outbox/${waitlisted.id}/invitation.ics`)).res.status).toBe(404);
  });

  it("links failed mails to their page and shows the error; another organiser's mail is not found", async () => {
    const confirmation = await mailOf(ours.id, 'confirmation');
    await t.deps.db.updateTable('outbox').set({ status: 'failed', attempts: 8, last_error: '550 <No such user>' }).where('id', '=', confirmation.id).execute();
    const list = await kari.get('/admin/outbox');
    expect(list.doc.querySelector(`table.outbox-failed a[href="/admin/outbox/${confirmation.id}"]`)?.textContent).toBe('anne@example.no');
    const page = await kari.get(`/admin/outbox/${confirmation.id}`);
    expect(page.doc.querySelector('dl.mail-details code')!.textContent).toBe('550 <No such user>');

    const others = await mailOf(theirs.id, 'confirmation');
    expect((await kari.get(`/admin/outbox/${others.id}`)).res.status).toBe(404);
    expect((await kari.get(`/admin/outbox/${others.id}/invitation.ics`)).res.status).toBe(404);
    expect((await ola.get(`/admin/outbox/${confirmation.id}`)).res.status).toBe(404);
    expect((await ola.get(`/admin/outbox/${others.id}`)).res.status).toBe(200);
    expect((await kari.get('/admin/outbox/999999')).res.status).toBe(404);
    // An admin reads every mail.
    const admin = await signIn(app, t.deps, { role: 'admin' });
    expect((await admin.get(`/admin/outbox/${others.id}`)).res.status).toBe(200);
  });
});
