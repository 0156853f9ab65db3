import type { Kysely } from 'kysely';
import type { Database, EventRow, NewRegistration, QuestionType } from '../../db/schema';
import { issueTokens, newRegistration } from '../domain/registration-tokens';
import { INNLANDET_SLUG, UPCOMING_SLUG_PREFIX } from './demo-events';
import { insertBatches } from '../domain/bound-parameters';

// Fictional people. The organisations are the ones the Innlandet article names, typed the way people type them:
// the participant list must count "NAV", "Nav" and " nav " as one organisation.
const INNLANDET_PEOPLE: [name: string, organisation: string, jobTitle: string | null][] = [
  ['Anne Thoresen', 'Innlandet fylkeskommune', 'Fylkespolitiker'],
  ['Ingrid Haugen', 'Nav Innlandet', 'Markedskoordinator'],
  ['Lars Bakken', 'NAV', 'Veileder'],
  ['Marit Solberg', ' nav ', null],
  ['Per Kristiansen', 'Nav Hamar', 'Avdelingsleder'],
  ['Kristin Lund', 'Nav', 'Rådgiver'],
  ['Hans Moen', 'NAV Innlandet', 'Seniorrådgiver'],
  ['Silje Berg', 'Nav Gjøvik', 'Veileder'],
  ['Ole Hagen', 'nav innlandet', null],
  ['Tone Strand', 'Nav Lillehammer', 'Jobbspesialist'],
  ['Eirik Dahl', 'Nav Elverum', 'Veileder'],
  ['Hilde Myhre', 'Høgskolen i Innlandet', 'Førsteamanuensis'],
  ['Bjørn Eide', 'Høgskolen i Innlandet', 'Dosent'],
  ['Camilla Nilsen', 'HINN', 'Stipendiat'],
  ['Jon Olsen', 'Høgskolen i Innlandet ', 'Studieleder'],
  ['Gro Pedersen', 'NHO Innlandet', 'Regiondirektør'],
  ['Trond Larsen', 'NHO', 'Rådgiver'],
  ['Randi Johansen', 'NHO innlandet', 'Kompetanserådgiver'],
  ['Knut Andersen', 'Hamar Arbeidsinkludering AS', 'Daglig leder'],
  ['Siri Halvorsen', 'Mjøsen Inkludering AS', 'Jobbkonsulent'],
  ['Geir Jensen', 'Gjøvik Arbeid og Kompetanse AS', 'Arbeidsleder'],
  ['Liv Karlsen', 'Mjøsen inkludering as', 'Jobbkonsulent'],
  ['Arne Holm', 'Valdres Vekst AS', 'Daglig leder'],
  ['Tove Iversen', 'Hamar arbeidsinkludering', 'Avdelingsleder'],
  ['Rune Eriksen', 'Innlandet fylkeskommune', 'Rådgiver'],
  ['Mona Amundsen', 'Innlandet Fylkeskommune', 'Seksjonsleder'],
  ['Stein Ruud', 'Fylkeskommunen', 'Prosjektleder'],
  ['Heidi Gundersen', 'Innlandet fylkeskommune', 'Rådgiver'],
  ['Vidar Lie', 'Innlandet fylkeskommune', 'Fylkespolitiker'],
  ['Elin Berge', 'Innlandet fylkeskommune', 'Spesialrådgiver'],
  ['Morten Brekke', 'Nav Innlandet', 'Rådgiver'],
  ['Nina Sand', 'NAV Hamar', null],
  ['Øystein Vik', 'Nav  Innlandet', 'Markedskontakt'],
  ['Åse Fossum', 'Høgskolen i Innlandet', 'Professor'],
  ['Kjetil Rønning', 'NHO Innlandet', 'Næringspolitisk rådgiver'],
  ['Berit Aas', 'Valdres vekst AS', 'Jobbspesialist'],
  ['Torbjørn Lien', 'Innlandet fylkeskommune', 'Rådgiver'],
  ['Ragnhild Sæther', 'Nav Gjøvik', 'Veileder'],
  ['Jørgen Hauge', 'Gjøvik Arbeid og Kompetanse AS', 'Daglig leder'],
  ['Karoline Bøe', 'nav', 'Veileder'],
];

const UPCOMING_QUESTIONS: { type: QuestionType; label: string; help: string | null; options: string[] | null; required: number }[] = [
  { type: 'long_text', label: 'Matallergier og spesielle behov', help: 'For eksempel glutenfritt, vegetar eller nøtteallergi.', options: null, required: 0 },
  { type: 'long_text', label: 'Behov for tilrettelegging', help: 'For eksempel teleslynge, tolk eller rullestolplass.', options: null, required: 0 },
  {
    type: 'single_choice',
    label: 'Hvilket gruppearbeid vil du delta i?',
    help: null,
    options: ['Rekruttering og mangfold', 'Tilrettelegging på arbeidsplassen', 'Samarbeid med Nav'],
    required: 1,
  },
  { type: 'yes_no', label: 'Blir du med på lunsjen?', help: null, options: null, required: 1 },
];

