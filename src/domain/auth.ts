import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database, EventRow, OrganiserRole, OrganiserRow, SessionRow } from '../../db/schema';
import type { Viewer } from './access';
import { generatePassword, hashPassword, needsRehash, verifyPassword } from './passwords';
import { randomToken, sha256Hex } from './tokens';
import { managedBy } from './event-access';
import { type WorkGate, workGate } from './work-gate';

type Db = Kysely<Database> | Transaction<Database>;

/** What a request knows about the signed-in organiser (never the password hash). */
export type SessionOrganiser = Pick<OrganiserRow, 'id' | 'email' | 'name' | 'role'>;

/** Sliding: a session unused this long is over. */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** Absolute: no session lives longer than this, however busy. */
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
// Writing last_seen_at on every request would make each page view a write; a minute's precision is plenty.
const TOUCH_AFTER_MS = 60_000;

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMITS = { email: 5, ip: 20 } as const;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const iso = (ms: number) => new Date(ms).toISOString();

const organiserColumns = ['id', 'email', 'name', 'role'] as const;

export async function findOrganiserByEmail(db: Db, email: string): Promise<OrganiserRow | undefined> {
  return db
    .selectFrom('organisers')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', normaliseEmail(email))
    .executeTakeFirst();
}

export async function createOrganiser(
  db: Db,
  values: { email: string; name: string; role: OrganiserRole; password_hash: string; must_change_password?: number },
  now: Date,
): Promise<OrganiserRow> {
  return db
    .insertInto('organisers')
    .values({ ...values, email: values.email.trim(), name: values.name.trim(), created_at: now.toISOString(), disabled_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// Verifying against this when the address is unknown makes both failures cost the same time.
let dummyHash: Promise<string> | undefined;

/**
 * The organiser whose address and password these are, or null — the same null, after the same work, for an unknown
 * address, a wrong password and a disabled account. Upgrades a hash made with older parameters. Throws GateFull
 * (src/domain/work-gate.ts) when too many sign-ins are being checked already.
 * @example const organiser = await authenticate(db, 'kari@fylke.no', password);
 */
export async function authenticate(db: Db, email: string, password: string, gate: WorkGate = passwordChecks): Promise<OrganiserRow | null> {
  return gate.run(() => checkCredentials(db, email, password));
}

/**
 * Sign-ins checked at once (each a deliberately slow hash) and waiting; more are refused at once with GateFull, so
 * that a flood of sign-ins cannot take the thread pool that file downloads and the database also need.
 */
export const passwordChecks = workGate({ lanes: 1, queue: 4 });

async function checkCredentials(db: Db, email: string, password: string): Promise<OrganiserRow | null> {
  const organiser = await findOrganiserByEmail(db, email);
  if (!organiser) {
    dummyHash ??= hashPassword('not a password');
    await verifyPassword(password, await dummyHash);
    return null;
  }
  const ok = await verifyPassword(password, organiser.password_hash);
  if (!ok || organiser.disabled_at) return null;
  if (needsRehash(organiser.password_hash)) {
    // Only if unchanged meanwhile: a password set by an admin during this sign-in must not be overwritten.
    await db.updateTable('organisers').set({ password_hash: await hashPassword(password) })
      .where('id', '=', organiser.id).where('password_hash', '=', organiser.password_hash).execute();
  }
  return organiser;
}

/** A fresh session; the token goes to the cookie, only its hash to the database. */
export async function createSession(db: Db, organiserId: number, now: Date): Promise<{ token: string; session: SessionRow }> {
  const token = randomToken();
  const session = await db
    .insertInto('sessions')
    .values({
      id: await sha256Hex(token),
      organiser_id: organiserId,
      csrf_token: randomToken(),
      created_at: now.toISOString(),
      expires_at: iso(now.getTime() + SESSION_MAX_MS),
      last_seen_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // Sweep the expired ones now and then; sign-ins are rare enough to pay for it.
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<=', iso(now.getTime() - SESSION_IDLE_MS))]))
    .execute();
  return { token, session };
}

/**
 * The live session for a cookie token and its organiser, sliding the idle expiry; null (and the row deleted) when it
 * has expired, idled out or its organiser was disabled.
 */
export async function resumeSession(
  db: Db,
  token: string,
  now: Date,
): Promise<{ session: SessionRow; organiser: SessionOrganiser } | null> {
  if (!token || token.length > 100) return null;
  const id = await sha256Hex(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('organisers', 'organisers.id', 'sessions.organiser_id')
    .selectAll('sessions')
    .select(['organisers.email', 'organisers.name', 'organisers.role', 'organisers.disabled_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const { email, name, role, disabled_at, ...session } = row;
  const t = now.getTime();
  if (disabled_at || t >= Date.parse(session.expires_at) || t >= Date.parse(session.last_seen_at) + SESSION_IDLE_MS) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (t - Date.parse(session.last_seen_at) >= TOUCH_AFTER_MS) {
    session.last_seen_at = now.toISOString();
    await db.updateTable('sessions').set({ last_seen_at: session.last_seen_at }).where('id', '=', id).execute();
  }
  return { session, organiser: { id: session.organiser_id, email, name, role } };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', await sha256Hex(token)).execute();
}

/** Key for counting failed sign-ins per address. */
export const emailKey = (email: string) => `email:${normaliseEmail(email)}`;
export const ipKey = (address: string) => `ip:${address}`;

/**
 * When sign-in is allowed again for these keys, or null if it is allowed now. A key is blocked once it has `limit`
 * failures inside the current window.
 */
export async function loginBlockedUntil(db: Db, keys: { key: string; limit: number }[], now: Date): Promise<Date | null> {
  if (!keys.length) return null;
  const rows = await db
    .selectFrom('login_attempts')
    .selectAll()
    .where('key', 'in', keys.map((k) => k.key))
    .where('window_start', '>', iso(now.getTime() - LOGIN_WINDOW_MS))
    .execute();
  let until: number | null = null;
  for (const row of rows) {
    const limit = keys.find((k) => k.key === row.key)!.limit;
    if (row.count >= limit) until = Math.max(until ?? 0, Date.parse(row.window_start) + LOGIN_WINDOW_MS);
  }
  return until === null ? null : new Date(until);
}

/** Counts one failed sign-in against each key, starting a new window where the old one has passed. */
export async function recordLoginFailure(db: Db, keys: string[], now: Date): Promise<void> {
  const stale = iso(now.getTime() - LOGIN_WINDOW_MS);
  for (const key of keys) {
    await db
      .insertInto('login_attempts')
      .values({ key, window_start: now.toISOString(), count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql`case when login_attempts.window_start <= ${stale} then 1 else login_attempts.count + 1 end`,
          window_start: sql`case when login_attempts.window_start <= ${stale} then excluded.window_start else login_attempts.window_start end`,
        }),
      )
      .execute();
  }
  await db.deleteFrom('login_attempts').where('window_start', '<=', stale).execute();
}

export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}

/** What the organiser may see: every event for an admin, otherwise the events they were given. */
export async function viewerFor(db: Db, organiser: Pick<SessionOrganiser, 'id' | 'role'>): Promise<Viewer> {
  if (organiser.role === 'admin') return { participantOf: [], organiserOf: 'all' };
  const rows = await db.selectFrom('event_organisers').select('event_id').where('organiser_id', '=', organiser.id).execute();
  return { participantOf: [], organiserOf: rows.map((r) => r.event_id) };
}

/**
 * Whether the organiser may read and change the event (an admin: any existing event).
 * @example if (!(await canManageEvent(db, organiser, 12))) throw new NotFound();
 */
export async function canManageEvent(db: Db, organiser: Pick<SessionOrganiser, 'id' | 'role'>, eventId: number): Promise<boolean> {
  if (!Number.isSafeInteger(eventId)) return false;
  if (organiser.role === 'admin') {
    return !!(await db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst());
  }
  const row = await db
    .selectFrom('event_organisers')
    .select('event_id')
    .where('organiser_id', '=', organiser.id)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return !!row;
}

export type DashboardEvent = Pick<EventRow, 'id' | 'slug' | 'title' | 'status' | 'starts_at' | 'ends_at' | 'time_zone' | 'kind'> & {
  confirmed: number;
  waitlisted: number;
};

/** The events on the organiser's dashboard, newest first, with their registration counts. */
export async function manageableEvents(db: Db, organiser: Pick<SessionOrganiser, 'id' | 'role'>): Promise<DashboardEvent[]> {
  // The counts the registration triggers keep, instead of counting every event's rows.
  return db
    .selectFrom('events')
    .leftJoin('registration_counts as counts', 'counts.event_id', 'events.id')
    .select(['events.id', 'slug', 'title', 'status', 'starts_at', 'ends_at', 'time_zone', 'kind'])
    .select([sql<number>`coalesce(counts.confirmed, 0)`.as('confirmed'), sql<number>`coalesce(counts.waitlisted, 0)`.as('waitlisted')])
    .$call(managedBy(organiser))
    .orderBy('starts_at', 'desc')
    .orderBy('events.id', 'desc')
    .execute();
}

export async function listOrganisers(db: Db) {
  const organisers = await db.selectFrom('organisers').select([...organiserColumns, 'created_at', 'disabled_at', 'totp_enabled_at']).orderBy('name').execute();
  const links = await db
    .selectFrom('event_organisers')
    .innerJoin('events', 'events.id', 'event_organisers.event_id')
    .select(['event_organisers.organiser_id', 'events.id', 'events.title', 'events.starts_at'])
    .orderBy('events.starts_at', 'desc')
    .execute();
  return organisers.map((o) => ({ ...o, events: links.filter((l) => l.organiser_id === o.id) }));
}

export async function grantEvent(db: Db, organiserId: number, eventId: number): Promise<void> {
  await db.insertInto('event_organisers').values({ organiser_id: organiserId, event_id: eventId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function revokeEvent(db: Db, organiserId: number, eventId: number): Promise<void> {
  await db.deleteFrom('event_organisers').where('organiser_id', '=', organiserId).where('event_id', '=', eventId).execute();
}

/** Disabling also ends every session of the organiser at once. */
export async function setDisabled(db: Db, organiserId: number, disabled: boolean, now: Date): Promise<void> {
  await db.updateTable('organisers').set({ disabled_at: disabled ? now.toISOString() : null }).where('id', '=', organiserId).execute();
  if (disabled) await db.deleteFrom('sessions').where('organiser_id', '=', organiserId).execute();
}

export async function setPassword(db: Db, organiserId: number, passwordHash: string): Promise<void> {
  await db.updateTable('organisers').set({ password_hash: passwordHash }).where('id', '=', organiserId).execute();
  await db.deleteFrom('sessions').where('organiser_id', '=', organiserId).execute();
}

/**
 * On start: when nobody can sign in yet, create the first admin — from ADMIN_EMAIL/ADMIN_PASSWORD if given, otherwise
 * with a generated password that is logged this once (it is stored only as a hash). Does nothing once any organiser
 * exists. Returns the admin it created.
 * @example await ensureFirstAdmin(db, { email: settings.adminEmail, password: settings.adminPassword }, console.log, new Date());
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  given: { email?: string | undefined; password?: string | undefined },
  log: (line: string) => void,
  now: Date,
  options: { iterations?: number } = {},
): Promise<OrganiserRow | null> {
  const any = await db.selectFrom('organisers').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const email = given.email?.trim() || 'admin@localhost';
  const password = given.password || generatePassword();
  const password_hash = await hashPassword(password, options);
  const admin = await db.transaction().execute(async (trx) => {
    // Two processes starting at once must not both create an admin.
    if (await trx.selectFrom('organisers').select('id').limit(1).executeTakeFirst()) return null;
    // A printed password is one-time: it must be replaced at the first sign-in.
    return createOrganiser(trx, { email, name: 'Administrator', role: 'admin', password_hash, must_change_password: given.password ? 0 : 1 }, now);
  });
  if (!admin) return null;
  if (given.password) {
    log(`Created the first admin, ${email}, with the password from ADMIN_PASSWORD. Sign in at /admin.`);
  } else {
    log(`Created the first admin. Sign in at /admin with e-mail ${email} and password ${password}`);
    log('This password is shown only once and is not stored; you choose your own at the first sign-in.');
  }
  return admin;
}
