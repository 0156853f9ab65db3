import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { SETTINGS, outboxOf, person, statuses } from '../../test/registration-helpers';
import { fillSeats, register } from '../domain/registration';
import { INNLANDET_SLUG, UPCOMING_SLUG_PREFIX } from './demo-events';
import { seedDemoRegistrations } from './registrations';
import { seedDemo } from './seed';

let t: Awaited<ReturnType<typeof createTestDeps>>;
const now = new Date('2026-11-23T12:00:00Z');

beforeEach(async () => {
  t = await createTestDeps({ now });
  await seedDemo(t.deps.db, t.deps.files, now);
});
afterEach(async () => {
  await t.close();
});

const eventBySlug = (like: string) => t.deps.db.selectFrom('events').selectAll().where('slug', 'like', like).executeTakeFirstOrThrow();

it('gives the Innlandet seminar its 40 participants, spelled as people spell, some listed, and writes no mail', async () => {
  // seedDemo registers the demo participants itself; a second call finds them and adds none.
  const seminar = await eventBySlug(INNLANDET_SLUG);
  const rows = await t.deps.db.selectFrom('registrations').selectAll().where('event_id', '=', seminar.id).execute();
  expect(rows).toHaveLength(40);
  expect(rows.every((r) => r.status === 'confirmed')).toBe(true);
  const organisations = new Set(rows.map((r) => r.organisation));
  for (const spelling of ['Nav', 'NAV', 'Nav Innlandet', ' nav ', 'Høgskolen i Innlandet', 'NHO Innlandet', 'Innlandet fylkeskommune']) {
    expect(organisations).toContain(spelling);
  }
  const listed = rows.filter((r) => r.listed === 1).length;
  expect(listed).toBeGreaterThan(0);
  expect(listed).toBeLessThan(40);
  expect(rows.every((r) => r.created_at >= seminar.registration_opens_at! && r.created_at <= seminar.registration_closes_at!)).toBe(true);
  expect(await outboxOf(t.deps.db)).toEqual([]);
  expect(await seedDemoRegistrations(t.deps.db, now)).toBe(0);
});

it('gives the upcoming conference its questions and seven participants, none waiting while seats are free', async () => {
  const upcoming = await eventBySlug(`${UPCOMING_SLUG_PREFIX}%`);
  const questions = await t.deps.db.selectFrom('questions').select(['label', 'type']).where('event_id', '=', upcoming.id).orderBy('position').execute();
  expect(questions.map((q) => q.label)).toContain('Matallergier og spesielle behov');
  expect(questions.map((q) => q.type)).toEqual(['long_text', 'long_text', 'single_choice', 'yes_no']);
  const rows = await statuses(t.deps.db, upcoming.id);
  expect(rows.map((r) => r.status)).toEqual(Array(7).fill('confirmed'));
  expect(upcoming.capacity).toBeGreaterThan(rows.length);

  // The product would have given a waiting person one of the free seats: filling seats changes nothing.
  expect(await fillSeats(t.deps.db, upcoming, now, SETTINGS)).toEqual([]);
  const newcomer = await register(t.deps.db, upcoming.id, person({ email: 'newcomer@example.no' }), 'nb', now, SETTINGS);
  expect(newcomer.kind === 'registered' && newcomer.registration.status).toBe('confirmed');
});
