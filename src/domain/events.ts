import type { CompiledQuery, Kysely } from 'kysely';
import type { Database, EventRow, FileRow, LinkRow, ProgrammeItemRow, RoomRow, SpeakerRow } from '../../db/schema';
import { groupBy } from '../group-by';
import { type Viewer, visibleTo } from './access';

/** Published and cancelled events are public; drafts are seen only by organisers. */
const PUBLIC_STATUSES = ['published', 'cancelled'] as const;

export async function listPublicEvents(db: Kysely<Database>, now: Date): Promise<{ upcoming: EventRow[]; past: EventRow[] }> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('status', 'in', PUBLIC_STATUSES)
    .orderBy('starts_at', 'asc')
    .execute();
  const cut = now.toISOString();
  return {
    upcoming: rows.filter((e) => e.ends_at >= cut),
    past: rows.filter((e) => e.ends_at < cut).reverse(),
  };
}

/** What the home page shows of an event: no description, no settings. */
export const EVENT_CARD_COLUMNS = ['id', 'slug', 'title', 'kind', 'status', 'summary', 'venue_name', 'venue_address', 'starts_at', 'ends_at', 'time_zone'] as const;
export type EventCardRow = Pick<EventRow, (typeof EVENT_CARD_COLUMNS)[number]>;

/** The home page's lists: upcoming soonest first, past latest first, sorted by SQL and without the long columns. */
export async function listEventCards(db: Kysely<Database>, now: Date): Promise<{ upcoming: EventCardRow[]; past: EventCardRow[] }> {
  const cut = now.toISOString();
  const base = db.selectFrom('events').select(EVENT_CARD_COLUMNS).where('status', 'in', PUBLIC_STATUSES);
  const [upcoming, past] = await Promise.all([
    base.where('ends_at', '>=', cut).orderBy('starts_at', 'asc').orderBy('id').execute(),
    base.where('ends_at', '<', cut).orderBy('starts_at', 'desc').orderBy('id', 'desc').execute(),
  ]);
  return { upcoming, past };
}

export async function findPublicEvent(db: Kysely<Database>, slug: string): Promise<EventRow | undefined> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', 'in', PUBLIC_STATUSES)
    .executeTakeFirst();
}

export interface ProgrammeItem extends ProgrammeItemRow {
  room: RoomRow | null;
  speakers: SpeakerRow[];
  materials: FileRow[];
}

export interface EventDetails {
  event: EventRow;
  rooms: RoomRow[];
  speakers: SpeakerRow[];
  items: ProgrammeItem[];
  /** Files the viewer may see: documents, images and presentations. */
  files: FileRow[];
  links: LinkRow[];
}

/**
 * Everything the public pages of one event show, in display order, limited to what the viewer may see. With `itemId`,
 * only that programme item (with its speakers and materials): a single item's calendar file need not load the rest.
 * Speakers and files are matched to items through maps built once, not by filtering the whole arrays per item.
 */
export async function loadEventDetails(db: Kysely<Database>, event: EventRow, viewer: Viewer, only: { itemId?: number } = {}): Promise<EventDetails> {
  const { itemId } = only;
  const [rooms, speakers, items, links, allFiles, itemSpeakers] = await Promise.all([
    db.selectFrom('rooms').selectAll().where('event_id', '=', event.id).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('speakers')
      .selectAll()
      .where('event_id', '=', event.id)
      .$if(itemId !== undefined, (q) => q.where('id', 'in', (eb) => eb.selectFrom('item_speakers').select('speaker_id').where('item_id', '=', itemId!)))
      .orderBy('position')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('programme_items')
      .selectAll()
      .where('event_id', '=', event.id)
      .$if(itemId !== undefined, (q) => q.where('id', '=', itemId!))
      .orderBy('starts_at')
      .orderBy('room_id')
      .orderBy('id')
      .execute(),
    db.selectFrom('links').selectAll().where('event_id', '=', event.id).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('files')
      .selectAll()
      .where('event_id', '=', event.id)
      .$if(itemId !== undefined, (q) => q.where('item_id', '=', itemId!))
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('item_speakers')
      .innerJoin('programme_items', 'programme_items.id', 'item_speakers.item_id')
      .select(['item_speakers.item_id', 'item_speakers.speaker_id'])
      .where('programme_items.event_id', '=', event.id)
      .$if(itemId !== undefined, (q) => q.where('item_speakers.item_id', '=', itemId!))
      .orderBy('item_speakers.position')
      .execute(),
  ]);
  const files = allFiles.filter((f) => visibleTo(f, event.id, viewer));
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const speakerById = new Map(speakers.map((s) => [s.id, s]));
  const speakersOf = groupBy(itemSpeakers, (link) => link.item_id);
  const materialsOf = groupBy(
    files.filter((f) => f.item_id !== null && f.kind !== 'image'),
    (f) => f.item_id,
  );
  return {
    event,
    rooms,
    speakers,
    links,
    files,
    items: items.map((item) => ({
      ...item,
      room: item.room_id === null ? null : (roomById.get(item.room_id) ?? null),
      speakers: (speakersOf.get(item.id) ?? []).map((link) => speakerById.get(link.speaker_id)).filter((s): s is SpeakerRow => s !== undefined),
      materials: materialsOf.get(item.id) ?? [],
    })),
  };
}

