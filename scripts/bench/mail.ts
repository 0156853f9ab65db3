// npm run bench:mail — 10,000 queued invitations (each with a ~3 KB iCalendar part) in a file-backed SQLite outbox,
// delivered by deliverDue through the real pooled SMTP transport to an smtp-server in a child process (so the server's
// parsing does not count against the worker's CPU or memory). Baseline in the same run: the same rendered mail sent
// straight through the same transport, without the outbox. Target: ≥ 200 mails/s through the outbox.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest } from '../../db/migrate';
import { openSqlite } from '../../src/adapters/sqlite';
import { smtpTransport } from '../../src/adapters/smtp-transport';
import { enqueueMail, type QueuedMail } from '../../src/mail/outbox';
import { deliverDue, outboxSummary } from '../../src/mail/worker';

const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);
const BASELINE_MAILS = Number(process.env.BENCH_BASELINE_MAILS ?? 5_000);
const BATCH_SIZE = Number(process.env.BENCH_BATCH ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 5);
const FROM = 'Samling <noreply@samling.example>';
const TARGET = 200;

type ServerReport = { count: number; unique: number; ids: string[] };

if (process.argv.includes('--smtp-server')) {
  await runServerChild();
} else {
  await main();
}

/** The child: an SMTP server that only counts Message-IDs, reporting them when asked. */
async function runServerChild() {
  const { startSmtpServer } = await import('../../test/smtp');
  const ids = new Set<string>();
  let count = 0;
  const smtp = await startSmtpServer({
    parse: false,
    keepRaw: false,
    onMessage(raw) {
      count++;
      const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
      if (id) ids.add(id);
    },
  });
  process.send!({ port: smtp.port });
  process.on('message', (message: string) => {
    if (message === 'report') {
      process.send!({ count, unique: ids.size, ids: [...ids] } satisfies ServerReport);
      count = 0;
      ids.clear();
    }
    if (message === 'stop') void smtp.close().then(() => process.exit(0));
  });
}

async function main() {
  const child = fork(fileURLToPath(import.meta.url), ['--smtp-server'], { execArgv: ['--import', 'tsx'] });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  const report = async (): Promise<ServerReport> => {
    child.send('report');
    return ((await once(child, 'message')) as [ServerReport])[0];
  };

  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const dir = await mkdtemp(join(tmpdir(), 'bench-mail-'));
  const { db } = openSqlite(join(dir, 'bench.sqlite'));
  const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
  try {
    await migrateToLatest(db);
    const ics = invitationIcs();
    const mail = invitationMail(ics);
    console.log(
      `mail: ${Buffer.byteLength(mail.text) + Buffer.byteLength(mail.html)} bytes of text+html, ` +
        `.ics ${Buffer.byteLength(ics)} bytes; batch ${BATCH_SIZE}, ${CONCURRENCY} in flight, pool of 5 connections`,
    );

    // Warm-up (connections, JIT), not counted.
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => transport.send({ ...mail, messageId: `<warm-${round}-${i}@b>`, from: FROM })),
      );
    }
    await report();

    // Baseline: the same mail straight through the pooled transport, CONCURRENCY at a time, no database.
    let start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < BASELINE_MAILS) {
          const i = next++;
          await transport.send({ ...mail, to: `d${i}@example.no`, messageId: `<base-${i}@b>`, from: FROM });
        }
      }),
    );
    const baseSeconds = (performance.now() - start) / 1000;
    const base = await report();
    if (base.unique !== BASELINE_MAILS) throw new Error(`baseline: ${base.unique} of ${BASELINE_MAILS} arrived`);

    start = performance.now();
    const queued = new Set<string>();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < MAILS; i++) {
        queued.add(await enqueueMail(trx, { ...mail, to: `deltaker${i}@example.no` }, new Date(), 'samling.example'));
      }
    });
    const enqueueSeconds = (performance.now() - start) / 1000;

    start = performance.now();
    const result = await deliverDue(db, transport, {
      now: new Date(),
      from: FROM,
      batchSize: BATCH_SIZE,
      concurrency: CONCURRENCY,
    });
    const seconds = (performance.now() - start) / 1000;
    const arrived = await report();
    const summary = await outboxSummary(db);

    const received = new Set(arrived.ids);
    const missing = [...queued].filter((id) => !received.has(id));
    const ok =
      result.sent === MAILS && summary.sent === MAILS && arrived.count === MAILS && arrived.unique === MAILS && missing.length === 0;
    const rate = MAILS / seconds;
    const baseRate = BASELINE_MAILS / baseSeconds;

    console.log(`enqueue: ${MAILS} mails in one transaction in ${enqueueSeconds.toFixed(2)} s`);
    console.log(`outbox → SMTP: ${MAILS} mails in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} mails/s (target ≥ ${TARGET})`);
    console.log(`bare transport: ${BASELINE_MAILS} mails in ${baseSeconds.toFixed(2)} s = ${baseRate.toFixed(0)} mails/s`);
    console.log(`ratio outbox/bare: ${(rate / baseRate).toFixed(2)}`);
    console.log(
      `peak RSS of this process: ${(peakRss / 1024 / 1024).toFixed(0)} MB (at start ${(startRss / 1024 / 1024).toFixed(0)} MB)`,
    );
    console.log(
      `verified: server received ${arrived.count}, ${arrived.unique} distinct Message-IDs, ${missing.length} missing; ` +
        `outbox ${JSON.stringify(summary)} → ${ok ? 'OK' : 'MISMATCH'}`,
    );
    process.exitCode = ok && rate >= TARGET ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await transport.close?.();
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
    child.send('stop');
    await once(child, 'exit');
  }
}