// Answers by question index: diet, accessibility, group (option index), lunch.
const UPCOMING_PEOPLE: { name: string; organisation: string; listed: boolean; answers: [string | null, string | null, number, boolean] }[] = [
  { name: 'Ingrid Haugen', organisation: 'Nav Innlandet', listed: true, answers: ['Vegetar', null, 2, true] },
  { name: 'Hilde Myhre', organisation: 'Høgskolen i Innlandet', listed: true, answers: [null, null, 0, true] },
  { name: 'Gro Pedersen', organisation: 'NHO Innlandet', listed: false, answers: ['Glutenfritt', null, 0, true] },
  { name: 'Knut Andersen', organisation: 'Hamar Arbeidsinkludering AS', listed: true, answers: [null, 'Trenger rullestolplass', 1, true] },
  { name: 'Lars Bakken', organisation: 'NAV', listed: false, answers: ['Nøtteallergi', null, 2, false] },
  { name: 'Mona Amundsen', organisation: 'Innlandet fylkeskommune', listed: true, answers: [null, 'Teleslynge', 1, true] },
  { name: 'Siri Halvorsen', organisation: 'Mjøsen Inkludering AS', listed: false, answers: [null, null, 1, true] },
];

const emailOf = (name: string) =>
  `${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '.')}@example.no`;

function row(event: EventRow, person: { name: string; organisation: string; listed: boolean; jobTitle?: string | null }, at: string, status: 'confirmed' | 'waitlisted'): NewRegistration {
  // Nobody knows these tokens: demo people cannot be managed through a link, as real ones can.
  const details = { name: person.name, email: emailOf(person.name), organisation: person.organisation, job_title: person.jobTitle ?? null, listed: person.listed };
  return newRegistration(event.id, status, details, 'nb', issueTokens(), at);
}

/**
 * Registrations for the demo events, written without any mail: the Innlandet seminar's 40 participants (some agreeing
 * to be listed), and for the upcoming conference its questions and seven registrations, all with a place (it has 30
 * seats, and nobody waits while seats are free).
 * Does nothing for an event that already has registrations. Returns the number of registrations written.
 * @example await seedDemoRegistrations(db, new Date()) // 47 right after seedDemo, 0 afterwards
 */
export async function seedDemoRegistrations(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const events = await trx
      .selectFrom('events')
      .selectAll()
      .where((eb) => eb.or([eb('slug', '=', INNLANDET_SLUG), eb('slug', 'like', `${UPCOMING_SLUG_PREFIX}%`)]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('registrations').select('id').whereRef('registrations.event_id', '=', 'events.id'))))
      .execute();
    let written = 0;
    for (const event of events) {
      if (event.slug === INNLANDET_SLUG) {
        const opens = Date.parse(event.registration_opens_at ?? event.created_at);
        const closes = Date.parse(event.registration_closes_at ?? event.starts_at);
        const rows = INNLANDET_PEOPLE.map(([name, organisation, jobTitle], i) =>
          row(
            event,
            { name, organisation, jobTitle, listed: i % 3 !== 1 },
            new Date(opens + ((closes - opens) * (i + 1)) / (INNLANDET_PEOPLE.length + 2)).toISOString(),
            'confirmed',
          ),
        );
        for (const batch of insertBatches(rows)) await trx.insertInto('registrations').values(batch).execute();
        written += rows.length;
        continue;
      }
      const questions: { id: number }[] = [];
      for (const [position, q] of UPCOMING_QUESTIONS.entries()) {
        questions.push(
          await trx
            .insertInto('questions')
            .values({ event_id: event.id, position, type: q.type, label: q.label, help: q.help, options: q.options && JSON.stringify(q.options), required: q.required })
            .returning('id')
            .executeTakeFirstOrThrow(),
        );
      }
      // Everyone has a place: with seats free the product puts nobody on the waiting list.
      const people = UPCOMING_PEOPLE.map((p) => ({ ...p, status: 'confirmed' as const }));
      for (const [i, person] of people.entries()) {
        const at = new Date(now.getTime() - (people.length - i) * 3_600_000).toISOString();
        const registration = await trx.insertInto('registrations').values(row(event, person, at, person.status)).returning('id').executeTakeFirstOrThrow();
        const [diet, access, group, lunch] = person.answers;
        const values: [number, unknown][] = [
          [0, diet],
          [1, access],
          [2, UPCOMING_QUESTIONS[2]!.options![group]],
          [3, lunch],
        ];
        const answers = values
          .filter(([, value]) => value !== null && value !== undefined)
          .map(([index, value]) => ({ registration_id: registration.id, question_id: questions[index]!.id, value: JSON.stringify(value) }));
        if (answers.length) await trx.insertInto('answers').values(answers).execute();
        written += 1;
      }
    }
    return written;
  });
}
