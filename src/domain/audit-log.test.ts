import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { audit, auditPage } from './audit-log';

let t: Awaited<ReturnType<typeof createTestDeps>>;
beforeEach(async () => {
  t = await createTestDeps();
});
afterEach(() => t.close());

describe('audit log', () => {
  it('pages newest first and tells whether older entries follow', async () => {
    for (let i = 0; i < 5; i++) {
      await audit(t.deps.db, { actor: { id: 1, email: 'kari@fylke.no' }, action: 'sign_in', target: `n${i}`, ip: '10.0.0.1' }, new Date(Date.UTC(2026, 0, 1, i)));
    }
    const first = await auditPage(t.deps.db, 1, 2);
    expect(first.rows.map((r) => r.target)).toEqual(['n4', 'n3']);
    expect(first.hasOlder).toBe(true);
    const last = await auditPage(t.deps.db, 3, 2);
    expect(last.rows.map((r) => r.target)).toEqual(['n0']);
    expect(last.hasOlder).toBe(false);
    expect(last.rows[0]).toMatchObject({ actor_id: 1, actor: 'kari@fylke.no', action: 'sign_in', ip: '10.0.0.1', at: '2026-01-01T00:00:00.000Z' });
  });

  it('refuses to change or remove an entry, even in plain SQL', async () => {
    await audit(t.deps.db, { action: 'sign_in_failed', target: 'ola@fylke.no' }, new Date());
    expect(() => t.sqlite.prepare("update audit_log set target = 'x'").run()).toThrow(/append-only/);
    expect(() => t.sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect((await auditPage(t.deps.db, 1)).rows.map((r) => r.target)).toEqual(['ola@fylke.no']);
  });
});