/** A confirmation as the registration code renders it: a few paragraphs of text and html. */
function invitationMail(ics: string): QueuedMail {
  const paragraphs = [
    'Takk for påmeldingen til «Inkludering i arbeidslivet – fra ord til handling» 1. desember 2026 kl. 09.00–15.30.',
    'Sted: Kristiansand kulturhus, Rådhusgata 11, 4611 Kristiansand. Registrering og kaffe fra kl. 08.30.',
    'Programmet finner du på arrangementssiden. Presentasjonene legges ut der etter seminaret.',
    'Du kan endre svarene dine eller melde deg av via lenken nedenfor. Lenken er personlig – ikke del den.',
    'https://samling.example/p/3f9c1e7a5b2d4c8e9f0a1b2c3d4e5f60',
    'Har du spørsmål, svar på denne e-posten eller kontakt arrangøren, Nav Agder, på telefon 55 55 33 33.',
  ];
  return {
    kind: 'confirmation',
    to: 'deltaker@example.no',
    subject: 'Bekreftelse: Inkludering i arbeidslivet – fra ord til handling',
    text: `Hei Kari Nordmann,\n\n${paragraphs.join('\n\n')}\n\nVennlig hilsen\nNav Agder`,
    html: `<!doctype html><html lang="nb"><body style="font-family:sans-serif;line-height:1.5"><h1>Du er påmeldt</h1>${paragraphs
      .map((p) => `<p>${p}</p>`)
      .join('')}<p>Vennlig hilsen<br>Nav Agder</p></body></html>`,
    lang: 'nb',
    calendar: { method: 'REQUEST', content: ics, filename: 'invitasjon.ics' },
  };
}

/** An iTIP REQUEST with the Europe/Oslo VTIMEZONE, as Outlook expects it: about 3 KB. */
function invitationIcs(): string {
  const fold = (line: string) => line.match(/.{1,74}/gu)!.join('\r\n ');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Samling//Seminar og konferanse//NB',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Oslo',
    'X-LIC-LOCATION:Europe/Oslo',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'UID:event-7-registration-1234@samling.example',
    'SEQUENCE:0',
    'DTSTAMP:20261123T120000Z',
    'DTSTART;TZID=Europe/Oslo:20261201T090000',
    'DTEND;TZID=Europe/Oslo:20261201T153000',
    'SUMMARY:Inkludering i arbeidslivet – fra ord til handling',
    fold(
      'DESCRIPTION:Regionalt seminar om inkludering i arbeidslivet for Nav\\, høgskolen\\, NHO\\, ' +
        'arbeidsinkluderingsbedrifter og fylkeskommunen.\\n\\n09.00 Velkommen og kaffe\\n09.15 Inkludering i ' +
        'praksis – erfaringer fra Nav Agder\\n10.00 Hvordan lykkes med tilrettelegging? Agder fylkeskommune\\n' +
        '10.45 Pause\\n11.00 Likestilling og mangfold på arbeidsplassen – Likestillingssenteret\\n11.45 Lunsj\\n' +
        '12.30 Paneldebatt: Fra ord til handling\\n13.30 Pause\\n13.45 Kompetanse som virkemiddel – erfaringer ' +
        'fra et opplæringsfirma\\n14.30 Oppsummering og veien videre\\n15.30 Slutt\\n\\nProgram og presentasjoner: ' +
        'https://samling.example/arrangementer/inkludering-i-arbeidslivet-2026\\n\\nEndre eller avbestille: ' +
        'https://samling.example/p/3f9c1e7a5b2d4c8e9f0a1b2c3d4e5f60',
    ),
    'LOCATION:Kristiansand kulturhus\\, Rådhusgata 11\\, 4611 Kristiansand',
    'GEO:58.1462;7.9956',
    'URL:https://samling.example/arrangementer/inkludering-i-arbeidslivet-2026',
    'ORGANIZER;CN=Nav Agder:mailto:noreply@samling.example',
    'ATTENDEE;CN=Kari Nordmann;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:deltaker@example.no',
    'CREATED:20260915T080000Z',
    'LAST-MODIFIED:20261123T120000Z',
    'CATEGORIES:Seminar,Inkludering,Arbeidsliv',
    'X-MICROSOFT-CDO-BUSYSTATUS:BUSY',
    'X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY',
    'X-MICROSOFT-CDO-IMPORTANCE:1',
    'X-MICROSOFT-DISALLOW-COUNTER:TRUE',
    'X-MICROSOFT-CDO-ALLDAYEVENT:FALSE',
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'CLASS:PUBLIC',
    fold(
      'X-ALT-DESC;FMTTYPE=text/html:<html><body><p>Regionalt seminar om inkludering i arbeidslivet.</p><ul>' +
        '<li>09.00 Velkommen og kaffe</li><li>09.15 Inkludering i praksis – Nav Agder</li><li>10.00 Hvordan ' +
        'lykkes med tilrettelegging? – Agder fylkeskommune</li><li>11.00 Likestilling og mangfold – ' +
        'Likestillingssenteret</li><li>12.30 Paneldebatt: Fra ord til handling</li><li>13.45 Kompetanse som ' +
        'virkemiddel</li><li>14.30 Oppsummering</li></ul><p><a href="https://samling.example/p/3f9c1e7a5b2d4c8e9f0a1b2c3d4e5f60">' +
        'Endre eller avbestille</a></p></body></html>',
    ),
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:Inkludering i arbeidslivet starter i morgen',
    'TRIGGER:-P1D',
    'END:VALARM',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:Inkludering i arbeidslivet starter om en time',
    'TRIGGER:-PT1H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
