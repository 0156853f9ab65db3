// The demo events as plain data, built from the two articles in shared/seeds/ (their names, dates, places, people,
// captions and credits) plus one upcoming event on the same theme, placed relative to the clock.
import type { FileRow, LinkRow, NewEvent, NewProgrammeItem, NewSpeaker } from '../../db/schema';
import { formatDateRange, formatDay, formatTimeRange, localDate, zonedToUtc } from '../time';
import type { GroupPicture } from './png';

export interface DemoSpeaker extends Pick<NewSpeaker, 'name' | 'role' | 'organisation' | 'bio'> {
  key: string;
}

export interface DemoItem extends Pick<NewProgrammeItem, 'kind' | 'title' | 'abstract' | 'starts_at' | 'ends_at'> {
  /** For files to point at. */
  key?: string;
  room?: string;
  /** Speaker keys, in order. */
  speakers?: string[];
}

export type DemoFileSource = { pdf: { title: string; lines: string[] } } | { png: GroupPicture };

export interface DemoFile extends Pick<FileRow, 'kind' | 'title' | 'filename' | 'visibility' | 'caption' | 'credit' | 'alt'> {
  /** Key of the programme item the file belongs to. */
  item?: string;
  /** Key of the speaker who presented it. */
  speaker?: string;
  /** Key of the speaker this picture is the portrait of. */
  photoOf?: string;
  source: DemoFileSource;
}

export interface DemoEvent {
  event: NewEvent;
  /** Room names, in display order. */
  rooms: string[];
  speakers: DemoSpeaker[];
  items: DemoItem[];
  files: DemoFile[];
  links: Pick<LinkRow, 'kind' | 'title' | 'url'>[];
}

const ZONE = 'Europe/Oslo';
const DAY_MS = 86_400_000;
const at = (local: string) => zonedToUtc(local, ZONE);

export const INNLANDET_SLUG = 'flere-inn-i-arbeidslivet';
export const HELSE_NORD_SLUG = 'innspillsmote-inkluderingsdugnaden-helse-nord';
/** The upcoming demo event's slug is this prefix and the year it takes place in (see upcomingDemoSlug). */
export const UPCOMING_SLUG_PREFIX = 'inkluderingskonferansen-';

const PLAN_URL = 'https://innlandetfylke.no/regional-plan-for-det-inkluderende-innlandet';
const PLACEHOLDER = 'Illustrasjon som står i stedet for fotografiet:';

/** Easter Sunday ('YYYY-MM-DD') by the Gregorian computus (Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Thursdays nobody would hold a conference on: public holidays, the Christmas weeks and the July holiday. */
function isOffDay(day: string): boolean {
  const monthDay = day.slice(5);
  if (monthDay >= '12-18' || monthDay <= '01-06' || day.slice(5, 7) === '07') return true;
  if (monthDay === '05-01' || monthDay === '05-17') return true;
  const easter = easterSunday(Number(day.slice(0, 4)));
  return day === shiftDay(easter, -3) || day === shiftDay(easter, 39);
}

/**
 * The day (in Oslo) of the upcoming demo event: the first ordinary Thursday at least five weeks after `now`.
 * @example upcomingDemoDay(new Date('2026-10-01T12:00:00Z')) // '2026-11-05'
 */
export function upcomingDemoDay(now: Date): string {
  const [y, m, d] = localDate(new Date(now.getTime() + 35 * DAY_MS), ZONE).split('-').map(Number) as [number, number, number];
  const toThursday = (4 - new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 7) % 7;
  let day = new Date(Date.UTC(y, m - 1, d + toThursday)).toISOString().slice(0, 10);
  while (isOffDay(day)) day = shiftDay(day, 7);
  return day;
}

/**
 * The slug the upcoming demo event gets when seeded at `now`.
 * @example upcomingDemoSlug(new Date('2026-11-23T12:00:00Z')) // 'inkluderingskonferansen-2027' (7 January 2027)
 */
export function upcomingDemoSlug(now: Date): string {
  return `${UPCOMING_SLUG_PREFIX}${upcomingDemoDay(now).slice(0, 4)}`;
}

