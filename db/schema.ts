import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The one source of column types. Times are ISO-8601 strings in UTC ("2019-06-26T07:00:00.000Z");
 * the zone they are shown in is the event's `time_zone`. Booleans are SQLite integers (0/1).
 */
export interface Database {
  events: EventsTable;
  rooms: RoomsTable;
  speakers: SpeakersTable;
  programme_items: ProgrammeItemsTable;
  item_speakers: ItemSpeakersTable;
  files: FilesTable;
  links: LinksTable;
  content_version: ContentVersionTable;
  registration_counts: RegistrationCountsTable;
  questions: QuestionsTable;
  registrations: RegistrationsTable;
  manage_tokens: ManageTokensTable;
  answers: AnswersTable;
  outbox: OutboxTable;
  organisers: OrganisersTable;
  event_organisers: EventOrganisersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  rate_limits: RateLimitsTable;
  programme_changes: ProgrammeChangesTable;
  messages: MessagesTable;
  message_mails: MessageMailsTable;
  upload_links: UploadLinksTable;
  api_tokens: ApiTokensTable;
  message_unsubscribes: MessageUnsubscribesTable;
  recovery_codes: RecoveryCodesTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
}

export type EventKind = 'seminar' | 'conference' | 'webinar' | 'workshop';
export type EventStatus = 'draft' | 'published' | 'cancelled';
export type ItemKind = 'talk' | 'panel' | 'workshop' | 'break' | 'meal' | 'other';
export type FileKind = 'presentation' | 'document' | 'image';
export type Visibility = 'public' | 'participants' | 'organisers';
export type LinkKind = 'video' | 'read_more' | 'other';
export type PublicListSetting = 'off' | 'organisations' | 'names';

export interface EventsTable {
  id: Generated<number>;
  slug: string;
  status: EventStatus;
  kind: EventKind;
  title: string;
  summary: string;
  /** Markdown, rendered and sanitised on display. */
  description: string;
  /** BCP 47 language of the event's own texts (the demo is Norwegian). */
  language: string;
  time_zone: string;
  starts_at: string;
  ends_at: string;
  venue_name: string | null;
  venue_address: string | null;
  online_url: string | null;
  organiser_name: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  /** Null: no limit. */
  capacity: number | null;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  public_list: Generated<PublicListSetting>;
  reminder_hours: Generated<number>;
  /** iCalendar SEQUENCE: raised whenever time or place changes. */
  sequence: Generated<number>;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  /** When its participants' personal data was anonymised (src/domain/anonymise.ts); null: not yet. */
  anonymised_at: Generated<string | null>;
}

export interface RoomsTable {
  id: Generated<number>;
  event_id: number;
  name: string;
  position: number;
}

export interface SpeakersTable {
  id: Generated<number>;
  event_id: number;
  name: string;
  role: string | null;
  organisation: string | null;
  bio: string | null;
  photo_file_id: number | null;
  position: number;
}

export interface ProgrammeItemsTable {
  id: Generated<number>;
  event_id: number;
  room_id: number | null;
  kind: ItemKind;
  title: string;
  abstract: string | null;
  starts_at: string;
  ends_at: string;
  status: Generated<'scheduled' | 'cancelled'>;
  created_at: string;
  updated_at: string;
}

export interface ItemSpeakersTable {
  item_id: number;
  speaker_id: number;
  position: number;
}

