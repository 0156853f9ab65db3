import { z } from 'zod';
import type {
  EventKind as DbEventKind,
  EventStatus as DbEventStatus,
  FileKind as DbFileKind,
  ItemKind as DbItemKind,
  PublicListSetting as DbPublicListSetting,
  QuestionType as DbQuestionType,
  RegistrationStatus as DbRegistrationStatus,
  Visibility as DbVisibility,
} from '../../db/schema';
import { YEAR_RANGE, isInstantInRange, isTimeZone } from '../time';

// The one description of /api/v1: requests are validated with these schemas, handlers are typed by them and the
// OpenAPI document (src/api/openapi.ts) is generated from them. Response schemas are closed objects, so a field added
// to a response without being added here fails the OpenAPI round-trip test.

/** Fails to compile unless the zod enum and the database's union are the same set. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const same = <A, B>(_: Same<A, B>) => {};

export const EventKind = z.enum(['seminar', 'conference', 'webinar', 'workshop']);
export const EventStatus = z.enum(['draft', 'published', 'cancelled']);
export const ItemKind = z.enum(['talk', 'panel', 'workshop', 'break', 'meal', 'other']);
export const ItemStatus = z.enum(['scheduled', 'cancelled']);
export const FileKind = z.enum(['presentation', 'document', 'image']);
export const Visibility = z.enum(['public', 'participants', 'organisers']);
export const PublicList = z.enum(['off', 'organisations', 'names']);
export const QuestionType = z.enum(['short_text', 'long_text', 'single_choice', 'multi_choice', 'yes_no', 'days']);
export const RegistrationStatus = z.enum(['confirmed', 'waitlisted', 'cancelled']);
same<z.infer<typeof EventKind>, DbEventKind>(true);
same<z.infer<typeof EventStatus>, DbEventStatus>(true);
same<z.infer<typeof ItemKind>, DbItemKind>(true);
same<z.infer<typeof FileKind>, DbFileKind>(true);
same<z.infer<typeof Visibility>, DbVisibility>(true);
same<z.infer<typeof PublicList>, DbPublicListSetting>(true);
same<z.infer<typeof QuestionType>, DbQuestionType>(true);
same<z.infer<typeof RegistrationStatus>, DbRegistrationStatus>(true);

const id = z.number().int().positive();
/** Out: always UTC with a Z, as stored. */
const instant = z.iso.datetime().describe('ISO 8601 instant in UTC');
/** In: any ISO 8601 date-time with Z or an offset, stored as UTC. */
const instantIn = z.iso
  .datetime({ offset: true, abort: true })
  // zod already refuses days and times that do not exist (2027-04-31, 24:30); the year must be sane too.
  .refine(isInstantInRange, { error: `year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}` })
  .transform((value) => new Date(value).toISOString())
  .describe('ISO 8601 date-time with Z or an offset (stored as UTC)');
const text = (max: number) => z.string().trim().min(1).max(max);
/** Nullable text; an empty string is stored as null (not given). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || null)
    .nullable();
const url = z.url({ protocol: /^https?$/ }).max(2000);

// ---------------------------------------------------------------- responses

export const ErrorBody = z
  .object({
    error: z.object({
      /** Stable, for programs: unauthorized, not_found, validation_failed, malformed_json, conflict, internal. */
      code: z.string(),
      /** For people, in the language asked for with Accept-Language (nb or en). */
      message: z.string(),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string() })).optional(),
    }),
  })
  .meta({ description: 'Every error under /api/v1.' });

export const EventSummary = z.object({
  id,
  slug: z.string(),
  status: EventStatus,
  kind: EventKind,
  title: z.string(),
  time_zone: z.string(),
  starts_at: instant,
  ends_at: instant,
  confirmed: z.number().int().min(0),
  waitlisted: z.number().int().min(0),
  public_url: z.url(),
});

export const Event = z.object({
  id,
  slug: z.string(),
  status: EventStatus,
  kind: EventKind,
  title: z.string(),
  summary: z.string(),
  description: z.string().describe('Markdown'),
  language: z.string(),
  time_zone: z.string().describe('IANA time zone the event is shown in, e.g. Europe/Oslo'),
  starts_at: instant,
  ends_at: instant,
  venue_name: z.string().nullable(),
  venue_address: z.string().nullable(),
  online_url: z.string().nullable(),
  organiser_name: z.string(),
  contact_name: z.string().nullable(),
  contact_email: z.string().nullable(),
  contact_phone: z.string().nullable(),
  capacity: z.number().int().nullable(),
  registration_opens_at: instant.nullable(),
  registration_closes_at: instant.nullable(),
  public_list: PublicList,
  reminder_hours: z.number().int(),
  sequence: z.number().int().describe('iCalendar SEQUENCE, raised when time or place changes'),
  published_at: instant.nullable(),
  created_at: instant,
  updated_at: instant,
  anonymised_at: instant.nullable().describe("When the participants' personal data was anonymised (GDPR retention); null: not yet"),
  public_url: z.url(),
});