function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The programme as lines of text for a printed programme: a heading per day, then "kl. 10.00–10.30 Title – Speaker (Room)". */
function programmeLines(items: readonly DemoItem[], speakers: readonly DemoSpeaker[]): string[] {
  const nameOf = new Map(speakers.map((s) => [s.key, s.name]));
  const lines: string[] = [];
  let day = '';
  for (const item of [...items].sort((a, b) => a.starts_at.localeCompare(b.starts_at))) {
    const itemDay = localDate(item.starts_at, ZONE);
    if (itemDay !== day) {
      if (day) lines.push('');
      day = itemDay;
      const heading = formatDay(day, 'nb');
      lines.push(heading.charAt(0).toUpperCase() + heading.slice(1));
    }
    const who = (item.speakers ?? []).map((k) => nameOf.get(k)).filter(Boolean).join(', ');
    // Rooms only matter where sessions run in parallel; everything else is in the main room.
    const parallel = items.some((other) => other !== item && other.starts_at === item.starts_at);
    const room = parallel && item.room ? ` (${item.room})` : '';
    lines.push(`${formatTimeRange(item.starts_at, item.ends_at, ZONE, 'nb')} ${item.title}${who ? ` – ${who}` : ''}${room}`);
  }
  return lines;
}

function innlandetSeminar(): DemoEvent {
  const day = '2022-09-20';
  const speakers: DemoSpeaker[] = [
    {
      key: 'thoresen',
      name: 'Anne Thoresen',
      role: 'Fylkespolitiker (Ap), leder av styringsgruppa for Regional plan for det inkluderende Innlandet',
      organisation: 'Innlandet fylkeskommune',
      bio: null,
    },
    { key: 'flaten', name: 'Liv Flaten', role: null, organisation: 'Nav Agder', bio: null },
    {
      key: 'hartmann',
      name: 'Patricia Hartmann',
      role: 'Prosjektleder for Likestilt arbeidsliv',
      organisation: 'Agder fylkeskommune',
      bio: null,
    },
    { key: 'ree-lindstad', name: 'Goro Ree-Lindstad', role: 'Leder', organisation: 'Likestillingssenteret', bio: null },
    { key: 'frydenlund', name: 'Thomas Frydenlund', role: 'Daglig leder', organisation: 'Bragd kompetanse og utvikling', bio: null },
  ];
  const t = (from: string, to: string) => ({ starts_at: at(`${day}T${from}`), ends_at: at(`${day}T${to}`) });
  const items: DemoItem[] = [
    { kind: 'break', title: 'Registrering og kaffe', abstract: null, ...t('09:30', '10:00') },
    {
      kind: 'talk',
      title: 'Velkommen og åpning',
      abstract: 'Fylkespolitiker Anne Thoresen åpner seminaret.',
      speakers: ['thoresen'],
      ...t('10:00', '10:15'),
    },
    {
      kind: 'talk',
      title: 'Regional plan for det inkluderende Innlandet',
      abstract:
        'Utfordringer i Innlandet når det gjelder utenforskap, og handlingsprogrammet for den nye regionale planen. ' +
        'Utkastet til planen er ute på høring med frist 15. oktober.',
      ...t('10:15', '10:45'),
    },
    {
      kind: 'talk',
      title: 'Gode eksempler fra Nav Agder',
      abstract: null,
      speakers: ['flaten'],
      ...t('10:45', '11:15'),
    },
    { kind: 'break', title: 'Pause', abstract: null, ...t('11:15', '11:30') },
    {
      kind: 'talk',
      title: 'Likestilt arbeidsliv',
      abstract:
        'Likestilt arbeidsliv er en sertifiseringsordning for private og offentlige virksomheter som ønsker å jobbe ' +
        'målrettet med likestilling, inkludering og mangfold på arbeidsplassen. Ordningen eies av Agder fylkeskommune.',
      speakers: ['hartmann'],
      ...t('11:30', '12:15'),
    },
    { kind: 'meal', title: 'Lunsj', abstract: null, ...t('12:15', '13:00') },
    {
      kind: 'talk',
      title: 'Likestilling, inkludering og mangfold i arbeidslivet',
      abstract: null,
      speakers: ['ree-lindstad'],
      ...t('13:00', '13:30'),
    },
    {
      kind: 'talk',
      title: 'Veien inn i arbeidslivet – erfaringer fra en arbeidsinkluderingsbedrift',
      abstract: null,
      speakers: ['frydenlund'],
      ...t('13:30', '14:00'),
    },
    { kind: 'break', title: 'Pause', abstract: null, ...t('14:00', '14:15') },
    {
      kind: 'workshop',
      title: 'Gruppearbeid: Hvordan får vi flere inn i arbeidslivet?',
      abstract: 'Innspill til handlingsprogrammet for Regional plan for det inkluderende Innlandet.',
      ...t('14:15', '15:00'),
    },
    {
      kind: 'other',
      title: 'Oppsummering og veien videre',
      abstract: 'Planen skal vedtas i fylkestinget i februar 2023.',
      speakers: ['thoresen'],
      ...t('15:00', '15:30'),
    },
  ];
  const credit = 'Inger Stubsjøen';
  return {
    event: {
      slug: INNLANDET_SLUG,
      status: 'published',
      kind: 'seminar',
      title: 'Flere inn i arbeidslivet',
      summary: 'Hvordan skal vi få et inkluderende og likestilt arbeidsliv i Innlandet?',
      description: [
        'Hvordan skal vi få et inkluderende og likestilt arbeidsliv i Innlandet? Det var temaet for et seminar med ' +
          '40 deltakere fra blant annet Nav, Høgskolen i Innlandet, NHO, arbeidsinkluderingsbedrifter og fylkeskommunen.',
        '## Likestilt arbeidsliv',
        'Blant annet informerte Agder fylkeskommune om hvordan de har jobbet med Likestilt arbeidsliv. Dette er en ' +
          'sertifiseringsordning for private og offentlige virksomheter som ønsker å jobbe målrettet med likestilling, ' +
          'inkludering og mangfold på arbeidsplassen. Ordningen eies av Agder fylkeskommune.',
        'Fylkespolitiker Anne Thoresen (Ap) synes denne ordningen er veldig interessant.',
        '– Likestilt arbeidsliv gir oss muligheter, vi må ikke la denne sjansen gå fra oss, sa hun og la til:',
        '– Nå har vi fått ny kunnskap om utfordringer i Innlandet når det gjelder utenforskap, men vi har også fått ' +
          'høre om gode eksempler fra Nav og Ikea. Jeg tror næringslivet nå bare venter på gode og funksjonelle verktøy ' +
          'for å inkludere flere inn i arbeidslivet, for de trenger arbeidskraft.',
        '## Regional plan for inkludering',
        'Thoresen er leder av styringsgruppa for Regional plan for det inkluderende Innlandet.',
        'Seminaret er en oppfølging av handlingsprogrammet for den nye regionale planen.',
        'Utkast til Regional plan for det inkluderende Innlandet med handlingsprogram er ute på høring med frist 15. oktober.',
        'Denne planen skal bidra til et inkluderende arbeidsliv og til å utjevne sosiale og økonomiske ulikheter.',
        'Planen skal vedtas i fylkestinget i februar 2023.',
      ].join('\n\n'),
      language: 'nb',
      time_zone: ZONE,
      starts_at: at(`${day}T09:30`),
      ends_at: at(`${day}T15:30`),
      venue_name: 'Fylkeshuset i Hamar',
      venue_address: 'Parkgata 64, 2317 Hamar',
      online_url: null,
      organiser_name: 'Innlandet fylkeskommune',
      contact_name: null,
      contact_email: 'post@innlandet.example',
      contact_phone: null,
      capacity: 40,
      registration_opens_at: at('2022-08-30T10:00'),
      registration_closes_at: at('2022-09-13T23:59'),
      public_list: 'organisations',
      published_at: at('2022-08-30T10:00'),
      created_at: at('2022-08-29T14:00'),
      updated_at: at('2022-09-21T13:30'),
    },
    rooms: [],
    speakers,
    items,
    files: [
      {
        kind: 'image',
        title: '40 personer deltok på seminaret',
        filename: 'flere-inn-i-arbeidslivet-deltakere.png',
        visibility: 'public',
        caption: '40 personer deltok på seminaret. Fylkespolitiker Anne Thoresen er helt til venstre i bildet.',
        credit,
        alt: `${PLACEHOLDER} tegnede figurer i fire rader foran et lerret, som deltakerne på seminaret; figuren helt til venstre foran har rød genser.`,
        source: { png: { rows: [12, 10, 10, 8], wall: [196, 214, 228], floor: [140, 110, 85], screen: true, highlightLeft: [200, 30, 45] } },
      },
      {
        kind: 'image',
        title: 'Liv Flaten, Patricia Hartmann og Goro Ree-Lindstad',
        filename: 'flaten-hartmann-ree-lindstad.png',
        visibility: 'public',
        caption:
          'Fra venstre Liv Flaten fra Nav Agder, Patricia Hartmann, prosjektleder for Likestilt arbeidsliv i Agder ' +
          'fylkeskommune og Goro Ree-Lindstad, leder for Likestillingssenteret.',
        credit,
        alt: `${PLACEHOLDER} tre tegnede figurer side om side, som de tre innlederne på bildet.`,
        source: { png: { rows: [3], wall: [225, 215, 200], floor: [90, 90, 100] } },
      },
      {
        kind: 'image',
        title: 'Thomas Frydenlund',
        filename: 'thomas-frydenlund.png',
        visibility: 'public',
        caption: 'Daglig leder i Bragd kompetanse og utvikling Thomas Frydenlund',
        credit,
        alt: `${PLACEHOLDER} én tegnet figur, som innlederen på bildet.`,
        photoOf: 'frydenlund',
        source: { png: { rows: [1], wall: [210, 226, 214], floor: [96, 110, 90] } },
      },
    ],
    links: [{ kind: 'read_more', title: 'Les mer om Regional plan for det inkluderende Innlandet', url: PLAN_URL }],
  };
}

