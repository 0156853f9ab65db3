import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { zonedToUtc } from '../../src/time';
import { signIn } from '../admin-helpers';
import { insertEvent, insertItem } from '../fixtures';
import { createTestDeps } from '../helpers';

let t: Awaited<ReturnType<typeof createTestDeps>>;
beforeAll(async () => {
  t = await createTestDeps();
});
afterAll(() => t.close());

it('warns about programme items left outside the event after its times changed', async () => {
  const app = createApp(t.deps);
  const admin = await signIn(app, t.deps, { role: 'admin' });
  const event = await insertEvent(t.deps.db, { localStart: '2027-01-14T08:30', localEnd: '2027-01-14T15:00' });
  await insertItem(t.deps.db, event, { start: '2027-01-14T08:30', end: '2027-01-14T09:00' }, { title: 'Frokost' });
  await insertItem(t.deps.db, event, { start: '2027-01-14T09:00', end: '2027-01-14T10:00' }, { title: 'Åpning' });
  const before = await admin.get(`/admin/events/${event.id}/programme`);
  expect(before.doc.querySelectorAll('.warning.outside')).toHaveLength(0);

  await t.deps.db.updateTable('events').set({ starts_at: zonedToUtc('2027-01-14T09:00', 'Europe/Oslo') }).where('id', '=', event.id).execute();
  const after = await admin.get(`/admin/events/${event.id}/programme`);
  const warned = [...after.doc.querySelectorAll('tr')].filter((row) => row.querySelector('.warning.outside'));
  expect(warned.map((row) => row.textContent)).toEqual([expect.stringContaining('Frokost')]);
  expect(after.body).toContain('Noen programposter ligger utenfor tiden arrangementet varer');
});