export const Room = z.object({ id, name: z.string(), position: z.number().int() });

export const Speaker = z.object({
  id,
  name: z.string(),
  role: z.string().nullable(),
  organisation: z.string().nullable(),
  bio: z.string().nullable(),
  photo_url: z.url().nullable(),
  position: z.number().int(),
});

export const Item = z.object({
  id,
  kind: ItemKind,
  title: z.string(),
  abstract: z.string().nullable(),
  starts_at: instant,
  ends_at: instant,
  room_id: id.nullable(),
  status: ItemStatus,
  speaker_ids: z.array(id),
  created_at: instant,
  updated_at: instant,
});

export const Question = z.object({
  id,
  position: z.number().int(),
  type: QuestionType,
  label: z.string(),
  help: z.string().nullable(),
  options: z.array(z.string()).nullable().describe('The choices, for single_choice and multi_choice'),
  required: z.boolean(),
});

export const EventDetail = Event.extend({
  rooms: z.array(Room),
  speakers: z.array(Speaker),
  items: z.array(Item),
  questions: z.array(Question),
});

export const AnswerValue = z.union([z.string(), z.array(z.string()), z.boolean()]);

export const Registration = z.object({
  id,
  status: RegistrationStatus,
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
  job_title: z.string().nullable(),
  listed: z.boolean().describe('Agreed to appear on the public participant list'),
  lang: z.string(),
  answers: z.array(z.object({ question_id: id, value: AnswerValue })),
  created_at: instant,
  updated_at: instant,
  cancelled_at: instant.nullable(),
  promoted_at: instant.nullable(),
  checked_in_at: instant.nullable(),
});

export const RegistrationPage = z.object({
  data: z.array(Registration),
  total: z.number().int().min(0).describe('Matching registrations in all pages'),
  next_cursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
});

export const Material = z.object({
  id,
  kind: FileKind,
  title: z.string(),
  filename: z.string(),
  content_type: z.string(),
  size: z.number().int().min(0),
  sha256: z.string(),
  visibility: Visibility,
  caption: z.string().nullable(),
  credit: z.string().nullable(),
  alt: z.string().nullable(),
  item_id: id.nullable(),
  speaker_id: id.nullable(),
  position: z.number().int(),
  created_at: instant,
  updated_at: instant,
  download_url: z.url().describe('On the public site: works for public files, and for signed-in organisers'),
  content_url: z.url().describe('Through the API with the bearer token, whatever the visibility'),
});

const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
export const EventList = list(EventSummary);
export const RoomList = list(Room);
export const SpeakerList = list(Speaker);
export const ItemList = list(Item);
export const QuestionList = list(Question);
export const MaterialList = list(Material);

// ---------------------------------------------------------------- requests

