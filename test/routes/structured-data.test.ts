import { DOMParser } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow, NewEvent } from '../../db/schema';
import { createApp } from '../../src/app';
import { register } from '../../src/domain/registration';
import { insertEvent } from '../fixtures';
import { createTestDeps } from '../helpers';
import { person } from '../registration-helpers';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  t = await createTestDeps({ now: new Date('2027-01-02T12:00:00Z') });
  app = createApp(t.deps);
});
afterEach(() => t.close());

const BASE = 'http://localhost:3000';

/** The JSON-LD and the Open Graph / Twitter tags of an event's page. */
async function described(event: EventRow) {
  const res = await app.request(`/events/${event.slug}`);
  expect(res.status).toBe(200);
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const scripts = [...doc.querySelectorAll('script[type="application/ld+json"]')];
  expect(scripts).toHaveLength(1);
  const meta = Object.fromEntries([...doc.querySelectorAll('meta[property]')].map((m) => [m.getAttribute('property'), m.getAttribute('content')]));
  return { ld: JSON.parse(scripts[0]!.textContent!), meta };
}

const seminar = (overrides: Partial<NewEvent> & { localStart?: string; localEnd?: string } = {}) =>
  insertEvent(t.deps.db, {
    title: 'Inkludering i arbeidslivet',
    contact_email: 'kontakt@innlandet.no',
    localStart: '2027-01-07T09:00',
    localEnd: '2027-01-07T15:30',
    ...overrides,
  });

describe('schema.org Event and Open Graph of each kind of event', () => {
  it('upcoming and open: local times with offset, a free offer in stock for the registration window, a postal address', async () => {
    const event = await seminar({ registration_opens_at: '2026-12-01T08:00:00.000Z', registration_closes_at: '2027-01-05T22:59:00.000Z' });
    const { ld, meta } = await described(event);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Inkludering i arbeidslivet',
      startDate: '2027-01-07T09:00:00+01:00',
      endDate: '2027-01-07T15:30:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: [
        {
          '@type': 'Place',
          name: 'Kulturhuset',
          address: { '@type': 'PostalAddress', streetAddress: 'Storgata 1', postalCode: '2317', addressLocality: 'Hamar', addressCountry: 'NO' },
        },
      ],
      offers: {
        '@type': 'Offer',
        url: `${BASE}/events/${event.slug}/register`,
        price: 0,
        priceCurrency: 'NOK',
        availability: 'https://schema.org/InStock',
        validFrom: '2026-12-01T09:00:00+01:00',
        validThrough: '2027-01-05T23:59:00+01:00',
      },
      organizer: { '@type': 'Organization', name: 'Testfylket', url: `${BASE}/`, email: 'kontakt@innlandet.no' },
      image: [`${BASE}/assets/og-default.png`],
    });
    // No picture of its own: the site's default, with words for it, and a large card.
    expect(meta).toMatchObject({
      'og:title': 'Inkludering i arbeidslivet',
      'og:url': `${BASE}/events/${event.slug}`,
      'og:image': `${BASE}/assets/og-default.png`,
      'og:image:alt': 'Deltakere på et seminar – Inkludering i arbeidslivet',
      'twitter:card': 'summary_large_image',
    });
    const image = await app.request('/assets/og-default.png');
    expect(image.headers.get('content-type')).toBe('image/png');
    const png = new Uint8Array(await image.arrayBuffer());
    const view = new DataView(png.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
  });

  it('full with a waiting list: BackOrder, still at the registration page', async () => {
    const event = await seminar({ capacity: 1 });
    await register(t.deps.db, event.id, person(), 'nb', t.deps.clock(), t.deps.config);
    const { ld } = await described(event);
    expect(ld.offers).toMatchObject({ availability: 'https://schema.org/BackOrder', url: `${BASE}/events/${event.slug}/register` });
    // Without a registration window: from publication until the start.
    expect(ld.offers.validFrom).toBe('2026-01-01T01:00:00+01:00');
    expect(ld.offers.validThrough).toBe('2027-01-07T09:00:00+01:00');
  });

  it('not yet open: OutOfStock until validFrom', async () => {
    const { ld } = await described(await seminar({ registration_opens_at: '2027-01-04T08:00:00.000Z' }));
    expect(ld.offers).toMatchObject({ availability: 'https://schema.org/OutOfStock', validFrom: '2027-01-04T09:00:00+01:00' });
  });

  it('past: registration closed, times in the summer offset of their day', async () => {
    const { ld } = await described(await seminar({ localStart: '2026-06-10T09:00', localEnd: '2026-06-10T15:00' }));
    expect(ld).toMatchObject({ startDate: '2026-06-10T09:00:00+02:00', eventStatus: 'https://schema.org/EventScheduled' });
    expect(ld.offers.availability).toBe('https://schema.org/Discontinued');
  });

  it('cancelled: EventCancelled, and no one can register', async () => {
    const { ld } = await described(await seminar({ status: 'cancelled' }));
    expect(ld.eventStatus).toBe('https://schema.org/EventCancelled');
    expect(ld.offers.availability).toBe('https://schema.org/Discontinued');
  });

  it('online: a VirtualLocation only, online attendance', async () => {
    const { ld } = await described(await seminar({ venue_name: null, venue_address: null, online_url: 'https://video.example/møte' }));
    expect(ld.eventAttendanceMode).toBe('https://schema.org/OnlineEventAttendanceMode');
    expect(ld.location).toEqual([{ '@type': 'VirtualLocation', url: 'https://video.example/møte' }]);
  });

  it('uses the event’s own picture and its alt text when it has one', async () => {
    const event = await seminar();
    const file = await t.deps.db
      .insertInto('files')
      .values({
        event_id: event.id, item_id: null, speaker_id: null, kind: 'image', title: 'Salen', filename: 'sal.png', content_type: 'image/png',
        size: 10, sha256: 'x', storage_key: 'k', visibility: 'public', caption: null, credit: null, alt: 'Fullsatt sal på Hamar',
        position: 1, created_at: event.created_at, updated_at: event.created_at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const { ld, meta } = await described(event);
    expect(ld.image).toEqual([`${BASE}/files/${file.id}/sal.png`]);
    expect([meta['og:image'], meta['og:image:alt']]).toEqual([`${BASE}/files/${file.id}/sal.png`, 'Fullsatt sal på Hamar']);
  });
});
