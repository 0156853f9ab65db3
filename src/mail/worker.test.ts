import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqlite } from '../adapters/sqlite';
import { smtpTransport } from '../adapters/smtp-transport';
import { createTestDeps } from '../../test/helpers';
import { sampleInvitation, startSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { enqueueMail, type QueuedMail } from './outbox';
import type { MailTransport } from './transport';
import { deliverDue, outboxSummary, retryDelayMs, retryFailed, startMailWorker } from './worker';

const FROM = 'Samling <noreply@samling.example>';
const t0 = new Date('2026-11-23T12:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

function confirmation(i: number): QueuedMail {
  const { messageId: _m, from: _f, ...mail } = sampleInvitation;
  return { ...mail, to: `deltaker${i}@example.no`, kind: 'confirmation' };
}

describe('mail worker', () => {
  let test: Awaited<ReturnType<typeof createTestDeps>>;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  beforeEach(async () => {
    test = await createTestDeps({ now: t0 });
    smtp = await startSmtpServer();
    transport = smtpTransport(smtp.url);
  });
  afterEach(async () => {
    await transport.close?.();
    await smtp.close();
    await test.close();
  });

  const db = () => test.deps.db;
  const enqueue = async (count: number, now = t0) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await enqueueMail(db(), confirmation(i), now, 'samling.example'));
    return ids;
  };
  const rows = () => db().selectFrom('outbox').selectAll().orderBy('id').execute();
  const deliveredIds = () => smtp.messages.map((m) => m.messageId).sort();

  it('delivers queued mail once, with its stored Message-ID, and records when it was sent', async () => {
    const ids = await enqueue(7);

    expect(await deliverDue(db(), transport, { now: t0, from: FROM, batchSize: 3 })).toEqual({
      sent: 7,
      failed: 0,
      retried: 0,
    });
    expect(await deliverDue(db(), transport, { now: later(60_000), from: FROM })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });

    expect(deliveredIds()).toEqual([...ids].sort());
    expect(smtp.messages[0]!.from?.value[0]?.address).toBe('noreply@samling.example');
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: 'sent', sent_at: t0.toISOString(), attempts: 1, last_error: null });
    }
    expect(await outboxSummary(db())).toEqual({ pending: 0, sending: 0, sent: 7, failed: 0 });
  });

  it('does not send mail before it is due', async () => {
    await enqueue(1, later(10_000));
    expect((await deliverDue(db(), transport, { now: t0, from: FROM })).sent).toBe(0);
    expect(smtp.messages).toHaveLength(0);
    expect((await deliverDue(db(), transport, { now: later(10_000), from: FROM })).sent).toBe(1);
  });

  it('keeps mail the server refuses, backs off, and delivers it exactly once when the server accepts again', async () => {
    const ids = await enqueue(4);
    smtp.setRefuse(true);

    expect(await deliverDue(db(), transport, { now: t0, from: FROM })).toEqual({ sent: 0, failed: 0, retried: 4 });
    for (const row of await rows()) {
      expect(row.status).toBe('pending');
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/451/);
      expect(row.next_attempt_at >= later(30_000).toISOString()).toBe(true);
      expect(row.next_attempt_at <= later(33_000).toISOString()).toBe(true);
    }
    // Not due yet: nothing is attempted, however often the worker runs.
    expect(await deliverDue(db(), transport, { now: later(29_000), from: FROM })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });

    // Second failure doubles the wait.
    expect((await deliverDue(db(), transport, { now: later(40_000), from: FROM })).retried).toBe(4);
    for (const row of await rows()) {
      expect(row.attempts).toBe(2);
      expect(row.next_attempt_at >= later(40_000 + 60_000).toISOString()).toBe(true);
      expect(row.next_attempt_at <= later(40_000 + 66_000).toISOString()).toBe(true);
    }

    smtp.setRefuse(false);
    expect((await deliverDue(db(), transport, { now: later(110_000), from: FROM })).sent).toBe(4);
    expect(await deliverDue(db(), transport, { now: later(3_600_000), from: FROM })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(deliveredIds()).toEqual([...ids].sort());
    expect(await outboxSummary(db())).toEqual({ pending: 0, sending: 0, sent: 4, failed: 0 });
  });

  it('loses nothing while the SMTP server is down and delivers everything once it is back', async () => {
    const ids = await enqueue(5);
    const port = smtp.port;
    await smtp.close();

    expect(await deliverDue(db(), transport, { now: t0, from: FROM })).toEqual({ sent: 0, failed: 0, retried: 5 });
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.last_error).toMatch(/ECONNREFUSED/);
    }

    smtp = await startSmtpServer({ port });
    expect((await deliverDue(db(), transport, { now: later(60_000), from: FROM })).sent).toBe(5);
    expect(deliveredIds()).toEqual([...ids].sort());
  });

  it('gives up after maxAttempts with the last error, and an organiser can retry it', async () => {
    const [id] = await enqueue(1);
    smtp.setRefuse(true);

    let now = t0;
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push(await deliverDue(db(), transport, { now, from: FROM, maxAttempts: 3 }));
      now = new Date((await rows())[0]!.next_attempt_at);
    }
    expect(results.map((r) => [r.retried, r.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, sent_at: null });
    expect(row!.last_error).toMatch(/451/);
    expect(await deliverDue(db(), transport, { now: later(86_400_000), from: FROM, maxAttempts: 3 })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(await outboxSummary(db())).toEqual({ pending: 0, sending: 0, sent: 0, failed: 1 });

    smtp.setRefuse(false);
    expect(await retryFailed(db(), row!.id, later(86_400_000))).toBe(true);
    expect(await retryFailed(db(), row!.id, later(86_400_000))).toBe(false);
    expect((await deliverDue(db(), transport, { now: later(86_400_000), from: FROM, maxAttempts: 3 })).sent).toBe(1);
    expect(deliveredIds()).toEqual([id]);
  });

  it('retries a mail whose send was interrupted by a crash, but only after the lease', async () => {
    const ids = await enqueue(2);
    // The first worker claims the mails and then "crashes": its sends never finish.
    const hung: MailTransport = { send: () => new Promise<void>(() => {}) };
    void deliverDue(db(), hung, { now: t0, from: FROM });
    await vi.waitFor(async () => expect((await outboxSummary(db())).sending).toBe(2));

    expect((await deliverDue(db(), transport, { now: later(4 * 60_000), from: FROM })).sent).toBe(0);
    expect((await deliverDue(db(), transport, { now: later(5 * 60_000), from: FROM })).sent).toBe(2);
    expect(deliveredIds()).toEqual([...ids].sort());
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);
  });

  it('gives up on an interrupted send that already used its last attempt', async () => {
    await enqueue(1);
    void deliverDue(db(), { send: () => new Promise<void>(() => {}) }, { now: t0, from: FROM, maxAttempts: 1 });
    await vi.waitFor(async () => expect((await outboxSummary(db())).sending).toBe(1));

    expect(await deliverDue(db(), transport, { now: later(5 * 60_000), from: FROM, maxAttempts: 1 })).toEqual({
      sent: 0,
      failed: 1,
      retried: 0,
    });
    expect((await rows())[0]!.last_error).toMatch(/Interrupted/);
    expect(smtp.messages).toHaveLength(0);
  });

  it('never sends a mail twice when two workers with their own database connections run at once', async () => {
    const ids = await enqueue(40);
    const other = openSqlite(`${test.dir}/test.sqlite`);
    const otherTransport = smtpTransport(smtp.url);
    try {
      const [a, b] = await Promise.all([
        deliverDue(db(), transport, { now: t0, from: FROM, batchSize: 5 }),
        deliverDue(other.db, otherTransport, { now: t0, from: FROM, batchSize: 5 }),
      ]);
      expect(a.sent + b.sent).toBe(40);
    } finally {
      await otherTransport.close?.();
      await other.db.destroy();
    }
    expect(deliveredIds()).toEqual([...ids].sort());
  });

  it('marks an unreadable payload as failed instead of retrying it forever', async () => {
    await enqueue(1);
    await db().updateTable('outbox').set({ payload: '{not json' }).execute();
    expect((await deliverDue(db(), transport, { now: t0, from: FROM })).failed).toBe(1);
    expect((await rows())[0]!.last_error).toMatch(/Unreadable payload/);
  });

  // The background loop, on the same database, SMTP server and transport as the tests above.
  describe('startMailWorker', () => {
    it('after a crash, delivers at once what the dead process had claimed, with the same Message-ID', async () => {
      const [id] = await enqueue(1);
      // The first process claims the mail, then dies before the SMTP server answers (the send never returns).
      const dying: MailTransport = { send: () => new Promise<never>(() => {}) };
      const first = startMailWorker({ db: test.deps.db, transport: dying, clock: test.deps.clock, from: FROM, bootId: 'boot-1', intervalMs: 3_600_000 });
      await vi.waitFor(async () => expect((await rows())[0]).toMatchObject({ status: 'sending', claimed_by: 'boot-1' }));
      void first; // never stopped: a kill -9 says no goodbye
      // The restart, a few seconds later, well inside the 5-minute lease.
      test.setNow(later(5_000));
      const second = startMailWorker({ db: test.deps.db, transport, clock: test.deps.clock, from: FROM, bootId: 'boot-2', intervalMs: 3_600_000 });
      try {
        await vi.waitFor(() => expect(smtp.messages.map((m) => m.messageId)).toEqual([id]));
        expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2, claimed_by: 'boot-2' });
      } finally {
        await second.stop();
      }
    });

    it('delivers what is queued when woken, without waiting for the interval', async () => {
      const worker = startMailWorker({ db: test.deps.db, transport, clock: test.deps.clock, from: FROM, intervalMs: 3_600_000 });
      try {
        const id = await enqueueMail(test.deps.db, confirmation(1), t0, 'samling.example');
        worker.wake();
        await vi.waitFor(() => expect(smtp.messages.map((m) => m.messageId)).toEqual([id]));
      } finally {
        await worker.stop();
      }
    });

    it('a wake during a run is not lost: mail queued meanwhile goes out right after', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let sends = 0;
      const gated: MailTransport = {
        async send(mail) {
          sends++;
          await gate;
          await transport.send(mail);
        },
      };
      await enqueueMail(test.deps.db, confirmation(1), t0, 'samling.example');
      const worker = startMailWorker({ db: test.deps.db, transport: gated, clock: test.deps.clock, from: FROM, intervalMs: 3_600_000 });
      try {
        await vi.waitFor(() => expect(sends).toBe(1));
        await enqueueMail(test.deps.db, confirmation(2), t0, 'samling.example');
        worker.wake();
        release();
        await vi.waitFor(() => expect(smtp.messages).toHaveLength(2));
      } finally {
        await worker.stop();
      }
    });

    it('stop() waits for the mail in flight to be recorded, and nothing is sent afterwards', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = false;
      const gated: MailTransport = {
        async send(mail) {
          started = true;
          await gate;
          await transport.send(mail);
        },
      };
      await enqueueMail(test.deps.db, confirmation(1), t0, 'samling.example');
      const worker = startMailWorker({ db: test.deps.db, transport: gated, clock: test.deps.clock, from: FROM });
      await vi.waitFor(() => expect(started).toBe(true));

      let stopped = false;
      const stopping = worker.stop().then(() => (stopped = true));
      await Promise.resolve();
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(await outboxSummary(test.deps.db)).toEqual({ pending: 0, sending: 0, sent: 1, failed: 0 });

      await enqueueMail(test.deps.db, confirmation(2), t0, 'samling.example');
      worker.wake();
      await worker.stop(); // would wait for a run the wake had started
      expect(await outboxSummary(test.deps.db)).toEqual({ pending: 1, sending: 0, sent: 1, failed: 0 });
      expect(smtp.messages).toHaveLength(1);
    });
  });
});

describe('retryDelayMs', () => {
  it('doubles from 30 seconds and stops growing at one hour, plus at most 10 % jitter', () => {
    expect([1, 2, 3, 4, 8, 20].map((n) => retryDelayMs(n, () => 0))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
    expect(retryDelayMs(1, () => 0.999)).toBe(32_997);
  });
});

