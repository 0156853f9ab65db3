import type { Kysely } from 'kysely';
import type { Database, EventRow, NewEvent, NewProgrammeItem } from '../db/schema';
import { zonedToUtc } from '../src/time';

const STAMP = '2026-01-01T00:00:00.000Z';

/** A published one-day seminar in Oslo; any column can be overridden. Local times are written 'YYYY-MM-DDTHH:mm'. */
export async function insertEvent(
  db: Kysely<Database>,
  overrides: Partial<NewEvent> & { localStart?: string; localEnd?: string } = {},
): Promise<EventRow> {
  const { localStart = '2027-01-14T09:00', localEnd = '2027-01-14T15:30', ...columns } = overrides;
  const zone = columns.time_zone ?? 'Europe/Oslo';
  return db
    .insertInto('events')
    .values({
      slug: `seminar-${Math.random().toString(36).slice(2, 8)}`,
      status: 'published',
      kind: 'seminar',
      title: 'Testseminar',
      summary: 'Et seminar for tester.',
      description: '',
      language: 'nb',
      time_zone: zone,
      starts_at: zonedToUtc(localStart, zone),
      ends_at: zonedToUtc(localEnd, zone),
      venue_name: 'Kulturhuset',
      venue_address: 'Storgata 1, 2317 Hamar',
      online_url: null,
      organiser_name: 'Testfylket',
      contact_name: null,
      contact_email: null,
      contact_phone: null,
      capacity: null,
      registration_opens_at: null,
      registration_closes_at: null,
      published_at: STAMP,
      created_at: STAMP,
      updated_at: STAMP,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertItem(
  db: Kysely<Database>,
  event: EventRow,
  local: { start: string; end: string },
  overrides: Partial<NewProgrammeItem> = {},
) {
  return db
    .insertInto('programme_items')
    .values({
      event_id: event.id,
      room_id: null,
      kind: 'talk',
      title: 'Foredrag',
      abstract: null,
      starts_at: zonedToUtc(local.start, event.time_zone),
      ends_at: zonedToUtc(local.end, event.time_zone),
      created_at: STAMP,
      updated_at: STAMP,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A published two-day conference (26–27 June 2019, Oslo time) as the calendar and schedule tests use it;
 * `local` moves it, any column can be overridden.
 */
export function insertConference(
  db: Kysely<Database>,
  overrides: Partial<NewEvent> & { local?: [string, string] } = {},
): Promise<EventRow> {
  const { local = ['2019-06-26T09:00', '2019-06-27T15:00'], ...columns } = overrides;
  const stamp = '2019-05-01T10:00:00.000Z';
  return insertEvent(db, {
    slug: `konferanse-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'conference',
    title: 'Helsekonferansen 2019',
    summary: 'To dager om samhandling, arbeid og helse.',
    venue_name: 'Quality Hotel Florø',
    venue_address: 'Hamnegata 7, 6900 Florø',
    organiser_name: 'Helse Førde',
    published_at: stamp,
    created_at: stamp,
    updated_at: stamp,
    localStart: local[0],
    localEnd: local[1],
    ...columns,
  });
}
