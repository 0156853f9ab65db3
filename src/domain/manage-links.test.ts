import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema';
import { insertEvent } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';
import { SETTINGS, deliverAll, manageTokenIn, registerPerson } from '../../test/registration-helpers';
import { anonymiseEvent } from './anonymise';
import { enqueueDueReminders, rescheduleEvent } from './event-changes';
import { sendMessage } from './messages';
import { deliverDue } from '../mail/worker';
import { waitlistParticipant } from './participant-actions';
import { cancelRegistration, deleteRegistration, sendManageLink } from './registration';
import { findByFeedToken, findByToken } from './registration-queries';
import { feedTokenFor } from './registration-tokens';

// Private links stay private: every mail about a standing registration carries a link that works, the database never
// keeps one in clear once the mail is out, and a new link never breaks an older one.

let t: Awaited<ReturnType<typeof createTestDeps>>;
const now = new Date('2026-11-23T12:00:00Z');
beforeEach(async () => {
  t = await createTestDeps({ now });
});
afterEach(async () => {
  await t.close();
});
const db = () => t.deps.db;

const registered = (eventId: number, email: string, lang: 'nb' | 'en' = 'nb') => registerPerson(db(), eventId, email, now, lang);

/** Every 43-character token-shaped string anywhere in the database's text columns. */
async function tokensAtRest(database: Kysely<Database>): Promise<string[]> {
  const tables = ['outbox', 'registrations', 'manage_tokens', 'messages', 'message_mails'] as const;
  const found: string[] = [];
  for (const table of tables) {
    for (const row of await database.selectFrom(table).selectAll().execute()) {
      for (const value of Object.values(row)) {
        if (typeof value === 'string') found.push(...(value.match(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g) ?? []));
      }
    }
  }
  return found;
}

