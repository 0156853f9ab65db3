import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database, EventRow, MessageAudience, OutboxStatus, QuestionRow, RegistrationRow } from '../../db/schema';
import { type Lang, isLang, translator } from '../i18n/index';
import { enqueueMail } from '../mail/outbox';
import { formatDay, localDate } from '../time';
import { organisationKey, preferredSpelling } from './organisations';
import type { AnswerValue } from './questions';
import { type MailSettings, cancelRegistration, invitationPart, promote, waitlistPosition } from './registration';
import { jsonValues, rowsPerStatement } from './bound-parameters';

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

function statusWhere(status: StatusFilter) {
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
  // Sorting by group in SQL would need the folding there too; instead the light columns of every match are sorted
  // here (group order, then name in Norwegian order) and only the page's rows are read whole.
  const rank = new Map<string, number>();
  shown.forEach((g, i) => g.spellings.forEach((s) => rank.set(s, i)));
  let light = db
    .selectFrom('registrations')
    .select(['registrations.id', 'registrations.name', 'registrations.organisation'])
    .where('registrations.event_id', '=', eventId)
    .where(statusWhere(query.status));
  if (search) light = light.where(searchWhere(search));
  const collator = new Intl.Collator('nb');
  const ordered = (await light.execute())
    .filter((r) => rank.has(r.organisation))
    .map((r) => ({ id: r.id, name: r.name, rank: rank.get(r.organisation)! }))
    .sort((a, b) => a.rank - b.rank || collator.compare(a.name, b.name) || a.id - b.id);
  const pageIds = ordered.slice((page - 1) * pageSize, page * pageSize).map((r) => r.id);
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
export async function exportPage(db: Db, eventId: number, afterId: number, limit: number): Promise<ParticipantRow[]> {
  const rows = await db
    .selectFrom('registrations')
    .select(LIST_COLUMNS.map((c) => `registrations.${c}` as const))
    .where('event_id', '=', eventId)
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

// ——— Mail from the organiser ———

export interface ParticipantMailInput {
  event: Pick<EventRow, 'slug' | 'title' | 'organiser_name'>;
  name: string;
  lang: Lang;
  baseUrl: string;
  subject: string;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The organiser's text in the participant's language wrapper: greeting, the text, a link to the event page and the
 * signature; plain text and HTML with every typed character escaped.
 * @example renderParticipantMail({ event, name: 'Kari', lang: 'nb', baseUrl, subject: 'Parkering', body: 'Bruk P2.' }).text
 */
export function renderParticipantMail(input: ParticipantMailInput): { subject: string; text: string; html: string } {
  const t = translator(input.lang);
  const eventUrl = `${input.baseUrl.replace(/\/+$/, '')}/events/${encodeURIComponent(input.event.slug)}`;
  const greeting = t('ap_mail_greeting', { name: input.name });
  const signature = t('ap_mail_signature', { organiser: input.event.organiser_name });
  const about = t('ap_mail_about', { title: input.event.title });
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  const subject = input.subject.replace(/[\r\n\t]+/g, ' ').trim();
  const text = [greeting, body, `${about}: ${eventUrl}`, signature].join('\n\n');
  const paragraphs = body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  const html = [
    `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs,
    `<p><a href="${escapeHtml(eventUrl)}">${escapeHtml(about)}</a></p>`,
    `<p>${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const langOf = (lang: string): Lang => (isLang(lang) ? lang : 'nb');

async function queueNotice(
  trx: Db,
  kind: string,
  event: EventRow,
  person: Pick<RegistrationRow, 'id' | 'name' | 'email' | 'lang'>,
  content: { subject: string; body: string },
  now: Date,
  settings: MailSettings,
  calendar?: 'REQUEST' | 'CANCEL',
): Promise<string> {
  const lang = langOf(person.lang);
  const mail = renderParticipantMail({ event, name: person.name, lang, baseUrl: settings.baseUrl, ...content });
  const ics = calendar ? invitationPart(event, person, calendar, lang, now, settings) : undefined;
  return enqueueMail(
    trx,
    { kind, eventId: event.id, registrationId: person.id, to: person.email, lang, ...mail, ...(ics ? { calendar: ics } : {}) },
    now,
    new URL(settings.baseUrl).hostname,
  );
}

// ——— The organiser's manual actions ———

export type ConfirmOutcome = { kind: 'confirmed' } | { kind: 'full'; confirmed: number; capacity: number } | { kind: 'unchanged' };

async function registrationOf(trx: Db, eventId: number, registrationId: number) {
  return trx.selectFrom('registrations').selectAll().where('id', '=', registrationId).where('event_id', '=', eventId).executeTakeFirst();
}

/**
 * Gives a waitlisted person a seat, with the "you got a place" mail and invitation, in one transaction. When the
 * event is full the organiser must say `overbook: true` (they may overbook on purpose; the page warns first).
 * Returns undefined when the registration does not exist in this event.
 */
export async function confirmParticipant(
  db: Db,
  eventId: number,
  registrationId: number,
  opts: { overbook: boolean; now: Date; settings: MailSettings },
): Promise<ConfirmOutcome | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await registrationOf(trx, eventId, registrationId);
    if (!before) return undefined;
    if (before.status !== 'waitlisted') return { kind: 'unchanged' };
    const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    const confirmed = (await statusCounts(trx, eventId)).confirmed;
    if (event.capacity !== null && confirmed >= event.capacity && !opts.overbook) {
      return { kind: 'full', confirmed, capacity: event.capacity };
    }
    await promote(trx, event, before.id, opts.now, opts.settings);
    return { kind: 'confirmed' };
  });
}

/**
 * Moves a confirmed person to the waiting list (their place in it by registration order), telling them and withdrawing
 * the calendar entry, in one transaction. The seat is not given to anyone: the organiser is making room on purpose.
 */
export async function waitlistParticipant(
  db: Db,
  eventId: number,
  registrationId: number,
  opts: { now: Date; settings: MailSettings },
): Promise<'moved' | 'unchanged' | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await registrationOf(trx, eventId, registrationId);
    if (!before) return undefined;
    if (before.status !== 'confirmed') return 'unchanged';
    const event = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    const at = opts.now.toISOString();
    await trx
      .updateTable('registrations')
      .set({ status: 'waitlisted', promoted_at: null, checked_in_at: null, updated_at: at })
      .where('id', '=', before.id)
      .execute();
    const position = (await waitlistPosition(trx, { ...before, status: 'waitlisted' })) ?? 1;
    const t = translator(langOf(before.lang));
    await queueNotice(
      trx,
      'waitlisted',
      event,
      before,
      { subject: t('ap_mail_waitlisted_subject', { title: event.title }), body: t('ap_mail_waitlisted_body', { title: event.title, position }) },
      opts.now,
      opts.settings,
      'CANCEL',
    );
    return 'moved';
  });
}

