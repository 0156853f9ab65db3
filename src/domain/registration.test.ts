import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertEvent } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';
import { SETTINGS, deliverAll, insertQuestion, manageTokenIn, outboxOf, person, registerPerson, statuses } from '../../test/registration-helpers';
import { NotFound } from '../errors';
import { cancelEvent, enqueueDueReminders, rescheduleEvent } from './event-changes';
import { RegistrationClosed, cancelRegistration, deleteRegistration, exportRegistration, register, sendManageLink, updateRegistration } from './registration';
import { findByFeedToken, findByToken, waitlistPosition } from './registration-queries';
import { feedTokenFor, hashToken } from './registration-tokens';

let t: Awaited<ReturnType<typeof createTestDeps>>;
const now = new Date('2026-11-23T12:00:00Z');

beforeEach(async () => {
  t = await createTestDeps({ now });
});
afterEach(async () => {
  await t.close();
});

const db = () => t.deps.db;

function parseIcs(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

const registered = (eventId: number, email: string, lang: 'nb' | 'en' = 'nb') => registerPerson(db(), eventId, email, now, lang);

describe('capacity and waiting list', () => {
  it('confirms while seats remain, then waitlists in arrival order, with the right mail for each', async () => {
    const event = await insertEvent(db(), { capacity: 2, title: 'Inkludering i arbeidslivet' });
    const a = await registered(event.id, 'a@example.no');
    const b = await registered(event.id, 'b@example.no', 'en');
    const c = await registered(event.id, 'c@example.no');
    const d = await registered(event.id, 'd@example.no');
    expect([a, b, c, d].map((r) => r.registration.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect([c.position, d.position]).toEqual([1, 2]);

    const mails = await outboxOf(db());
    expect(mails.map((m) => [m.kind, m.to_address])).toEqual([
      ['confirmation', 'a@example.no'],
      ['confirmation', 'b@example.no'],
      ['waitlisted', 'c@example.no'],
      ['waitlisted', 'd@example.no'],
    ]);
    expect(mails[0]!.mail.subject).toBe('Påmeldt: Inkludering i arbeidslivet');
    expect(mails[1]!.mail.subject).toBe('Registered: Inkludering i arbeidslivet');
    expect(mails[1]!.mail.lang).toBe('en');
    expect(mails[3]!.mail.text).toContain('nr. 2 på ventelisten');
    // The confirmation carries the iTIP invitation; a waiting-list place does not.
    expect(mails[0]!.mail.calendar?.method).toBe('REQUEST');
    const vevent = parseIcs(mails[0]!.mail.calendar!.content).getFirstSubcomponent('vevent')!;
    expect(String(vevent.getFirstPropertyValue('attendee')).toLowerCase()).toBe('mailto:a@example.no');
    expect(parseIcs(mails[0]!.mail.calendar!.content).getFirstPropertyValue('method')).toBe('REQUEST');
    expect(mails[2]!.mail.calendar).toBeUndefined();
    // The manage link in the mail, as delivered, is the one the registration answers to.
    expect((await deliverAll(db(), now))[0]!.text).toContain(`/registrations/${a.token}`);
  });

  it('never overbooks: 50 concurrent registrations for 10 seats give 10 confirmed and 40 waitlisted in order', async () => {
    const event = await insertEvent(db(), { capacity: 10 });
    // Hold the connection so that all 50 arrive (tokens hashed) and contend for it at once, as under load;
    // without the gate each one could finish before the next one's hashing resolves.
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const holder = db().transaction().execute(async (trx) => {
      await trx.selectFrom('events').select('id').execute();
      await gate;
    });
    const all = Promise.all(
      Array.from({ length: 50 }, (_, i) => register(db(), event.id, person({ email: `p${i}@example.no` }), 'nb', now, SETTINGS)),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    open();
    await holder;
    const outcomes = await all;
    expect(outcomes.every((o) => o.kind === 'registered')).toBe(true);
    const rows = await statuses(db(), event.id);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waitlisted = rows.filter((r) => r.status === 'waitlisted');
    expect(confirmed).toHaveLength(10);
    expect(waitlisted).toHaveLength(40);
    // Arrival order: every confirmed row came before every waitlisted one, and places count 1…40.
    expect(Math.max(...confirmed.map((r) => r.id))).toBeLessThan(Math.min(...waitlisted.map((r) => r.id)));
    const positions = await Promise.all(waitlisted.map((r) => waitlistPosition(db(), { ...r, event_id: event.id })));
    expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await outboxOf(db())).toHaveLength(50);
  });

  it('promotes the first on the waiting list when a confirmed participant cancels, and mails them in the same transaction', async () => {
    const event = await insertEvent(db(), { capacity: 1 });
    const first = await registered(event.id, 'first@example.no');
    const second = await registered(event.id, 'second@example.no');
    const third = await registered(event.id, 'third@example.no');

    const result = await cancelRegistration(db(), first.registration.id, now, SETTINGS);
    expect(result?.promoted.map((r) => r.email)).toEqual(['second@example.no']);
    expect((await statuses(db(), event.id)).map((r) => r.status)).toEqual(['cancelled', 'confirmed', 'waitlisted']);
    expect(await waitlistPosition(db(), third.registration)).toBe(1);

    const mails = (await outboxOf(db())).slice(3);
    expect(mails.map((m) => [m.kind, m.to_address, m.mail.calendar?.method])).toEqual([
      ['cancelled', 'first@example.no', 'CANCEL'],
      ['promoted', 'second@example.no', 'REQUEST'],
    ]);
    expect(mails[1]!.mail.subject).toMatch(/^Du har fått plass/);
    expect(mails[1]!.registration_id).toBe(second.registration.id);
    // Cancelling twice changes nothing.
    expect(await cancelRegistration(db(), first.registration.id, now, SETTINGS)).toBeNull();
  });

  it('rolls the whole cancellation back when the promotion mail cannot be written', async () => {
    const event = await insertEvent(db(), { capacity: 1 });
    const first = await registered(event.id, 'first@example.no');
    await registered(event.id, 'second@example.no');
    await sql`create trigger no_promoted before insert on outbox when new.kind = 'promoted' begin select raise(abort, 'outbox refused'); end`.execute(db());
    await expect(cancelRegistration(db(), first.registration.id, now, SETTINGS)).rejects.toThrow('outbox refused');
    expect((await statuses(db(), event.id)).map((r) => r.status)).toEqual(['confirmed', 'waitlisted']);
    expect((await outboxOf(db())).map((m) => m.kind)).toEqual(['confirmation', 'waitlisted']);
  });

  it('a waitlisted participant who cancels frees no seat and gets no calendar cancellation', async () => {
    const event = await insertEvent(db(), { capacity: 1 });
    await registered(event.id, 'first@example.no');
    const second = await registered(event.id, 'second@example.no');
    const third = await registered(event.id, 'third@example.no');
    const result = await cancelRegistration(db(), second.registration.id, now, SETTINGS);
    expect(result?.promoted).toEqual([]);
    const last = (await outboxOf(db())).at(-1)!;
    expect([last.kind, last.mail.calendar]).toEqual(['cancelled', undefined]);
    expect(await waitlistPosition(db(), third.registration)).toBe(1);
  });
});

describe('one registration per address', () => {
  it('treats " Kari@Example.no " and "kari@example.no" as the same address', async () => {
    const event = await insertEvent(db(), { capacity: 10 });
    const first = await register(db(), event.id, person({ email: ' Kari@Example.no ' }), 'nb', now, SETTINGS);
    expect(first.kind).toBe('registered');
    const again = await register(db(), event.id, person({ email: 'kari@example.no' }), 'nb', now, SETTINGS);
    expect(again).toEqual({ kind: 'duplicate' });
    const rows = await db().selectFrom('registrations').select(['email', 'email_key']).execute();
    expect(rows).toEqual([{ email: 'Kari@Example.no', email_key: 'kari@example.no' }]);
    expect(await outboxOf(db())).toHaveLength(1);
  });

  it('lets someone register again after cancelling', async () => {
    const event = await insertEvent(db(), { capacity: 10 });
    const first = await registered(event.id, 'kari@example.no');
    await cancelRegistration(db(), first.registration.id, now, SETTINGS);
    expect((await register(db(), event.id, person({ email: 'KARI@example.no' }), 'nb', now, SETTINGS)).kind).toBe('registered');
  });

  it('sends a further manage link by mail, keeping the old one and its feed, at most once in five minutes', async () => {
    const event = await insertEvent(db(), { capacity: 10 });
    const first = await registered(event.id, 'kari@example.no');
    expect(await sendManageLink(db(), event.id, ' KARI@example.no', now, SETTINGS)).toBe(true);
    expect(await sendManageLink(db(), event.id, 'kari@example.no', new Date(now.getTime() + 60_000), SETTINGS)).toBe(false);
    expect(await sendManageLink(db(), event.id, 'nobody@example.no', now, SETTINGS)).toBe(false);
    const mail = (await outboxOf(db())).filter((m) => m.kind === 'manage_link');
    expect(mail).toHaveLength(1);
    const delivered = (await deliverAll(db(), now)).filter((m) => m.subject.startsWith('Lenken'));
    const newToken = manageTokenIn(delivered[0]!.text)!;
    expect(newToken).not.toBe(first.token);
    // Whoever typed the address broke nothing: the first link and its calendar feed still work.
    expect((await findByToken(db(), first.token))?.registration.id).toBe(first.registration.id);
    expect((await findByFeedToken(db(), feedTokenFor(first.token)))?.registration.id).toBe(first.registration.id);
    expect((await findByToken(db(), newToken))?.registration.id).toBe(first.registration.id);
    expect((await findByFeedToken(db(), await feedTokenFor(newToken)))?.registration.id).toBe(first.registration.id);
  });
});

describe('the registration window', () => {
  it('refuses before opening, after closing, for a cancelled event and for a draft, writing nothing', async () => {
    const notYet = await insertEvent(db(), { registration_opens_at: '2026-12-01T08:00:00.000Z' });
    const closed = await insertEvent(db(), { registration_closes_at: '2026-11-20T08:00:00.000Z' });
    const cancelled = await insertEvent(db(), { status: 'cancelled' });
    const draft = await insertEvent(db(), { status: 'draft' });
    for (const [event, state] of [
      [notYet, 'not_yet'],
      [closed, 'closed'],
      [cancelled, 'cancelled'],
    ] as const) {
      const error = await register(db(), event.id, person(), 'nb', now, SETTINGS).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegistrationClosed);
      expect((error as RegistrationClosed).window.state).toBe(state);
    }
    await expect(register(db(), draft.id, person(), 'nb', now, SETTINGS)).rejects.toBeInstanceOf(NotFound);
    expect(await db().selectFrom('registrations').selectAll().execute()).toEqual([]);
    expect(await outboxOf(db())).toEqual([]);
  });
});

describe('tokens', () => {
  it('stores only hashes; the token and the derived feed token find the registration, a forged one does not', async () => {
    const event = await insertEvent(db());
    const { token, registration } = await registered(event.id, 'kari@example.no');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(registration.token_hash).toBe(await hashToken(token));
    expect(registration.token_hash).not.toContain(token);
    expect((await findByToken(db(), token))?.registration.id).toBe(registration.id);
    expect(await findByToken(db(), registration.token_hash)).toBeUndefined();
    expect(await findByToken(db(), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    const feed = await feedTokenFor(token);
    expect(feed).not.toBe(token);
    expect((await findByFeedToken(db(), feed))?.registration.id).toBe(registration.id);
    // The feed token opens only the feed, not the manage page.
    expect(await findByToken(db(), feed)).toBeUndefined();
  });
});

describe('changing and deleting', () => {
  it('updates details and answers, and exports everything stored about the person', async () => {
    const event = await insertEvent(db());
    const diet = await insertQuestion(db(), event.id, { type: 'long_text', label: 'Matallergier og spesielle behov' });
    const { registration } = await registered(event.id, 'kari@example.no');
    await updateRegistration(db(), registration.id, person({ name: 'Kari N.', listed: true, answers: [{ questionId: diet.id, value: 'Nøtter' }] }), now);
    const found = (await findByToken(db(), (await registered(event.id, 'other@example.no')).token))!;
    expect(found.registration.name).not.toBe('Kari N.');
    const data = await exportRegistration(db(), { event, registration: (await db().selectFrom('registrations').selectAll().where('id', '=', registration.id).executeTakeFirstOrThrow()) });
    expect(data.registration).toMatchObject({ name: 'Kari N.', email: 'kari@example.no', listed: true });
    expect(data.answers).toEqual([{ question: 'Matallergier og spesielle behov', type: 'long_text', answer: 'Nøtter' }]);
    expect(data.mails.map((m) => m.kind)).toEqual(['confirmation']);
    expect(JSON.stringify(data)).not.toContain(registration.token_hash);
  });

  it('deletes the registration, its answers and its mails, and gives the seat to the waiting list', async () => {
    const event = await insertEvent(db(), { capacity: 1 });
    const q = await insertQuestion(db(), event.id, { type: 'yes_no', label: 'Kommer du på middagen?' });
    const first = await register(db(), event.id, person({ email: 'first@example.no', answers: [{ questionId: q.id, value: true }] }), 'nb', now, SETTINGS);
    await registered(event.id, 'second@example.no');
    if (first.kind !== 'registered') throw new Error('expected a registration');
    expect(await deleteRegistration(db(), first.registration.id, now, SETTINGS)).toBe(true);
    expect(await db().selectFrom('answers').selectAll().execute()).toEqual([]);
    expect((await statuses(db(), event.id)).map((r) => [r.email, r.status])).toEqual([['second@example.no', 'confirmed']]);
    const mails = await outboxOf(db());
    // The old confirmation (with the person's name) is gone; the last word removes the entry from their calendar.
    expect(mails.map((m) => [m.kind, m.to_address, m.registration_id])).toEqual([
      ['waitlisted', 'second@example.no', expect.any(Number)],
      ['deleted', 'first@example.no', null],
      ['promoted', 'second@example.no', expect.any(Number)],
    ]);
    expect(mails[1]!.mail.calendar?.method).toBe('CANCEL');
    expect(await deleteRegistration(db(), first.registration.id, now, SETTINGS)).toBe(false);
  });
});

describe('reminders', () => {
  it('queues one reminder per confirmed participant once the event is within reminder_hours, exactly once', async () => {
    const event = await insertEvent(db(), { capacity: 1, starts_at: '2026-11-25T08:00:00.000Z', ends_at: '2026-11-25T14:00:00.000Z', reminder_hours: 24 });
    await registered(event.id, 'confirmed@example.no');
    await registered(event.id, 'waiting@example.no');
    expect(await enqueueDueReminders(db(), now, SETTINGS)).toBe(0);
    const dayBefore = new Date('2026-11-24T09:00:00Z');
    expect(await enqueueDueReminders(db(), dayBefore, SETTINGS)).toBe(1);
    expect(await enqueueDueReminders(db(), new Date('2026-11-24T10:00:00Z'), SETTINGS)).toBe(0);
    const reminders = (await outboxOf(db())).filter((m) => m.kind === 'reminder');
    expect(reminders.map((m) => m.to_address)).toEqual(['confirmed@example.no']);
    expect(reminders[0]!.mail.subject).toBe(`Påminnelse: ${event.title}`);
    // Once the event has started, nothing more is sent.
    expect(await enqueueDueReminders(db(), new Date('2026-11-25T09:00:00Z'), SETTINGS)).toBe(0);
  });
});

describe('organiser changes', () => {
  it('raises SEQUENCE and sends an updated REQUEST to confirmed participants when the time changes', async () => {
    const event = await insertEvent(db(), { capacity: 1 });
    await registered(event.id, 'confirmed@example.no');
    await registered(event.id, 'waiting@example.no');
    expect(await rescheduleEvent(db(), event.id, { venue_name: event.venue_name }, now, SETTINGS)).toEqual({ changed: false, notified: 0 });
    const later = new Date(new Date(event.starts_at).getTime() + 3_600_000).toISOString();
    const laterEnd = new Date(new Date(event.ends_at).getTime() + 3_600_000).toISOString();
    expect(await rescheduleEvent(db(), event.id, { starts_at: later, ends_at: laterEnd }, now, SETTINGS)).toEqual({ changed: true, notified: 2 });
    const mails = (await outboxOf(db())).slice(2);
    expect(mails.map((m) => [m.kind, m.to_address, m.mail.calendar?.method])).toEqual([
      ['updated', 'confirmed@example.no', 'REQUEST'],
      ['updated_waitlisted', 'waiting@example.no', undefined],
    ]);
    const vevent = parseIcs(mails[0]!.mail.calendar!.content).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
    expect((vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(later);
    await expect(rescheduleEvent(db(), event.id, { ends_at: event.starts_at }, now, SETTINGS)).rejects.toThrow();
  });

  it('cancels the event with METHOD:CANCEL to every confirmed participant', async () => {
    const event = await insertEvent(db(), { capacity: 1 });
    await registered(event.id, 'confirmed@example.no');
    await registered(event.id, 'waiting@example.no');
    expect(await cancelEvent(db(), event.id, now, SETTINGS)).toBe(2);
    expect(await cancelEvent(db(), event.id, now, SETTINGS)).toBe(0);
    const mails = (await outboxOf(db())).slice(2);
    expect(mails.map((m) => [m.kind, m.to_address, m.mail.calendar?.method])).toEqual([
      ['event_cancelled', 'confirmed@example.no', 'CANCEL'],
      ['event_cancelled', 'waiting@example.no', undefined],
    ]);
    const cal = parseIcs(mails[0]!.mail.calendar!.content);
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(1);
    const row = await db().selectFrom('events').select(['status', 'sequence']).where('id', '=', event.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'cancelled', sequence: 1 });
  });
});