function helseNordConference(): DemoEvent {
  const d1 = '2019-06-26';
  const d2 = '2019-06-27';
  const plenum = 'Plenumssalen';
  const saltstraumen = 'Møterom Saltstraumen';
  const speakers: DemoSpeaker[] = [
    { key: 'anita', name: 'Anita Mentzoni-Einarsen', role: 'HR-sjef', organisation: 'Helse Nord RHF', bio: null },
    { key: 'vestre-viken', name: 'Vestre Viken og Spekter', role: null, organisation: 'Vestre Viken HF og Arbeidsgiverforeningen Spekter', bio: null },
    { key: 'brinchmann', name: 'Beate Brinchmann', role: null, organisation: null, bio: null },
    { key: 'nav', name: 'NAV Nordland', role: null, organisation: 'NAV Nordland', bio: null },
    { key: 'bodo-industri', name: 'Bodø industri', role: null, organisation: 'Bodø industri', bio: null },
  ];
  const t = (day: string, from: string, to: string) => ({ starts_at: at(`${day}T${from}`), ends_at: at(`${day}T${to}`) });
  const items: DemoItem[] = [
    { kind: 'break', title: 'Registrering og kaffe', abstract: null, room: plenum, ...t(d1, '10:00', '10:30') },
    {
      kind: 'talk',
      title: 'Velkommen – oppdraget i inkluderingsdugnaden',
      abstract:
        'Helse Nord RHF med foretakene fikk i foretaksmøtet 15.01.19 i oppdrag å utarbeide en plan med tiltak, ' +
        'arbeidsformer og rutiner med sikte på å nå målene bak inkluderingsdugnaden.',
      room: plenum,
      speakers: ['anita'],
      ...t(d1, '10:30', '10:50'),
    },
    {
      kind: 'other',
      title: 'Videohilsen fra Torbjørn Røe Isaksen',
      abstract: 'Arbeids- og sosialministeren hilser konferansen på video.',
      room: plenum,
      ...t(d1, '10:50', '11:00'),
    },
    {
      key: 'vestre-viken',
      kind: 'talk',
      title: 'Erfaringer med inkludering i et helseforetak',
      abstract: 'Erfaringer fra et helseforetak som har arbeidet med inkludering, og arbeidsgiverforeningens perspektiv.',
      room: plenum,
      speakers: ['vestre-viken'],
      ...t(d1, '11:00', '11:45'),
    },
    { kind: 'meal', title: 'Lunsj', abstract: null, ...t(d1, '11:45', '12:30') },
    {
      key: 'brinchmann',
      kind: 'talk',
      title: 'Individuell jobbstøtte (IPS)',
      abstract: null,
      room: plenum,
      speakers: ['brinchmann'],
      ...t(d1, '12:30', '13:15'),
    },
    {
      key: 'nav',
      kind: 'talk',
      title: 'Virkemidler og samarbeid for inkludering',
      abstract: null,
      room: plenum,
      speakers: ['nav'],
      ...t(d1, '13:15', '14:00'),
    },
    { kind: 'break', title: 'Pause', abstract: null, ...t(d1, '14:00', '14:15') },
    {
      kind: 'workshop',
      title: 'Inkluderingsworkshop 1, gruppe A: rekruttering og ansettelse',
      abstract:
        'Hvordan når vi målet om at minst 5 prosent av nyansatte skal være personer med nedsatt funksjonsevne ' +
        'eller med «hull i CVen»?',
      room: plenum,
      ...t(d1, '14:15', '15:30'),
    },
    {
      kind: 'workshop',
      title: 'Inkluderingsworkshop 1, gruppe B: samarbeid med NAV, tiltaksbedrifter og IPS',
      abstract: 'Hvordan kan helseforetakene, NAV og tiltaksbedriftene løfte sammen?',
      room: saltstraumen,
      ...t(d1, '14:15', '15:30'),
    },
    { kind: 'other', title: 'Oppsummering av dag 1', abstract: null, room: plenum, ...t(d1, '15:30', '16:00') },
    { kind: 'meal', title: 'Felles middag', abstract: null, ...t(d1, '19:00', '21:00') },
    {
      key: 'bodo-industri',
      kind: 'talk',
      title: 'Arbeidsinkludering i praksis',
      abstract: null,
      room: plenum,
      speakers: ['bodo-industri'],
      ...t(d2, '08:30', '09:15'),
    },
    {
      key: 'workshop-2',
      kind: 'workshop',
      title: 'Inkluderingsworkshop 2 – gruppeoppgaver',
      abstract:
        'Gruppene arbeider videre og gir innspill til hvordan vi skal løfte sammen for å løse oppdraget: ' +
        'tiltak, arbeidsformer, rutiner og samarbeidsavtaler.',
      room: plenum,
      speakers: ['anita'],
      ...t(d2, '09:15', '10:30'),
    },
    { kind: 'break', title: 'Pause', abstract: null, ...t(d2, '10:30', '10:45') },
    { kind: 'other', title: 'Innspill fra gruppene', abstract: null, room: plenum, ...t(d2, '10:45', '11:30') },
    {
      kind: 'talk',
      title: 'Veien videre',
      abstract: 'Det skal rapporteres på arbeidet pr. 1. oktober 2019.',
      room: plenum,
      speakers: ['anita'],
      ...t(d2, '11:30', '12:00'),
    },
    { kind: 'meal', title: 'Lunsj og avreise', abstract: null, ...t(d2, '12:00', '12:45') },
  ];
  const title = 'Innspillsmøte om inkluderingsdugnaden i Helse Nord';
  const when = `Bodø, ${formatDateRange(at(`${d1}T10:00`), at(`${d2}T12:45`), ZONE, 'nb')}`;
  const presentation = (item: string, speaker: string, name: string, filename: string): DemoFile => ({
    kind: 'presentation',
    title: name,
    filename,
    visibility: 'public',
    caption: null,
    credit: null,
    alt: null,
    item,
    speaker,
    source: {
      pdf: {
        title: name,
        lines: [
          title,
          when,
          '',
          'Demoinnhold: denne filen står i stedet for presentasjonen som ble vist på konferansen.',
        ],
      },
    },
  });
  return {
    event: {
      slug: HELSE_NORD_SLUG,
      status: 'published',
      kind: 'conference',
      title,
      summary:
        'Regjeringen har igangsatt et satsningsområde for å gi de som står utenfor arbeidslivet med hull i CVen sin, ' +
        'en inngang til arbeidslivet. I den anledning arrangerer Helse Nord RHF en innspillskonferanse om inkludering 26.–27. juni.',
      description: [
        'På konferansen deltar helseforetakene, vernetjeneste, tillitsvalgte, representanter for de andre ' +
          'helseregionene, Arbeidsgiverforeningen Spekter, NAV i Nordland, Troms og Finnmark, tiltaksbedrifter i alle ' +
          'de kommunene hvor Helse Nord har sykehus og IPS. Alle skal samarbeide om å nå målet i inkluderingsdugnaden.',
        '## Oppdraget',
        'Helse Nord RHF med foretakene har i foretaksmøte 15.01.19 fått følgende oppdrag fra HOD:',
        '> Regjeringen lanserte 20. juni 2018 en inkluderingsdugnad, hvor hovedmålsettingen er økt yrkesdeltakelse. ' +
          'I inkluderingsdugnaden er det et mål om at minst 5 pst. av nyansatte skal være personer med nedsatt ' +
          'funksjonsevne eller med «hull i CVen».',
        'Foretaksmøtet ba de regionale helseforetakene om å i samarbeid utarbeide en plan med tiltak, arbeidsformer og ' +
          'rutiner med sikte på å nå målene bak inkluderingsdugnaden. Planen skal bygge på helseforetakenes erfaringer ' +
          'fra arbeidet med ansettelser og inkludering av søkere med nedsatt funksjonsevne. Det skal rapporteres på ' +
          'arbeidet pr. 1. oktober 2019.',
        '– Helseforetakene utgjør sammen den største arbeidsgiveren i Nordland, Troms og Finnmark med sine 18.000 ' +
          'medarbeidere. Det gjør at helseforetakene har et særlig ansvar for inkludering. Arbeid er helsefremmende, så ' +
          'således er det også med på å bidra til god helse, sier HR-sjef i Helse Nord RHF Anita Mentzoni-Einarsen.',
        '## Målet med konferansen',
        'Målet med konferansen er å:',
        [
          '- Bli kjent med oppdraget, få felles forståelse og plattform',
          '- Få kunnskap og inspirasjon fra andre som har arbeidet med dette',
          '- Bygge nettverk/knytte kontakter',
          '- Legge grunnlag for samarbeidsavtaler og samarbeid mellom aktørene',
          '- Gi gode innspill til hvordan vi skal løfte sammen for å løse oppdraget',
        ].join('\n'),
      ].join('\n\n'),
      language: 'nb',
      time_zone: ZONE,
      starts_at: at(`${d1}T10:00`),
      ends_at: at(`${d2}T12:45`),
      venue_name: 'Thon Hotel Nordlys',
      venue_address: 'Moloveien 14, 8003 Bodø',
      online_url: null,
      organiser_name: 'Helse Nord RHF',
      contact_name: null,
      contact_email: 'post@helse-nord.example',
      contact_phone: null,
      capacity: null,
      registration_opens_at: at('2019-05-20T09:00'),
      registration_closes_at: at('2019-06-19T23:59'),
      public_list: 'off',
      published_at: at('2019-06-25T10:00'),
      created_at: at('2019-06-25T09:30'),
      updated_at: at('2019-07-01T12:00'),
    },
    rooms: [plenum, saltstraumen],
    speakers,
    items,
    files: [
      {
        kind: 'image',
        title: 'Deltakere på innspillsmøtet',
        filename: 'innspillsmote-helse-nord.png',
        visibility: 'public',
        caption: 'En gruppe mennesker som poserer for et bilde.',
        credit: 'Helse Nord RHF',
        alt: `${PLACEHOLDER} tegnede figurer i to rekker som poserer for et gruppebilde.`,
        source: { png: { rows: [9, 10], wall: [180, 210, 200], floor: [70, 110, 140] } },
      },
      {
        kind: 'document',
        title: 'Program 26-27 juni Inkluderingsdugnad i Helse Nord',
        filename: 'Program-26-27-juni-Inkluderingsdugnad-i-Helse-Nord.pdf',
        visibility: 'public',
        caption: null,
        credit: null,
        alt: null,
        source: { pdf: { title: 'Program 26.–27. juni 2019', lines: [title, when, '', ...programmeLines(items, speakers)] } },
      },
      presentation('bodo-industri', 'bodo-industri', 'Bodø industri', 'Bodo-industri.pdf'),
      presentation('brinchmann', 'brinchmann', 'Beate Brinchmann', 'Beate-Brinchmann.pdf'),
      presentation('nav', 'nav', 'NAV-Nordland', 'NAV-Nordland.pdf'),
      presentation('vestre-viken', 'vestre-viken', 'Vestre Viken og Spekter', 'Vestre-Viken-og-Spekter.pdf'),
      presentation('workshop-2', 'anita', 'Inkluderingsworkshop – gruppeoppgaver 2', 'Inkluderingsworkshop-gruppeoppgaver2.pdf'),
    ],
    links: [
      {
        kind: 'video',
        title: 'Videohilsen fra Torbjørn Røe Isaksen',
        url: 'https://www.regjeringen.no/no/aktuelt/videohilsen-inkluderingsdugnaden/id2661052/',
      },
      {
        kind: 'read_more',
        title: 'Les mer om inkluderingsdugnaden på regjeringen.no',
        url: 'https://www.regjeringen.no/no/tema/arbeidsliv/arbeidsmarked-og-sysselsetting/inkluderingsdugnaden/id2621389/',
      },
    ],
  };
}

