import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database, QuestionRow, RegistrationRow } from '../../db/schema';
import { type Lang, translator } from '../i18n/index';
import { formatDay } from '../time';
import { norwegianSortKey } from './name-order';
import { organisationKey, preferredSpelling } from './organisations';
import type { AnswerValue } from './questions';
import { jsonValues } from './bound-parameters';

type Db = Kysely<Database>;
type RegistrationsEb = ExpressionBuilder<Database, 'registrations'>;

// ——— Listing ———

export const STATUS_FILTERS = ['active', 'confirmed', 'waitlisted', 'checked_in', 'cancelled', 'all'] as const;
/** Which registrations a list shows: active = confirmed and waitlisted (the default). */
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const isStatusFilter = (value: unknown): value is StatusFilter => STATUS_FILTERS.includes(value as StatusFilter);

export interface ParticipantQuery {
  status: StatusFilter;
  /** Free text over name, e-mail and organisation (its folded form too: " nav " finds "NAV"). */
  q: string;
  /** An organisation group's key (organisationKey), or '' for all. */
  org: string;
  /** 1-based. */
  page: number;
}

/** One organisation with everyone whose spelling folds into it. */
export interface OrganisationCount {
  key: string;
  /** The most common spelling (ties: the one registered first). */
  name: string;
  count: number;
  /** The stored spellings (as typed) in this group, for queries. */
  spellings: string[];
}

export const PAGE_SIZE = 200;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export function statusWhere(status: StatusFilter) {
  return (eb: RegistrationsEb): Expression<SqlBool> => {
    switch (status) {
      case 'active':
        return eb('registrations.status', 'in', ['confirmed', 'waitlisted']);
      case 'checked_in':
        return eb.and([eb('registrations.status', '<>', 'cancelled'), eb('registrations.checked_in_at', 'is not', null)]);
      case 'all':
        return eb.lit(true) as unknown as Expression<SqlBool>;
      default:
        return eb('registrations.status', '=', status);
    }
  };
}

/** Per-spelling counts from SQL folded into organisation groups, largest first, then in Norwegian order. */
function foldSpellings(rows: readonly { organisation: string; n: number }[]): OrganisationCount[] {
  const groups = new Map<string, { count: number; spellings: string[]; shown: Map<string, number> }>();
  for (const row of rows) {
    const key = organisationKey(row.organisation);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { count: 0, spellings: [], shown: new Map() }));
    group.count += row.n;
    group.spellings.push(row.organisation);
    const shown = row.organisation.trim().replace(/\s+/g, ' ');
    group.shown.set(shown, (group.shown.get(shown) ?? 0) + row.n);
  }
  const collator = new Intl.Collator('nb');
  return [...groups]
    .map(([key, g]) => ({ key, name: preferredSpelling(g.shown), count: g.count, spellings: g.spellings }))
    .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
}