/**
 * Cancels a registration of this event as the participant's own cancellation does (registration.ts): CANCEL mail,
 * and the freed seat goes to the first on the waiting list with their mail. Undefined when not in this event.
 */
export async function cancelParticipant(db: Db, eventId: number, registrationId: number, opts: { now: Date; settings: MailSettings }) {
  const found = await db.selectFrom('registrations').select('id').where('id', '=', registrationId).where('event_id', '=', eventId).executeTakeFirst();
  if (!found) return undefined;
  return (await cancelRegistration(db, found.id, opts.now, opts.settings)) ?? { promoted: [] };
}

/**
 * Checks a confirmed person in (or undoes it); a second check-in keeps the first time. Returns the row as it is now,
 * or undefined when there is no confirmed registration with that id in the event.
 */
export async function setCheckedIn(db: Db, eventId: number, registrationId: number, checkedIn: boolean, now: Date) {
  const confirmed = (eb: RegistrationsEb) =>
    eb.and([eb('id', '=', registrationId), eb('event_id', '=', eventId), eb('status', '=', 'confirmed')]);
  await db
    .updateTable('registrations')
    .set({ checked_in_at: checkedIn ? sql<string>`coalesce(checked_in_at, ${now.toISOString()})` : null })
    .where(confirmed)
    .execute();
  return db.selectFrom('registrations').select(CHECKIN_COLUMNS).where(confirmed).executeTakeFirst();
}

const CHECKIN_COLUMNS = ['id', 'name', 'organisation', 'checked_in_at'] as const;
export type CheckinRow = Pick<RegistrationRow, (typeof CHECKIN_COLUMNS)[number]>;

/** Confirmed participants for the door, by name, matching the search (name, e-mail, organisation), at most `limit`. */
export async function checkinList(db: Db, eventId: number, q: string, limit = 100): Promise<CheckinRow[]> {
  let query = db.selectFrom('registrations').select(CHECKIN_COLUMNS).where('event_id', '=', eventId).where('status', '=', 'confirmed');
  if (q.trim()) query = query.where(searchWhere(searchFor(q, foldSpellings(await spellingCounts(db, eventId, 'confirmed')))));
  return query.orderBy(sql`name collate nocase`).orderBy('id').limit(limit).execute();
}

// ——— Messages ———

export const AUDIENCES = ['all', 'confirmed', 'waitlisted', 'checked_in'] as const satisfies readonly MessageAudience[];

/** Recipients of a message: all = confirmed and waitlisted; checked_in = those who came. */
function audienceQuery(db: Db, eventId: number, audience: MessageAudience) {
  const filter: StatusFilter = audience === 'all' ? 'active' : audience;
  return db.selectFrom('registrations').where('event_id', '=', eventId).where(statusWhere(filter));
}