describe('every mail to a participant carries a working manage link', () => {
  it('confirmation, waiting list, promotion, update, reminder, a new link, a message and a move back: each opens the registration', async () => {
    const event = await insertEvent(db(), { capacity: 1, starts_at: '2026-11-25T08:00:00.000Z', ends_at: '2026-11-25T14:00:00.000Z', reminder_hours: 24 });
    const first = await registered(event.id, 'first@example.no');
    const second = await registered(event.id, 'second@example.no');
    await cancelRegistration(db(), first.registration.id, now, SETTINGS);
    await rescheduleEvent(db(), event.id, { venue_name: 'Scandic Hamar' }, now, SETTINGS);
    await enqueueDueReminders(db(), new Date('2026-11-24T09:00:00Z'), SETTINGS);
    await sendManageLink(db(), event.id, 'second@example.no', now, SETTINGS);
    await sendMessage(db(), event, { audience: 'all', subject: 'Parkering', body: 'Bruk P2.' }, null, now, SETTINGS);
    await waitlistParticipant(db(), event.id, second.registration.id, { now, settings: SETTINGS });

    const mails = (await deliverAll(db(), new Date('2026-11-24T09:00:00Z'))).filter((m) => m.to === 'second@example.no');
    expect(mails.map((m) => m.subject)).toEqual([
      `Venteliste: ${event.title}`,
      `Du har fått plass: ${event.title}`,
      `Endret: ${event.title}`,
      `Påminnelse: ${event.title}`,
      `Lenken til påmeldingen din: ${event.title}`,
      'Parkering',
      `Du står på ventelisten: ${event.title}`,
    ]);
    const tokens = mails.map((m) => manageTokenIn(m.text));
    for (const [i, token] of tokens.entries()) {
      expect(token, mails[i]!.subject).toBeDefined();
      expect(mails[i]!.html).toContain(`/registrations/${token}"`);
      expect((await findByToken(db(), token!))?.registration.id).toBe(second.registration.id);
    }
    // One token per mail: the mails are not copies of one secret.
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('a mail about a registration that is gone carries none', async () => {
    const event = await insertEvent(db(), { capacity: 5 });
    const kari = await registered(event.id, 'kari@example.no');
    await cancelRegistration(db(), kari.registration.id, now, SETTINGS);
    const [, cancelled] = await deliverAll(db(), now);
    expect(cancelled!.subject).toBe(`Avmeldt: ${event.title}`);
    expect(cancelled!.text).not.toContain('/registrations/');
  });
});

describe('no working link at rest', () => {
  it('after delivery the database holds no manage link, token or feed token in clear', async () => {
    const event = await insertEvent(db(), { capacity: 1 });
    const first = await registered(event.id, 'first@example.no');
    await registered(event.id, 'second@example.no');
    await sendManageLink(db(), event.id, 'first@example.no', now, SETTINGS);
    await cancelRegistration(db(), first.registration.id, now, SETTINGS);
    // While queued, the token waits beside the payload (never in it) …
    const queued = await db().selectFrom('outbox').select(['payload', 'private_token']).execute();
    expect(queued.every((row) => !manageTokenIn(row.payload))).toBe(true);
    expect(queued.filter((row) => row.private_token)).toHaveLength(4);

    const delivered = await deliverAll(db(), now);
    const links = delivered.map((m) => manageTokenIn(m.text)).filter((token): token is string => !!token);
    expect(links).toHaveLength(4);
    // … and once the mails are out, nothing stored opens a registration or a feed.
    const atRest = await tokensAtRest(db());
    for (const token of [...atRest, ...atRest.map(feedTokenFor)]) {
      expect(await findByToken(db(), token)).toBeUndefined();
      expect(await findByFeedToken(db(), token)).toBeUndefined();
    }
    for (const token of links) expect(atRest).not.toContain(token);
    expect((await db().selectFrom('outbox').select('private_token').where('private_token', 'is not', null).execute()).length).toBe(0);
  });

  it('a mail that failed keeps its token for the retry, and the retry carries a working link', async () => {
    const event = await insertEvent(db(), { capacity: 5 });
    const kari = await registered(event.id, 'kari@example.no');
    const failing = { send: async () => Promise.reject(new Error('451 try later')) };
    await deliverDue(db(), failing, { now, from: SETTINGS.mailFrom });
    const later = new Date(now.getTime() + 3_600_000);
    const [mail] = await deliverAll(db(), later);
    expect((await findByToken(db(), manageTokenIn(mail!.text)!))?.registration.id).toBe(kari.registration.id);
  });
});

describe('earlier links keep working', () => {
  it('a new link leaves the old link and its calendar feed working; deleting the data ends every link', async () => {
    const event = await insertEvent(db(), { capacity: 5 });
    const kari = await registered(event.id, 'kari@example.no');
    await sendManageLink(db(), event.id, 'kari@example.no', now, SETTINGS);
    const newer = manageTokenIn((await deliverAll(db(), now))[1]!.text)!;
    for (const token of [kari.token, newer]) {
      expect((await findByToken(db(), token))?.registration.id).toBe(kari.registration.id);
      expect((await findByFeedToken(db(), feedTokenFor(token)))?.registration.id).toBe(kari.registration.id);
    }
    await deleteRegistration(db(), kari.registration.id, now, SETTINGS);
    for (const token of [kari.token, newer]) {
      expect(await findByToken(db(), token)).toBeUndefined();
      expect(await findByFeedToken(db(), feedTokenFor(token))).toBeUndefined();
    }
    expect(await db().selectFrom('manage_tokens').selectAll().execute()).toEqual([]);
  });

  it('anonymising an event ends every link its participants were sent', async () => {
    const event = await insertEvent(db(), { capacity: 5 });
    const kari = await registered(event.id, 'kari@example.no');
    await sendManageLink(db(), event.id, 'kari@example.no', now, SETTINGS);
    const newer = manageTokenIn((await deliverAll(db(), now))[1]!.text)!;
    await anonymiseEvent(db(), event.id, new Date('2027-02-01T00:00:00Z'));
    for (const token of [kari.token, newer]) {
      expect(await findByToken(db(), token)).toBeUndefined();
      expect(await findByFeedToken(db(), feedTokenFor(token))).toBeUndefined();
    }
  });
});