function upcomingConference(now: Date): DemoEvent {
  const day = upcomingDemoDay(now);
  const year = day.slice(0, 4);
  const speakers: DemoSpeaker[] = [
    { key: 'kari', name: 'Kari Nordmann', role: 'Rådgiver', organisation: 'Innlandet fylkeskommune', bio: null },
    { key: 'ola', name: 'Ola Nordmann', role: 'Markedskoordinator', organisation: 'Nav Innlandet', bio: null },
  ];
  const t = (from: string, to: string) => ({ starts_at: at(`${day}T${from}`), ends_at: at(`${day}T${to}`) });
  const items: DemoItem[] = [
    { kind: 'break', title: 'Registrering og kaffe', abstract: null, ...t('09:00', '09:30') },
    {
      kind: 'talk',
      title: 'Regional plan for det inkluderende Innlandet – hvor står vi?',
      abstract: 'Status for handlingsprogrammet og tiltakene for et inkluderende arbeidsliv.',
      speakers: ['kari'],
      ...t('09:30', '10:30'),
    },
    { kind: 'break', title: 'Pause', abstract: null, ...t('10:30', '10:45') },
    {
      kind: 'talk',
      title: 'Slik lykkes arbeidsgivere med inkludering',
      abstract: 'Gode eksempler fra samarbeidet mellom Nav, arbeidsinkluderingsbedrifter og næringslivet.',
      speakers: ['ola'],
      ...t('10:45', '11:30'),
    },
    { kind: 'meal', title: 'Lunsj', abstract: null, ...t('11:30', '12:15') },
    {
      kind: 'workshop',
      title: 'Gruppearbeid: Flere inn i arbeidslivet',
      abstract: 'Hva kan virksomhetene i Innlandet gjøre allerede nå?',
      ...t('12:15', '14:30'),
    },
    { kind: 'break', title: 'Pause', abstract: null, ...t('14:30', '14:45') },
    { kind: 'other', title: 'Oppsummering og veien videre', abstract: null, speakers: ['kari'], ...t('14:45', '15:30') },
  ];
  const iso = (date: Date) => date.toISOString();
  return {
    event: {
      slug: `${UPCOMING_SLUG_PREFIX}${year}`,
      status: 'published',
      kind: 'conference',
      title: `Inkluderingskonferansen ${year}`,
      summary: 'Hvordan får vi flere inn i arbeidslivet i Innlandet? En dag med gode eksempler, erfaringsdeling og gruppearbeid.',
      description: [
        'Inkluderingskonferansen samler arbeidsgivere, Nav, utdanningsinstitusjoner, arbeidsinkluderingsbedrifter og ' +
          'kommunene for å dele erfaringer med å inkludere flere i arbeidslivet.',
        'Konferansen følger opp handlingsprogrammet for Regional plan for det inkluderende Innlandet.',
        'Det er 30 plasser. Lunsj er inkludert.',
        '*Dette arrangementet er oppdiktet og hører til demodataene; innlederne har plassholdernavn.*',
      ].join('\n\n'),
      language: 'nb',
      time_zone: ZONE,
      starts_at: at(`${day}T09:00`),
      ends_at: at(`${day}T15:30`),
      venue_name: 'Fylkeshuset i Hamar',
      venue_address: 'Parkgata 64, 2317 Hamar',
      online_url: null,
      organiser_name: 'Innlandet fylkeskommune',
      contact_name: 'Kari Nordmann',
      contact_email: 'inkludering@innlandet.example',
      contact_phone: null,
      capacity: 30,
      registration_opens_at: iso(new Date(now.getTime() - DAY_MS)),
      registration_closes_at: at(`${shiftDay(day, -2)}T09:00`),
      public_list: 'organisations',
      published_at: iso(new Date(now.getTime() - DAY_MS)),
      created_at: iso(new Date(now.getTime() - 2 * DAY_MS)),
      updated_at: iso(now),
    },
    rooms: [],
    speakers,
    items,
    files: [],
    links: [{ kind: 'read_more', title: 'Les mer om Regional plan for det inkluderende Innlandet', url: PLAN_URL }],
  };
}

/** The three demo events: the Innlandet seminar (2022), the Helse Nord conference (2019) and one a few weeks after `now`. */
export function demoEvents(now: Date): DemoEvent[] {
  return [innlandetSeminar(), helseNordConference(), upcomingConference(now)];
}