export async function audienceSize(db: Db, eventId: number, audience: MessageAudience): Promise<number> {
  const row = await audienceQuery(db, eventId, audience).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Sends a message to one audience: the message row and one outbox row per recipient (in their language) in one
 * transaction, so that either everyone gets it or no one. Call deps.outboxChanged() after it returns.
 * @example const { id, recipients } = await sendMessage(db, event, { audience: 'confirmed', subject, body }, organiserId, now, config)
 */
export async function sendMessage(
  db: Db,
  event: EventRow,
  input: { audience: MessageAudience; subject: string; body: string },
  organiserId: number | null,
  now: Date,
  settings: MailSettings,
): Promise<{ id: number; recipients: number }> {
  return db.transaction().execute(async (trx) => {
    const people = await audienceQuery(trx, event.id, input.audience).select(['id', 'name', 'email', 'lang']).orderBy('id').execute();
    const message = await trx
      .insertInto('messages')
      .values({
        event_id: event.id,
        audience: input.audience,
        subject: input.subject,
        body: input.body,
        organiser_id: organiserId,
        recipients: people.length,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length) await trx.insertInto('message_mails').values(batch.map((m) => ({ message_id: message.id, outbox_message_id: m }))).execute();
      batch = [];
    };
    for (const person of people) {
      batch.push(await queueNotice(trx, 'message', event, person, input, now, settings));
      if (batch.length >= rowsPerStatement(2)) await flush();
    }
    await flush();
    return { id: message.id, recipients: people.length };
  });
}

export type Progress = Record<OutboxStatus, number>;

/** How a message's mails stand: pending, sending, sent, failed. */
export async function messageProgress(db: Db, messageId: number): Promise<Progress> {
  const rows = await db
    .selectFrom('message_mails')
    .innerJoin('outbox', 'outbox.message_id', 'message_mails.outbox_message_id')
    .select((eb) => ['outbox.status', eb.fn.countAll<number>().as('n')])
    .where('message_mails.message_id', '=', messageId)
    .groupBy('outbox.status')
    .execute();
  const progress: Progress = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) progress[row.status] = Number(row.n);
  return progress;
}

/** The event's messages, newest first, each with its progress. */
export async function listMessages(db: Db, eventId: number) {
  const messages = await db.selectFrom('messages').selectAll().where('event_id', '=', eventId).orderBy('id', 'desc').limit(50).execute();
  return Promise.all(messages.map(async (m) => ({ ...m, progress: await messageProgress(db, m.id) })));
}

export async function findMessage(db: Db, eventId: number, messageId: number) {
  const message = await db.selectFrom('messages').selectAll().where('id', '=', messageId).where('event_id', '=', eventId).executeTakeFirst();
  return message ? { ...message, progress: await messageProgress(db, message.id) } : undefined;
}

// ——— Outbox overview ———

/**
 * Mail status counts and the latest failed mails, for all mail (eventIds null: admins) or the given events' mail.
 * @example await outboxOverview(db, [3, 4]) // { summary: { pending: 0, sending: 0, sent: 40, failed: 1 }, failed: [...] }
 */
export async function outboxOverview(db: Db, eventIds: readonly number[] | null) {
  let counts = db.selectFrom('outbox').select((eb) => ['outbox.status', eb.fn.countAll<number>().as('n')]);
  let failed = db
    .selectFrom('outbox')
    .leftJoin('events', 'events.id', 'outbox.event_id')
    .select(['outbox.id', 'outbox.kind', 'outbox.to_address', 'outbox.attempts', 'outbox.last_error', 'outbox.created_at', 'outbox.event_id', 'events.title as event_title'])
    .where('outbox.status', '=', 'failed');
  if (eventIds) {
    const ids = jsonValues(eventIds);
    counts = counts.where('outbox.event_id', 'in', ids);
    failed = failed.where('outbox.event_id', 'in', ids);
  }
  const [rows, failedRows] = await Promise.all([counts.groupBy('outbox.status').execute(), failed.orderBy('outbox.id', 'desc').limit(200).execute()]);
  const summary: Progress = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) summary[row.status] = Number(row.n);
  return { summary, failed: failedRows };
}

// ——— Dashboard ———

/**
 * Registrations (not cancelled) per local day of the event's zone, from the first registration to the last, days
 * without any included as 0. Counted by SQL per UTC hour, then placed in local days.
 */
export async function registrationsPerDay(db: Db, event: Pick<EventRow, 'id' | 'time_zone'>): Promise<{ day: string; count: number }[]> {
  const rows = await db
    .selectFrom('registrations')
    .select((eb) => [sql<string>`substr(created_at, 1, 13)`.as('hour'), eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', event.id)
    .where('status', '<>', 'cancelled')
    .groupBy(sql`substr(created_at, 1, 13)`)
    .orderBy(sql`substr(created_at, 1, 13)`)
    .execute();
  const perDay = new Map<string, number>();
  for (const row of rows) {
    const day = localDate(`${row.hour}:00:00.000Z`, event.time_zone);
    perDay.set(day, (perDay.get(day) ?? 0) + Number(row.n));
  }
  const days = [...perDay.keys()].sort();
  if (days.length === 0) return [];
  const result: { day: string; count: number }[] = [];
  const [y, m, d] = days[0]!.split('-').map(Number) as [number, number, number];
  const last = days[days.length - 1]!;
  for (let i = 0; i < 3660; i++) {
    const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (day > last) break;
    result.push({ day, count: perDay.get(day) ?? 0 });
  }
  return result;
}
