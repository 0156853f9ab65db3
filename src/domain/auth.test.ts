import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertEvent } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';
import { safeNext } from '../routes/admin/session';
import {
  canManageEvent,
  createOrganiser,
  createSession,
  grantEvent,
  manageableEvents,
  resumeSession,
  setDisabled,
  viewerFor,
} from './auth';

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
let t: TestDeps;
const NOW = new Date('2026-11-23T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

beforeEach(async () => {
  t = await createTestDeps({ now: NOW });
});
afterEach(() => t.close());

const organiser = (email: string, role: 'admin' | 'organiser' = 'organiser') =>
  createOrganiser(t.deps.db, { email, name: email, role, password_hash: 'x' }, NOW);

describe('organisers', () => {
  it('are unique by address whatever the case', async () => {
    await organiser('Kari@Fylke.no');
    await expect(organiser('kari@fylke.NO')).rejects.toThrow(/UNIQUE/);
  });
});

describe('sessions', () => {
  it('resume by token, refuse a wrong or forged token, and write last_seen_at at most once a minute', async () => {
    const kari = await organiser('kari@fylke.no');
    const { token, session } = await createSession(t.deps.db, kari.id, NOW);
    expect((await resumeSession(t.deps.db, token, at(30_000)))?.organiser).toEqual({ id: kari.id, email: 'kari@fylke.no', name: 'kari@fylke.no', role: 'organiser' });
    expect((await t.deps.db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow()).last_seen_at).toBe(session.last_seen_at);
    await resumeSession(t.deps.db, token, at(120_000));
    expect((await t.deps.db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow()).last_seen_at).toBe(at(120_000).toISOString());
    expect(await resumeSession(t.deps.db, `${token}x`, NOW)).toBeNull();
    expect(await resumeSession(t.deps.db, session.id, NOW)).toBeNull();
  });

  it('end for a disabled organiser', async () => {
    const kari = await organiser('kari@fylke.no');
    const { token } = await createSession(t.deps.db, kari.id, NOW);
    await setDisabled(t.deps.db, kari.id, true, NOW);
    expect(await resumeSession(t.deps.db, token, NOW)).toBeNull();
  });
});

describe('access to events', () => {
  it('an organiser manages the events they were given; an admin every event', async () => {
    const [a, b] = [await insertEvent(t.deps.db, { title: 'A' }), await insertEvent(t.deps.db, { title: 'B' })];
    const kari = await organiser('kari@fylke.no');
    const admin = await organiser('admin@fylke.no', 'admin');
    await grantEvent(t.deps.db, kari.id, a.id);
    await grantEvent(t.deps.db, kari.id, a.id);
    expect(await canManageEvent(t.deps.db, kari, a.id)).toBe(true);
    expect(await canManageEvent(t.deps.db, kari, b.id)).toBe(false);
    expect(await canManageEvent(t.deps.db, admin, b.id)).toBe(true);
    expect(await canManageEvent(t.deps.db, admin, 9999)).toBe(false);
    expect(await viewerFor(t.deps.db, kari)).toEqual({ participantOf: [], organiserOf: [a.id] });
    expect(await viewerFor(t.deps.db, admin)).toEqual({ participantOf: [], organiserOf: 'all' });
    expect((await manageableEvents(t.deps.db, kari)).map((e) => e.title)).toEqual(['A']);
    expect((await manageableEvents(t.deps.db, admin)).map((e) => e.title).sort()).toEqual(['A', 'B']);
  });
});

describe('safeNext', () => {
  it('keeps local admin paths and drops everything else', () => {
    expect(safeNext('/admin/events/3?tab=x')).toBe('/admin/events/3?tab=x');
    expect(safeNext('/admin')).toBe('/admin');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/admin', '/admin/../events', '/administrator', '/admin/login', '', undefined, '/admin\n']) {
      expect(safeNext(bad), String(bad)).toBeUndefined();
    }
  });
});