async function spellingCounts(db: Db, eventId: number, status: StatusFilter, search?: { like: string; spellings: string[] }) {
  let query = db
    .selectFrom('registrations')
    .select((eb) => ['organisation', eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', eventId)
    .where(statusWhere(status));
  if (search) query = query.where(searchWhere(search));
  // Earliest registration first, so that a tie between spellings goes to the one seen first.
  const rows = await query.groupBy('organisation').orderBy(sql`min(id)`).execute();
  return rows.map((r) => ({ organisation: r.organisation, n: Number(r.n) }));
}

function searchWhere(search: { like: string; spellings: string[] }) {
  return (eb: RegistrationsEb): Expression<SqlBool> =>
    eb.or([
      eb(sql`registrations.name`, 'like', sql`${search.like} escape '\\'`),
      eb(sql`registrations.email`, 'like', sql`${search.like} escape '\\'`),
      eb(sql`registrations.organisation`, 'like', sql`${search.like} escape '\\'`),
      eb('registrations.organisation', 'in', jsonValues(search.spellings)),
    ]);
}

/**
 * Everyone matching the status filter and search, grouped by organisation (counts by SQL, folded by organisationKey).
 * @example (await organisationCounts(db, 3, 'active'))[0] // { key: 'nav', name: 'Nav', count: 12, spellings: ['Nav', 'NAV'] }
 */
export async function organisationCounts(db: Db, eventId: number, status: StatusFilter, q = ''): Promise<OrganisationCount[]> {
  const all = foldSpellings(await spellingCounts(db, eventId, status));
  if (!q.trim()) return all;
  return foldSpellings(await spellingCounts(db, eventId, status, searchFor(q, all)));
}

function searchFor(q: string, groups: readonly OrganisationCount[]) {
  const folded = organisationKey(q);
  return {
    like: `%${escapeLike(q.trim())}%`,
    spellings: folded ? groups.filter((g) => g.key.includes(folded)).flatMap((g) => g.spellings) : [],
  };
}

/** The free-text search (name, e-mail, organisation, or any spelling of a matching organisation group) as a filter. */
export async function searchFilter(db: Db, eventId: number, status: StatusFilter, q: string) {
  return searchWhere(searchFor(q, foldSpellings(await spellingCounts(db, eventId, status))));
}

export type ParticipantRow = Pick<
  RegistrationRow,
  'id' | 'status' | 'name' | 'email' | 'organisation' | 'job_title' | 'lang' | 'created_at' | 'checked_in_at' | 'listed'
> & { answers: Map<number, AnswerValue> };

export interface ParticipantList {
  /** Groups over the whole filtered list (not just this page). */
  groups: OrganisationCount[];
  /** This page's people, in group order, then by name. */
  rows: (ParticipantRow & { group: string })[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

const LIST_COLUMNS = ['id', 'status', 'name', 'email', 'organisation', 'job_title', 'lang', 'created_at', 'checked_in_at', 'listed'] as const;

/**
 * One page of an event's participants for the organiser, grouped by organisation (largest group first), with their
 * answers. Filters: status, free text, one organisation group.
 */
export async function listParticipants(db: Db, eventId: number, query: ParticipantQuery, pageSize = PAGE_SIZE): Promise<ParticipantList> {
  const unsearched = foldSpellings(await spellingCounts(db, eventId, query.status));
  const search = query.q.trim() ? searchFor(query.q, unsearched) : undefined;
  const groups = search ? foldSpellings(await spellingCounts(db, eventId, query.status, search)) : unsearched;
  const shown = query.org ? groups.filter((g) => g.key === query.org) : groups;
  const total = shown.reduce((sum, g) => sum + g.count, 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, query.page), pages);
  // Group order comes from the counts already known, so the page is found by walking the groups; within a group SQL
  // orders by name (Norwegian order) and reads only the page's ids.
  let light = db.selectFrom('registrations').select('registrations.id').where('registrations.event_id', '=', eventId).where(statusWhere(query.status));
  if (search) light = light.where(searchWhere(search));
  const pageIds: number[] = [];
  let skip = (page - 1) * pageSize;
  for (const group of shown) {
    if (pageIds.length >= pageSize) break;
    if (skip >= group.count) {
      skip -= group.count;
      continue;
    }
    const rows = await light
      .where('registrations.organisation', 'in', jsonValues(group.spellings))
      .orderBy(norwegianSortKey(sql.ref('registrations.name')))
      .orderBy('registrations.id')
      .limit(pageSize - pageIds.length)
      .offset(skip)
      .execute();
    pageIds.push(...rows.map((r) => r.id));
    skip = 0;
  }
  const byId = new Map(
    (
      await db
        .selectFrom('registrations')
        .select(LIST_COLUMNS.map((c) => `registrations.${c}` as const))
        .where('registrations.id', 'in', jsonValues(pageIds))
        .execute()
    ).map((r) => [r.id, r]),
  );
  const found = pageIds.map((id) => byId.get(id)!).filter(Boolean);
  const answers = await answersOf(db, found.map((r) => r.id));
  const groupOf = new Map(shown.flatMap((g) => g.spellings.map((s) => [s, g.name] as const)));
  return {
    groups,
    rows: found.map((r) => ({ ...r, answers: answers.get(r.id) ?? new Map(), group: groupOf.get(r.organisation) ?? r.organisation })),
    total,
    page,
    pages,
    pageSize,
  };
}

/** Decoded answers of several registrations at once, by registration id and question id. */
export async function answersOf(db: Db, registrationIds: readonly number[]): Promise<Map<number, Map<number, AnswerValue>>> {
  const byRegistration = new Map<number, Map<number, AnswerValue>>();
  if (registrationIds.length === 0) return byRegistration;
  const rows = await db
    .selectFrom('answers')
    .select(['registration_id', 'question_id', 'value'])
    .where('registration_id', 'in', jsonValues(registrationIds))
    .execute();
  for (const row of rows) {
    let answers = byRegistration.get(row.registration_id);
    if (!answers) byRegistration.set(row.registration_id, (answers = new Map()));
    answers.set(row.question_id, JSON.parse(row.value) as AnswerValue);
  }
  return byRegistration;
}

/**
 * An answer as one line of text: yes/no in the reader's language, days as weekday and date, several choices joined.
 * @example answerText({ type: 'yes_no' }, true, 'nb') // 'Ja'
 */
export function answerText(question: Pick<QuestionRow, 'type'>, value: AnswerValue | undefined, lang: Lang): string {
  if (value === undefined) return '';
  const t = translator(lang);
  if (typeof value === 'boolean') return t(value ? 'ap_yes' : 'ap_no');
  if (Array.isArray(value)) return value.map((v) => (question.type === 'days' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDay(v, lang) : v)).join(', ');
  return value;
}

export interface StatusCounts {
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
}

/** How many are confirmed, waitlisted, cancelled and checked in (of those not cancelled). */
export async function statusCounts(db: Db, eventId: number): Promise<StatusCounts> {
  const rows = await db
    .selectFrom('registrations')
    .select((eb) => [
      'status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('checked_in_at').as('checked'),
    ])
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute();
  const counts: StatusCounts = { confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 };
  for (const row of rows) {
    counts[row.status] = Number(row.n);
    if (row.status !== 'cancelled') counts.checkedIn += Number(row.checked);
  }
  return counts;
}

// ——— CSV export ———

/** Registrations in registration order, one page after another (keyset), each with its answers, for the CSV export. */
/** Which participants a list query matches, as a where clause, for reading them in pages (the CSV export). */
export type ParticipantFilter = (eb: RegistrationsEb) => Expression<SqlBool>;

/**
 * The filter of the organiser's list (status, search, one organisation group) for the CSV export, so that the export
 * holds the people the list shows, on every page of it.
 */
export async function participantFilter(db: Db, eventId: number, query: Omit<ParticipantQuery, 'page'>): Promise<ParticipantFilter> {
  const groups = foldSpellings(await spellingCounts(db, eventId, query.status));
  const search = query.q.trim() ? searchFor(query.q, groups) : undefined;
  const spellings = query.org ? (groups.find((g) => g.key === query.org)?.spellings ?? []) : undefined;
  return (eb) =>
    eb.and([
      statusWhere(query.status)(eb),
      ...(search ? [searchWhere(search)(eb)] : []),
      ...(spellings ? [eb('registrations.organisation', 'in', jsonValues(spellings))] : []),
    ]);
}

export async function exportPage(db: Db, eventId: number, filter: ParticipantFilter, afterId: number, limit: number): Promise<ParticipantRow[]> {
  const rows = await db
    .selectFrom('registrations')
    .select(LIST_COLUMNS.map((c) => `registrations.${c}` as const))
    .where('event_id', '=', eventId)
    .where(filter)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  const answers = await answersOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, answers: answers.get(r.id) ?? new Map() }));
}

/** Every spelling of the event's organisations → the group's shown name, for the CSV's normalised column. */
export async function organisationNames(db: Db, eventId: number): Promise<Map<string, string>> {
  const groups = foldSpellings(await spellingCounts(db, eventId, 'all'));
  return new Map(groups.flatMap((g) => g.spellings.map((s) => [s, g.name] as const)));
}