export interface FilesTable {
  id: Generated<number>;
  event_id: number;
  item_id: number | null;
  speaker_id: number | null;
  kind: FileKind;
  title: string;
  /** The name offered on download; safe characters only. */
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  /** Where the bytes live in the file store. */
  storage_key: string;
  visibility: Visibility;
  caption: string | null;
  credit: string | null;
  alt: string | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface LinksTable {
  id: Generated<number>;
  event_id: number;
  kind: LinkKind;
  title: string;
  url: string;
  position: number;
}

/** One row; bumped by triggers on every content write so that rendered pages can be cached safely. */
export interface ContentVersionTable {
  id: number;
  version: number;
}

/**
 * Kept by triggers on registrations: the event's confirmed, waitlisted and checked-in counts, and a version bumped whenever its
 * registrations change what its public pages show (counts, the public list). No row: no registration yet.
 */
export interface RegistrationCountsTable {
  event_id: number;
  version: Generated<number>;
  confirmed: Generated<number>;
  waitlisted: Generated<number>;
  /** Checked in and not cancelled. */
  checked_in: Generated<number>;
}

export type QuestionType = 'short_text' | 'long_text' | 'single_choice' | 'multi_choice' | 'yes_no' | 'days';

/** The organiser's own questions on the registration form, in the event's language. */
export interface QuestionsTable {
  id: Generated<number>;
  event_id: number;
  position: number;
  type: QuestionType;
  label: string;
  help: string | null;
  /** JSON array of strings, for single_choice and multi_choice. */
  options: string | null;
  required: number;
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface RegistrationsTable {
  id: Generated<number>;
  event_id: number;
  status: RegistrationStatus;
  name: string;
  /** As typed (trimmed). */
  email: string;
  /** Lower-cased and trimmed: one registration per address per event (a unique index over the active ones). */
  email_key: string;
  organisation: string;
  job_title: string | null;
  /** Agreed to appear on the public participant list. */
  listed: number;
  /** The participant's language for mails. */
  lang: string;
  /** SHA-256 (hex) of the first manage link's token (the one given at registration); the token itself is never stored. */
  token_hash: string;
  /** SHA-256 (hex) of the personal calendar feed's token (derived from the first manage token). */
  feed_token_hash: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  promoted_at: string | null;
  checked_in_at: string | null;
  reminder_sent_at: string | null;
  /** SEQUENCE of the last iTIP message sent to this participant (null: none yet); the next one goes higher. */
  calendar_sequence: number | null;
}

/** The one-click unsubscribe link of each organiser message mail (RFC 8058); see the migration. */
export interface MessageUnsubscribesTable {
  /** SHA-256 (hex) of the link's token; the token itself is only in the mail. */
  token_hash: string;
  event_id: number;
  /** Lower-cased, trimmed address, as registrations.email_key. */
  email_key: string;
  created_at: string;
  /** When the link was used: no more organiser messages of this event to this address. */
  unsubscribed_at: string | null;
}

/** Further manage links of a registration, one for each mail that carried one: every link given out keeps working. */
export interface ManageTokensTable {
  /** SHA-256 (hex) of the token. */
  token_hash: string;
  /** SHA-256 (hex) of the calendar feed token derived from it. */
  feed_token_hash: string;
  registration_id: number;
  created_at: string;
}

export interface AnswersTable {
  registration_id: number;
  question_id: number;
  /** JSON: a string, an array of strings (multi_choice, days) or a boolean (yes_no). */
  value: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** Mail written in the same transaction as its cause and delivered later by the worker, with retries. */
export interface OutboxTable {
  id: Generated<number>;
  /** Stable RFC 5322 Message-ID, the same across retries, so a resend after an uncertain send can be recognised. */
  message_id: string;
  /** confirmation, waitlisted, promoted, cancelled, reminder, updated, event_cancelled, message, manage_link … */
  kind: string;
  event_id: number | null;
  registration_id: number | null;
  to_address: string;
  /** JSON of the message: subject, text, html, and the calendar part if any. A manage link in it is a placeholder. */
  payload: string;
  /** The manage token the mail's link carries, in clear only until the mail is sent (the worker fills it in then). */
  private_token: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** The worker run (boot id) that holds a 'sending' row; see src/mail/worker.ts reclaimOrphans. */
  claimed_by: Generated<string | null>;
}

export type OrganiserRole = 'admin' | 'organiser';

/** People who sign in at /admin. An admin manages everything; an organiser only the events in event_organisers. */
export interface OrganisersTable {
  id: Generated<number>;
  /** As typed; unique regardless of case. */
  email: string;
  name: string;
  /** PHC `$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`, or an older `pbkdf2-sha256$<iterations>$<salt>$<hash>` (src/domain/passwords.ts). */
  password_hash: string;
  role: OrganiserRole;
  created_at: string;
  /** Set: cannot sign in, and every session is gone. */
  disabled_at: string | null;
  /** 1: the password was set by someone else (first start, an admin); every admin page asks for a new one first. */
  must_change_password: Generated<number>;
  /** Base32 TOTP secret (RFC 6238) once two-factor sign-in is on; never shown again after enrolment. */
  totp_secret: Generated<string | null>;
  totp_enabled_at: Generated<string | null>;
  /** The secret shown during enrolment, until a code from it confirms it. */
  totp_pending_secret: Generated<string | null>;
  /** The last time step whose code was accepted: a code works once. */
  totp_last_step: Generated<number | null>;
}

export interface EventOrganisersTable {
  event_id: number;
  organiser_id: number;
}

/** Server-side sign-in sessions; the cookie holds a random token whose SHA-256 (hex) is the id. */
export interface SessionsTable {
  id: string;
  organiser_id: number;
  /** The form token that every state-changing admin request must echo (field `_csrf` or header X-CSRF-Token). */
  csrf_token: string;
  created_at: string;
  /** Absolute end, however active the session is. */
  expires_at: string;
  /** Idle expiry slides from here. */
  last_seen_at: string;
  /** 1: the password was right but the second factor is still to come; not signed in yet. */
  second_factor_pending: Generated<number>;
}

/** Single-use codes for when the authenticator is lost; only their SHA-256 (hex) is stored. */
export interface RecoveryCodesTable {
  id: Generated<number>;
  organiser_id: number;
  code_hash: string;
  used_at: string | null;
}

/** A mailed password-reset link: single use, expires; only the token's SHA-256 (hex) is stored. */
export interface PasswordResetsTable {
  token_hash: string;
  organiser_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Who did what, when, from where. Append-only: triggers refuse UPDATE and DELETE. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** The organiser who acted (null: a visitor, or a participant through their private link). */
  actor_id: number | null;
  /** The actor's address at the time, kept when the account changes. */
  actor: string | null;
  action: string;
  /** What it was done to, e.g. "event:12", "organiser:3", "registration:40", or the address tried at sign-in. */
  target: string | null;
  ip: string | null;
  /** JSON with further facts (counts, roles). */
  detail: string | null;
}

/** Failed sign-ins per key ("email:…" or "ip:…") in a fixed window, for rate limiting. */
export interface LoginAttemptsTable {
  key: string;
  window_start: string;
  count: number;
}

/** Counted events per key, e.g. failed sign-ins of one client at one address (src/domain/rate-limits.ts). */
export interface RateLimitsTable {
  key: string;
  hits: number;
  last_hit_at: string;
}

/** Bearer tokens for /api/v1; a token acts with its organiser's rights. Only the token's SHA-256 (hex) is stored. */
export interface ApiTokensTable {
  id: Generated<number>;
  organiser_id: number;
  name: string;
  token_hash: string;
  /** The token's first characters, shown in the list so that tokens can be told apart. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A speaker's private upload link (one per speaker); the token is never stored, only its SHA-256 (hex). */
export interface UploadLinksTable {
  speaker_id: number;
  event_id: number;
  token_hash: string;
  created_at: string;
}

export type ProgrammeChange = 'added' | 'moved' | 'cancelled' | 'changed';

/** A change to a published event's programme, written with the edit, shown on the public programme page. */
export interface ProgrammeChangesTable {
  id: Generated<number>;
  event_id: number;
  item_id: number;
  change: ProgrammeChange;
  old_starts_at: string | null;
  new_starts_at: string | null;
  /** Room names as they were then (copied, so that renaming a room later does not rewrite history). */
  old_room: string | null;
  new_room: string | null;
  at: string;
}

export type MessageAudience = 'all' | 'confirmed' | 'waitlisted' | 'checked_in';

/** An organiser's message to the participants of an event; one outbox row per recipient. */
export interface MessagesTable {
  id: Generated<number>;
  event_id: number;
  audience: MessageAudience;
  subject: string;
  /** Plain text as the organiser wrote it; escaped when the HTML version is made. */
  body: string;
  organiser_id: number | null;
  recipients: number;
  created_at: string;
}

/** Which outbox rows (by their Message-ID) carry a message, for its progress display. */
export interface MessageMailsTable {
  message_id: number;
  outbox_message_id: string;
}

export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type EventUpdate = Updateable<EventsTable>;
export type RoomRow = Selectable<RoomsTable>;
export type SpeakerRow = Selectable<SpeakersTable>;
export type NewSpeaker = Insertable<SpeakersTable>;
export type ProgrammeItemRow = Selectable<ProgrammeItemsTable>;
export type NewProgrammeItem = Insertable<ProgrammeItemsTable>;
export type FileRow = Selectable<FilesTable>;
export type NewFile = Insertable<FilesTable>;
export type LinkRow = Selectable<LinksTable>;
export type QuestionRow = Selectable<QuestionsTable>;
export type RegistrationRow = Selectable<RegistrationsTable>;
export type NewRegistration = Insertable<RegistrationsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type OrganiserRow = Selectable<OrganisersTable>;
export type NewOrganiser = Insertable<OrganisersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type ProgrammeChangeRow = Selectable<ProgrammeChangesTable>;
export type MessageRow = Selectable<MessagesTable>;