/** Lookups by id into one EventDetails, built once per details (per request), for views that match rows by id. */
export interface DetailsIndex {
  speakers: Map<number, SpeakerRow>;
  items: Map<number, ProgrammeItem>;
  files: Map<number, FileRow>;
  /** Files shown as a speaker's photo. */
  photoIds: Set<number>;
}
const detailIndexes = new WeakMap<EventDetails, DetailsIndex>();

export function detailsIndex(details: EventDetails): DetailsIndex {
  let index = detailIndexes.get(details);
  if (!index) {
    index = {
      speakers: new Map(details.speakers.map((s) => [s.id, s])),
      items: new Map(details.items.map((i) => [i.id, i])),
      files: new Map(details.files.map((f) => [f.id, f])),
      photoIds: new Set(details.speakers.flatMap((s) => (s.photo_file_id === null ? [] : [s.photo_file_id]))),
    };
    detailIndexes.set(details, index);
  }
  return index;
}

/** The programme items a speaker takes part in, with their materials and any files attached to the speaker. */
export function speakerContributions(details: EventDetails, speakerId: number): { items: ProgrammeItem[]; files: FileRow[] } {
  const items = details.items.filter((item) => item.speakers.some((s) => s.id === speakerId));
  const itemIds = new Set(items.map((i) => i.id));
  const files = details.files.filter(
    (f) => f.kind !== 'image' && (f.speaker_id === speakerId || (f.item_id !== null && itemIds.has(f.item_id))),
  );
  return { items, files };
}

export async function findFile(db: Kysely<Database>, id: number): Promise<(FileRow & { event_status: string }) | undefined> {
  return db
    .selectFrom('files')
    .innerJoin('events', 'events.id', 'files.event_id')
    .selectAll('files')
    .select('events.status as event_status')
    .where('files.id', '=', id)
    .executeTakeFirst();
}

/** The version bumped by every content write (see the migration's triggers). Asked on every cached page view. */
export async function contentVersion(db: Kysely<Database>): Promise<number> {
  // Compiled once per database: the page cache's hot path should not build the same SQL again and again.
  let query = versionQueries.get(db);
  if (!query) {
    query = db.selectFrom('content_version').select('version').where('id', '=', 1).compile();
    versionQueries.set(db, query);
  }
  const { rows } = await db.executeQuery(query);
  return rows[0]?.version ?? 0;
}
const versionQueries = new WeakMap<object, CompiledQuery<{ version: number }>>();

/**
 * The version of an event's registrations as its public pages show them (bumped by triggers on sign-ups,
 * cancellations, the public list); 0 before the first. Cached pages showing counts add it to the content version.
 */
export async function registrationVersion(db: Kysely<Database>, slug: string): Promise<number> {
  const row = await db
    .selectFrom('registration_counts')
    .innerJoin('events', 'events.id', 'registration_counts.event_id')
    .select('registration_counts.version')
    .where('events.slug', '=', slug)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/** The event's counts as the registration triggers keep them (no rows counted), zero before the first registration. */
export async function keptCounts(db: Kysely<Database>, eventId: number): Promise<{ confirmed: number; waitlisted: number; checkedIn: number }> {
  const row = await db
    .selectFrom('registration_counts')
    .select(['confirmed', 'waitlisted', 'checked_in'])
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return { confirmed: row?.confirmed ?? 0, waitlisted: row?.waitlisted ?? 0, checkedIn: row?.checked_in ?? 0 };
}

/** Confirmed registrations of the event, from the count the triggers keep (no rows counted). */
export async function confirmedCount(db: Kysely<Database>, eventId: number): Promise<number> {
  const row = await db.selectFrom('registration_counts').select('confirmed').where('event_id', '=', eventId).executeTakeFirst();
  return row?.confirmed ?? 0;
}

/**
 * What the public participant list may show: confirmed participants who agreed to be listed, and nobody else —
 * not even as a count, since one person from a small organisation would be recognisable.
 */
export async function publicParticipants(db: Kysely<Database>, eventId: number) {
  return db
    .selectFrom('registrations')
    .select(['organisation', 'name'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .where('listed', '=', 1)
    .orderBy('name')
    .execute();
}
