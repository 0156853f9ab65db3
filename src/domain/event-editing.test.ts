import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { insertEvent, insertItem } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';
import { SETTINGS, outboxOf, person, statuses } from '../../test/registration-helpers';
import { formatTime } from '../time';
import { duplicateEvent } from './event-duplication';
import { eventToForm, parseEventForm, updateEvent } from './event-editing';
import { register } from './registration';

let t: Awaited<ReturnType<typeof createTestDeps>>;
const now = new Date('2026-11-23T12:00:00Z');
beforeEach(async () => {
  t = await createTestDeps({ now });
});
afterEach(() => t.close());

/** Saves the event as the organiser's form would, with some fields changed. */
async function saveForm(event: EventRow, changes: Partial<ReturnType<typeof eventToForm>>) {
  const parsed = parseEventForm({ ...eventToForm(event), ...changes });
  if (!parsed.ok) throw new Error(`invalid form: ${JSON.stringify(parsed.errors)}`);
  const saved = await updateEvent(t.deps.db, event, parsed.data, now, SETTINGS);
  if (!saved.ok) throw new Error(`not saved: ${JSON.stringify(saved.errors)}`);
  return saved.data;
}

describe('updateEvent', () => {
  it('gives the places a larger capacity frees to the waiting list, in order, with their mails', async () => {
    const event = await insertEvent(t.deps.db, { capacity: 1, registration_opens_at: '2026-11-01T00:00:00.000Z' });
    for (const email of ['a@example.no', 'b@example.no', 'c@example.no']) {
      await register(t.deps.db, event.id, person({ email }), 'nb', now, SETTINGS);
    }
    await saveForm(event, { capacity: '2' });
    expect((await statuses(t.deps.db, event.id)).map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    const promoted = (await outboxOf(t.deps.db)).filter((m) => m.kind === 'promoted');
    expect(promoted.map((m) => m.to_address)).toEqual(['b@example.no']);
    expect(promoted[0]?.mail.calendar?.method).toBe('REQUEST');
  });

  it('moves the programme with the event: same local times on the new days, across daylight saving', async () => {
    // From 14 January (winter time) to 17 June (summer time): 09:00 must stay 09:00.
    const event = await insertEvent(t.deps.db, { localStart: '2027-01-14T08:30', localEnd: '2027-01-14T16:00' });
    const item = await insertItem(t.deps.db, event, { start: '2027-01-14T09:00', end: '2027-01-14T10:30' });
    const moved = await saveForm(event, { starts_local: '2027-06-17T08:30', ends_local: '2027-06-17T16:00' });
    const after = await t.deps.db.selectFrom('programme_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(after.starts_at).toBe('2027-06-17T07:00:00.000Z');
    expect(formatTime(after.starts_at, moved.event.time_zone, 'nb')).toBe('09.00');
    expect(formatTime(after.ends_at, moved.event.time_zone, 'nb')).toBe('10.30');
    const changes = await t.deps.db.selectFrom('programme_changes').selectAll().where('item_id', '=', item.id).execute();
    expect(changes.map((c) => c.change)).toEqual(['moved']);
  });

  it('keeps wall-clock times when the time zone changes', async () => {
    const event = await insertEvent(t.deps.db, { localStart: '2027-01-14T08:30', localEnd: '2027-01-14T16:00' });
    const item = await insertItem(t.deps.db, event, { start: '2027-01-14T09:00', end: '2027-01-14T10:30' });
    await saveForm(event, { time_zone: 'Europe/London' });
    const after = await t.deps.db.selectFrom('programme_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(formatTime(after.starts_at, 'Europe/London', 'nb')).toBe('09.00');
  });
});

describe('duplicateEvent', () => {
  it('starts a new edition fresh: a draft, never anonymised, with no calendar history', async () => {
    const event = await insertEvent(t.deps.db, { localStart: '2025-01-14T09:00', localEnd: '2025-01-14T15:00' });
    await t.deps.db.updateTable('events').set({ anonymised_at: now.toISOString(), sequence: 3 }).where('id', '=', event.id).execute();
    const old = await t.deps.db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
    const copy = await duplicateEvent(t.deps.db, old, 364, { id: 1, role: 'admin' }, now);
    expect([copy.status, copy.anonymised_at, copy.sequence]).toEqual(['draft', null, 0]);
  });
});
