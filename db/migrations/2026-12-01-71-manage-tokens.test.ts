import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { insertEvent } from '../../test/fixtures';
import { SETTINGS, deliverAll, manageTokenIn } from '../../test/registration-helpers';
import { openSqlite } from '../../src/adapters/sqlite';
import { findByToken } from '../../src/domain/registration-queries';
import { issueTokens, newRegistration } from '../../src/domain/registration-tokens';
import { migrateToLatest } from '../migrate';
import { migrationProvider } from './index';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('takes the manage links out of mail queued before it: a sent one keeps none, a pending one gets its link at send time', async () => {
  dir = await mkdtemp(join(tmpdir(), 'samling-migration-'));
  const { db, sqlite } = openSqlite(join(dir, 'test.sqlite'));
  try {
    const before = await new Migrator({ db, provider: migrationProvider }).migrateTo('2026-11-23-09-anonymise');
    expect(before.error).toBeUndefined();
    const now = new Date('2026-11-23T12:00:00Z');
    const event = await insertEvent(db);
    const tokens = issueTokens();
    const person = { name: 'Kari', email: 'kari@example.no', organisation: 'Nav', job_title: null, listed: false };
    const registration = await db
      .insertInto('registrations')
      .values(newRegistration(event.id, 'confirmed', person, 'nb', tokens, now.toISOString()))
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = `${SETTINGS.baseUrl}/registrations/${tokens.token}`;
    const payload = JSON.stringify({ to: person.email, subject: 'Påmeldt', text: `Se: ${link}`, html: `<a href="${link}">Se</a>`, lang: 'nb' });
    const row = { kind: 'confirmation', event_id: event.id, registration_id: registration.id, to_address: person.email, payload, next_attempt_at: now.toISOString(), last_error: null, created_at: now.toISOString() };
    await db
      .insertInto('outbox')
      .values([
        { ...row, message_id: '<sent@x>', status: 'sent', sent_at: now.toISOString() },
        { ...row, message_id: '<pending@x>', status: 'pending', sent_at: null },
      ] as never)
      .execute();

    await migrateToLatest(db);
    const rows = await db.selectFrom('outbox').select(['message_id', 'payload', 'private_token']).orderBy('id').execute();
    for (const stored of rows) expect(stored.payload).not.toContain(tokens.token);
    expect(rows.map((r) => r.private_token)).toEqual([null, tokens.token]);
    const [mail] = await deliverAll(db, now);
    expect(mail!.text).toBe(`Se: ${link}`);
    expect(mail!.html).toBe(`<a href="${link}">Se</a>`);
    expect((await findByToken(db, manageTokenIn(mail!.text)!))?.registration.id).toBe(registration.id);
    expect((await db.selectFrom('outbox').select('private_token').where('private_token', 'is not', null).execute()).length).toBe(0);
  } finally {
    await db.destroy();
    sqlite.close();
  }
});
