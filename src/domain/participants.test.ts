import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/schema';
import { insertEvent } from '../../test/fixtures';
import { createTestDeps } from '../../test/helpers';
import { SETTINGS, person } from '../../test/registration-helpers';
import { renderParticipantMail } from '../mail/compose';
import { organisationCounts } from './participants';
import { registrationsPerDay } from './registration-stats';
import { register } from './registration';

let t: Awaited<ReturnType<typeof createTestDeps>>;
let event: EventRow;

beforeEach(async () => {
  t = await createTestDeps();
  event = await insertEvent(t.deps.db);
});
afterEach(() => t.close());

const add = (organisation: string, i: number) =>
  register(t.deps.db, event.id, person({ email: `p${i}@example.no`, organisation }), 'nb', t.deps.clock(), SETTINGS);

describe('organisationCounts', () => {
  it('folds case, spacing and dots into one group named by the most common spelling', async () => {
    const spellings = ['NAV', 'Nav', ' nav ', 'Nav', 'N.A.V.', 'Høgskolen i  Innlandet', 'høgskolen i innlandet', 'NHO'];
    for (const [i, s] of spellings.entries()) await add(s, i);
    const groups = await organisationCounts(t.deps.db, event.id, 'active');
    expect(groups.map((g) => [g.name, g.count])).toEqual([
      ['Nav', 5],
      ['Høgskolen i Innlandet', 2],
      ['NHO', 1],
    ]);
    expect(groups[0]!.spellings.sort()).toEqual([' nav ', 'N.A.V.', 'NAV', 'Nav'].sort());
    expect((await organisationCounts(t.deps.db, event.id, 'active', 'innl')).map((g) => g.name)).toEqual(['Høgskolen i Innlandet']);
  });
});

describe('registrationsPerDay', () => {
  it('counts by the event’s local day, with empty days in between', async () => {
    t.setNow(new Date('2026-11-22T23:30:00Z')); // 00:30 on the 23rd in Oslo
    await add('Nav', 1);
    t.setNow(new Date('2026-11-25T10:00:00Z'));
    await add('Nav', 2);
    await add('Nav', 3);
    expect(await registrationsPerDay(t.deps.db, event)).toEqual([
      { day: '2026-11-23', count: 1 },
      { day: '2026-11-24', count: 0 },
      { day: '2026-11-25', count: 2 },
    ]);
  });
});

describe('renderParticipantMail', () => {
  it('escapes the organiser’s text in HTML and keeps paragraphs', () => {
    const mail = renderParticipantMail({ event, name: 'Ola <b>', lang: 'en', baseUrl: 'https://x.no', subject: 'Hei\r\nBcc: x', body: 'A & B\nC\n\n<script>' });
    expect(mail.subject).toBe('Hei Bcc: x');
    expect(mail.html).toContain('<p>A &amp; B<br>C</p>\n<p>&lt;script&gt;</p>');
    expect(mail.html).toContain('Hello Ola &lt;b&gt;,');
    expect(mail.text).toContain('A & B\nC\n\n<script>');
  });
});