const eventFields = {
  title: text(200),
  slug: z
    .string()
    .max(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens')
    .describe('The public address /events/:slug; made from the title when left out'),
  kind: EventKind,
  summary: z.string().trim().max(1000),
  description: z.string().max(100_000).describe('Markdown'),
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as nb or en'),
  time_zone: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Oslo'),
  starts_at: instantIn,
  ends_at: instantIn,
  venue_name: optionalText(200),
  venue_address: optionalText(500),
  online_url: url.nullable(),
  organiser_name: text(200),
  contact_name: optionalText(200),
  contact_email: z.email().max(254).nullable(),
  contact_phone: optionalText(50),
  capacity: z.number().int().positive().max(1_000_000).nullable().describe('null: no limit'),
  registration_opens_at: instantIn.nullable(),
  registration_closes_at: instantIn.nullable(),
  public_list: PublicList,
  reminder_hours: z.number().int().min(0).max(24 * 14),
};

export const EventCreate = z.strictObject({
  ...eventFields,
  slug: eventFields.slug.optional(),
  status: z.enum(['draft', 'published']).default('draft'),
  kind: EventKind.default('seminar'),
  summary: eventFields.summary.default(''),
  description: eventFields.description.default(''),
  language: eventFields.language.default('nb'),
  time_zone: eventFields.time_zone.default('Europe/Oslo'),
  venue_name: eventFields.venue_name.default(null),
  venue_address: eventFields.venue_address.default(null),
  online_url: eventFields.online_url.default(null),
  contact_name: eventFields.contact_name.default(null),
  contact_email: eventFields.contact_email.default(null),
  contact_phone: eventFields.contact_phone.default(null),
  capacity: eventFields.capacity.default(null),
  registration_opens_at: eventFields.registration_opens_at.default(null),
  registration_closes_at: eventFields.registration_closes_at.default(null),
  public_list: PublicList.default('off'),
  reminder_hours: eventFields.reminder_hours.default(24),
});

export const EventUpdate = z
  .strictObject({ ...eventFields, status: EventStatus.describe('cancelled cancels the event and tells everyone registered') })
  .partial()
  .meta({ description: 'Only the fields sent change. A new time or place sends registered participants an updated invitation.' });

export const RoomCreate = z.strictObject({ name: text(100) });

const speakerFields = {
  name: text(200),
  role: optionalText(200),
  organisation: optionalText(200),
  bio: optionalText(5000),
};
export const SpeakerCreate = z.strictObject({
  ...speakerFields,
  role: speakerFields.role.default(null),
  organisation: speakerFields.organisation.default(null),
  bio: speakerFields.bio.default(null),
});
export const SpeakerUpdate = z.strictObject(speakerFields).partial();

const itemFields = {
  kind: ItemKind,
  title: text(300),
  abstract: optionalText(10_000),
  starts_at: instantIn,
  ends_at: instantIn,
  room_id: id.nullable(),
  speaker_ids: z.array(id).max(50).refine((ids) => new Set(ids).size === ids.length, 'each speaker once'),
};
export const ItemCreate = z
  .strictObject({
    ...itemFields,
    kind: ItemKind.default('talk'),
    abstract: itemFields.abstract.default(null),
    room_id: itemFields.room_id.default(null),
    speaker_ids: itemFields.speaker_ids.default([]),
  })
  .meta({ description: 'The item must lie within the event’s start and end.' });
export const ItemUpdate = z
  .strictObject({
    ...itemFields,
    status: z.literal('cancelled').describe('Cancels the item: it stays on the programme, marked as cancelled'),
  })
  .partial()
  .meta({ description: 'Only the fields sent change. Changes to a published programme are shown on its public page.' });

export const QuestionInput = z
  .strictObject({
    id: id.optional().describe('An existing question to keep (its answers stay); leave out for a new one'),
    type: QuestionType,
    label: text(500),
    help: optionalText(2000).default(null),
    options: z.array(text(200)).max(50).nullable().default(null),
    required: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === 'single_choice' || q.type === 'multi_choice';
    if (choice && !q.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs options' });
    if (!choice && q.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice questions have options' });
  });
export const QuestionsPut = z
  .strictObject({ questions: z.array(QuestionInput).max(50) })
  .meta({ description: 'The whole list, in order. Questions left out are deleted with their answers.' });

export const RegistrationCreate = z
  .strictObject({
    name: z.string(),
    email: z.string(),
    organisation: z.string(),
    job_title: z.string().nullable().default(null),
    listed: z.boolean().default(false).describe('Agrees to appear on the public participant list'),
    lang: z.enum(['nb', 'en']).optional().describe("Language of the participant's mails; default the event's"),
    answers: z
      .array(z.strictObject({ question_id: id, value: AnswerValue.describe('yes_no: true/false; multi_choice and days: a list') }))
      .max(100)
      .default([]),
  })
  .meta({
    description:
      'Registers a person as the public form does, by the same rules: a seat while there are any, else the waiting list; ' +
      'the questions as on the form; one registration per address; the confirmation or waiting-list mail.',
  });

export const OpenApiDocument = z
  .looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ description: 'This OpenAPI 3.1 document' });

export const RegistrationQuery = z.strictObject({
  status: RegistrationStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^[0-9]{1,15}$/).optional().describe('next_cursor of the previous page'),
});

export type EventCreateInput = z.output<typeof EventCreate>;
export type EventUpdateInput = z.output<typeof EventUpdate>;
export type ItemCreateInput = z.output<typeof ItemCreate>;
export type ItemUpdateInput = z.output<typeof ItemUpdate>;
export type SpeakerCreateInput = z.output<typeof SpeakerCreate>;
export type SpeakerUpdateInput = z.output<typeof SpeakerUpdate>;
export type QuestionsPutInput = z.output<typeof QuestionsPut>;
export type RegistrationCreateInput = z.output<typeof RegistrationCreate>;

/** Named schemas, as they appear under components.schemas in the OpenAPI document. */
export const requestSchemas = { EventCreate, EventUpdate, RoomCreate, SpeakerCreate, SpeakerUpdate, ItemCreate, ItemUpdate, QuestionsPut, RegistrationCreate };
export const responseSchemas = {
  Error: ErrorBody,
  EventSummary,
  EventList,
  EventDetail,
  Room,
  RoomList,
  Speaker,
  SpeakerList,
  Item,
  ItemList,
  Question,
  QuestionList,
  Registration,
  RegistrationPage,
  Material,
  MaterialList,
  OpenApiDocument,
};
