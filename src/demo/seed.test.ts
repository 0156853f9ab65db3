import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../test/helpers';
import { PUBLIC_VIEWER } from '../domain/access';
import { findPublicEvent, listPublicEvents, loadEventDetails } from '../domain/events';
import { groupProgramme } from '../domain/programme';
import { localDate, localDateTime, zonedParts } from '../time';
import { upcomingDemoDay } from './demo-events';
import { HELSE_NORD_SLUG, INNLANDET_SLUG, seedDemo, UPCOMING_SLUG_PREFIX, upcomingDemoSlug } from './seed';

const ZONE = 'Europe/Oslo';
const NOW = new Date('2026-11-23T12:00:00Z');

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

async function setup(now = NOW) {
  const t = await createTestDeps({ now });
  cleanup.push(t.close);
  return t;
}

async function readAll(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  if (!stream) throw new Error('no bytes in the store');
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Buffer.from(digest).toString('hex');
}

/** Every file under the store's folder, so that leftovers show. */
function storedPaths(dir: string): string[] {
  const root = join(dir, 'files');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(root, p)).isFile());
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Checks the cross-reference table the way a PDF reader uses it: every offset must land on its object. */
function checkPdfStructure(bytes: Uint8Array): void {
  const text = latin1(bytes);
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
  expect(first).toBe('0');
  const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));
  expect(entries[0]).toBe('0000000000 65535 f ');
  for (const [n, entry] of entries.entries()) {
    if (n === 0) continue;
    expect(entry).toMatch(/^\d{10} 00000 n $/);
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${n} 0 obj`.length)).toBe(`${n} 0 obj`);
  }
  expect(text).toContain(`/Size ${count}`);
  const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)?.[1]);
  const streamStart = text.indexOf('stream\n') + 'stream\n'.length;
  expect(text.slice(streamStart + length, streamStart + length + '\nendstream'.length)).toBe('\nendstream');
}

/** Walks the PNG chunks, checking each CRC with zlib's own, and inflates the image data with zlib. */
function decodePng(bytes: Uint8Array): { width: number; height: number; pixels: Buffer } {
  const buf = Buffer.from(bytes);
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (at < buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    expect(buf.readUInt32BE(at + 8 + length)).toBe(crc32(buf.subarray(at + 4, at + 8 + length)));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  return { width, height, pixels: inflateSync(Buffer.concat(idat)) };
}

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('seedDemo', () => {
  it('loads the three demo events into an empty database, at their dates in Oslo time', async () => {
    const { deps } = await setup();
    expect(await seedDemo(deps.db, deps.files, NOW)).toBe(true);

    const { upcoming, past } = await listPublicEvents(deps.db, NOW);
    expect(upcoming.map((e) => e.slug)).toEqual([upcomingDemoSlug(NOW)]);
    expect(past.map((e) => e.slug)).toEqual([INNLANDET_SLUG, HELSE_NORD_SLUG]);

    const helseNord = await findPublicEvent(deps.db, HELSE_NORD_SLUG);
    expect(helseNord).toMatchObject({
      title: 'Innspillsmøte om inkluderingsdugnaden i Helse Nord',
      kind: 'conference',
      status: 'published',
      organiser_name: 'Helse Nord RHF',
      time_zone: ZONE,
      language: 'nb',
    });
    expect(localDate(helseNord!.starts_at, ZONE)).toBe('2019-06-26');
    expect(localDate(helseNord!.ends_at, ZONE)).toBe('2019-06-27');
    expect(localDate(helseNord!.published_at!, ZONE)).toBe('2019-06-25');
    expect(localDate(helseNord!.updated_at, ZONE)).toBe('2019-07-01');
    expect(helseNord!.venue_address).toContain('Bodø');
    expect(helseNord!.description).toContain('Målet med konferansen er å:');
    expect(helseNord!.description).toContain('- Bygge nettverk');

    const innlandet = await findPublicEvent(deps.db, INNLANDET_SLUG);
    expect(innlandet).toMatchObject({ kind: 'seminar', organiser_name: 'Innlandet fylkeskommune', status: 'published' });
    expect(localDate(innlandet!.starts_at, ZONE).slice(0, 7)).toBe('2022-09');
    expect(innlandet!.venue_address).toContain('Hamar');
    expect(innlandet!.description).toContain('40 deltakere');

    for (const event of [...upcoming, ...past]) {
      expect(event.contact_email).toMatch(/@[a-z-]+\.example$/);
      expect(event.time_zone).toBe(ZONE);
    }
  });

  it('stores every file with the size and SHA-256 recorded in its row: real PDFs and PNGs', async () => {
    const { deps } = await setup();
    await seedDemo(deps.db, deps.files, NOW);
    const rows = await deps.db.selectFrom('files').selectAll().execute();
    expect(rows.filter((f) => f.content_type === 'application/pdf')).toHaveLength(6);
    expect(rows.filter((f) => f.content_type === 'image/png')).toHaveLength(4);
    for (const row of rows) {
      const bytes = await readAll(await deps.files.get(row.storage_key));
      expect(bytes.length).toBe(row.size);
      expect(await sha256Hex(bytes)).toBe(row.sha256);
      expect(row.filename).toMatch(/^[A-Za-z0-9._-]+$/);
      if (row.content_type === 'application/pdf') {
        expect(row.filename.endsWith('.pdf')).toBe(true);
        checkPdfStructure(bytes);
      } else {
        expect(row.kind).toBe('image');
        const png = decodePng(bytes);
        expect([png.width, png.height]).toEqual([640, 360]);
        expect(png.pixels.length).toBe(360 * (1 + 640 * 3));
        expect(row.alt).toMatch(/^Illustrasjon/);
        expect(row.caption).toBeTruthy();
        expect(row.credit).toBeTruthy();
      }
    }
  });

  it.skipIf(!hasPdftotext)('writes PDFs whose text, æøå and dashes included, a PDF reader extracts', async () => {
    const { deps, dir } = await setup();
    await seedDemo(deps.db, deps.files, NOW);
    const programme = await deps.db
      .selectFrom('files')
      .selectAll()
      .where('title', '=', 'Program 26-27 juni Inkluderingsdugnad i Helse Nord')
      .executeTakeFirstOrThrow();
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'files', programme.storage_key), '-'], { encoding: 'utf8' });
    expect(text).toContain('Innspillsmøte om inkluderingsdugnaden i Helse Nord');
    expect(text).toContain('Bodø, 26.–27. juni 2019');
    expect(text).toContain('Onsdag 26. juni');
    expect(text).toContain('kl. 10.50–11.00 Videohilsen fra Torbjørn Røe Isaksen');
    expect(text).toContain('(Møterom Saltstraumen)');
  });

  it('gives the Helse Nord conference its presentations, programme PDF, links and a day with two rooms in parallel', async () => {
    const { deps } = await setup();
    await seedDemo(deps.db, deps.files, NOW);
    const event = (await findPublicEvent(deps.db, HELSE_NORD_SLUG))!;
    const details = await loadEventDetails(deps.db, event, PUBLIC_VIEWER);

    const presentations = details.files.filter((f) => f.kind === 'presentation');
    expect(presentations.map((f) => f.title)).toEqual([
      'Bodø industri',
      'Beate Brinchmann',
      'NAV-Nordland',
      'Vestre Viken og Spekter',
      'Inkluderingsworkshop – gruppeoppgaver 2',
    ]);
    for (const file of presentations) {
      expect(file.visibility).toBe('public');
      const item = details.items.find((i) => i.id === file.item_id);
      expect(item?.materials.map((m) => m.id)).toContain(file.id);
      expect(item?.speakers.map((s) => s.id)).toContain(file.speaker_id);
    }
    expect(details.files.filter((f) => f.kind === 'document').map((f) => f.title)).toEqual([
      'Program 26-27 juni Inkluderingsdugnad i Helse Nord',
    ]);
    expect(details.links.map((l) => [l.kind, l.title])).toEqual([
      ['video', 'Videohilsen fra Torbjørn Røe Isaksen'],
      ['read_more', 'Les mer om inkluderingsdugnaden på regjeringen.no'],
    ]);
    expect(details.links.every((l) => l.url.startsWith('https://www.regjeringen.no/'))).toBe(true);
    expect(details.speakers.map((s) => s.name)).toContain('Anita Mentzoni-Einarsen');

    const days = groupProgramme(details.items, ZONE);
    expect(days.map((d) => d.day)).toEqual(['2019-06-26', '2019-06-27']);
    expect(days[0]!.rooms).toEqual(['Plenumssalen', 'Møterom Saltstraumen']);
    const parallel = days[0]!.slots.find((s) => s.items.length > 1);
    expect(parallel?.items.map((i) => i.room?.name)).toEqual(['Plenumssalen', 'Møterom Saltstraumen']);
    expect(details.items.some((i) => i.kind === 'meal')).toBe(true);
    expect(details.items.some((i) => i.kind === 'break')).toBe(true);
    expect(details.items.every((i) => i.starts_at < i.ends_at)).toBe(true);
  });

  it('gives the Innlandet seminar its speakers, photos credited to Inger Stubsjøen and the read-more link', async () => {
    const { deps } = await setup();
    await seedDemo(deps.db, deps.files, NOW);
    const event = (await findPublicEvent(deps.db, INNLANDET_SLUG))!;
    const details = await loadEventDetails(deps.db, event, PUBLIC_VIEWER);
    expect(details.speakers.map((s) => s.name)).toEqual([
      'Anne Thoresen',
      'Liv Flaten',
      'Patricia Hartmann',
      'Goro Ree-Lindstad',
      'Thomas Frydenlund',
    ]);
    const images = details.files.filter((f) => f.kind === 'image');
    expect(images[0]?.caption).toBe('40 personer deltok på seminaret. Fylkespolitiker Anne Thoresen er helt til venstre i bildet.');
    expect(images.every((f) => f.credit === 'Inger Stubsjøen')).toBe(true);
    const frydenlund = details.speakers.find((s) => s.name === 'Thomas Frydenlund');
    expect(images.find((f) => f.id === frydenlund?.photo_file_id)?.caption).toContain('Thomas Frydenlund');
    expect(details.links.map((l) => l.title)).toEqual(['Les mer om Regional plan for det inkluderende Innlandet']);
    const opening = details.items.find((i) => i.speakers.some((s) => s.name === 'Anne Thoresen'));
    expect(localDateTime(opening!.starts_at, ZONE)).toBe(`${localDate(event.starts_at, ZONE)}T10:00`);
    expect(details.items.some((i) => i.kind === 'workshop')).toBe(true);
  });

  it('places the upcoming event some weeks after now, on a weekday at 09.00–15.30 Oslo time, open for registration', async () => {
    // One date in winter time and one whose five weeks cross the spring change to summer time.
    for (const now of [NOW, new Date('2026-02-25T08:00:00Z')]) {
      const { deps } = await setup(now);
      await seedDemo(deps.db, deps.files, now);
      const event = (await findPublicEvent(deps.db, upcomingDemoSlug(now)))!;
      expect(event.slug.startsWith(UPCOMING_SLUG_PREFIX)).toBe(true);
      const start = new Date(event.starts_at).getTime();
      expect(start - now.getTime()).toBeGreaterThan(28 * 86_400_000);
      expect(start - now.getTime()).toBeLessThan(11 * 7 * 86_400_000);
      const parts = zonedParts(event.starts_at, ZONE);
      expect(parts.weekday).toBeGreaterThanOrEqual(1);
      expect(parts.weekday).toBeLessThanOrEqual(5);
      expect(localDateTime(event.starts_at, ZONE).slice(11)).toBe('09:00');
      expect(localDateTime(event.ends_at, ZONE).slice(11)).toBe('15:30');
      expect(event).toMatchObject({ status: 'published', capacity: 30, public_list: 'organisations' });
      expect(event.registration_opens_at! <= now.toISOString()).toBe(true);
      expect(event.registration_closes_at! > now.toISOString()).toBe(true);
      expect(event.registration_closes_at! < event.starts_at).toBe(true);
      expect(event.contact_name).toBeTruthy();
      const details = await loadEventDetails(deps.db, event, PUBLIC_VIEWER);
      expect(details.speakers).toHaveLength(2);
      expect(details.items.length).toBeGreaterThan(3);
      expect(details.items.every((i) => localDate(i.starts_at, ZONE) === localDate(event.starts_at, ZONE))).toBe(true);
    }
  });

  it('never puts the upcoming event on a holiday Thursday, in the Christmas weeks or in July', () => {
    const holidays = ['2026-04-02', '2026-05-14', '2027-03-25', '2027-05-06', '2027-12-30', '2026-12-24', '2026-12-31'];
    for (let i = 0; i < 730; i++) {
      const now = new Date(Date.UTC(2026, 0, 1 + i, 10));
      const day = upcomingDemoDay(now);
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const ahead = (Date.UTC(y, m - 1, d) - Date.UTC(2026, 0, 1 + i)) / 86_400_000;
      expect(new Date(Date.UTC(y, m - 1, d)).getUTCDay()).toBe(4);
      expect(ahead).toBeGreaterThanOrEqual(35);
      expect(ahead).toBeLessThan(11 * 7);
      expect(holidays).not.toContain(day);
      expect(m).not.toBe(7);
      expect(day.slice(5) >= '12-18' || day.slice(5) <= '01-06').toBe(false);
    }
  });

  it('does nothing the second time, nor when any event exists', async () => {
    const { deps, dir } = await setup();
    expect(await seedDemo(deps.db, deps.files, NOW)).toBe(true);
    const count = async (table: 'events' | 'files' | 'programme_items' | 'speakers' | 'links') =>
      (await deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = [await count('events'), await count('files'), await count('programme_items'), await count('speakers'), await count('links')];
    const stored = storedPaths(dir).length;
    expect(stored).toBe(await count('files'));

    expect(await seedDemo(deps.db, deps.files, new Date('2027-03-01T12:00:00Z'))).toBe(false);
    expect([await count('events'), await count('files'), await count('programme_items'), await count('speakers'), await count('links')]).toEqual(before);
    expect(storedPaths(dir)).toHaveLength(stored);

    const other = await setup();
    await other.deps.db
      .insertInto('events')
      .values({
        slug: 'eget',
        status: 'draft',
        kind: 'seminar',
        title: 'Eget arrangement',
        summary: '',
        description: '',
        language: 'nb',
        time_zone: ZONE,
        starts_at: '2027-01-01T08:00:00.000Z',
        ends_at: '2027-01-01T10:00:00.000Z',
        organiser_name: 'Noen',
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();
    expect(await seedDemo(other.deps.db, other.deps.files, NOW)).toBe(false);
    expect(storedPaths(other.dir)).toEqual([]);
  });

  it('writes nothing, neither rows nor bytes, when a row cannot be written', async () => {
    const { deps, dir, sqlite } = await setup();
    sqlite.exec(`create trigger refuse_links before insert on links begin select raise(abort, 'refused'); end`);
    await expect(seedDemo(deps.db, deps.files, NOW)).rejects.toThrow('refused');
    expect(await deps.db.selectFrom('events').select('id').execute()).toEqual([]);
    expect(await deps.db.selectFrom('files').select('id').execute()).toEqual([]);
    expect(storedPaths(dir)).toEqual([]);
  });
});
