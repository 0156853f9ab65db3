/**
 * Every link Samling builds, in one place: the public pages, files, a participant's manage link and feeds, a speaker's
 * upload link and the organiser's pages. Paths are relative to the site; `absolute` puts one on the configured base
 * (for mails, calendar files, feeds and the API).
 */

type Slugged = { slug: string };
type FileRef = { id: number; filename: string };

/** A path on the public base URL, whether or not the base ends in a slash. */
export const absolute = (baseUrl: string, path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;

/** An event's public page, or one of its sub-pages (`/programme`, `/register`, `/event.ics` …). */
export const eventPath = (event: Slugged, page = '') => `/events/${encodeURIComponent(event.slug)}${page}`;
/** A programme item, as an anchor on the programme page. */
export const itemPath = (event: Slugged, itemId: number) => eventPath(event, `/programme#item-${itemId}`);
/** One programme item as a calendar file. */
export const itemIcsPath = (event: Slugged, itemId: number) => eventPath(event, `/items/${itemId}.ics`);

/** A public file, by id with its file name (the name is for people and downloads; the id finds it). */
export const filePath = (file: FileRef) => `/files/${file.id}/${encodeURIComponent(file.filename)}`;

/** The all-events calendar feed. */
export const FEED_PATH = '/calendar.ics';

/** A participant's private manage page, or one of its sub-pages. */
export const managePath = (token: string, page = '') => `/registrations/${token}${page}`;
/**
 * The token a stored mail's manage link holds until the mail worker puts the real one in (and what organisers see in
 * place of any private token).
 */
export const TOKEN_PLACEHOLDER = '…';

const PRIVATE_LINK = /(\/registrations\/(?:feed\/)?|\/upload\/|\/admin\/password\/reset\/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/**
 * A text with every private link in it (manage links, personal feeds, speakers' upload links, password reset links)
 * made useless: for what organisers and admins read of mail written to someone else; the link is its recipient's alone.
 * @example redactPrivateLinks('https://x.no/registrations/q0Hc…43 chars') // 'https://x.no/registrations/…'
 */
export const redactPrivateLinks = (text: string) => text.replace(PRIVATE_LINK, `$1${TOKEN_PLACEHOLDER}`);

/** A stored mail's text with its manage link made to work: the placeholder replaced by the mail's own token. */
export const fillManageLink = (text: string, token: string) => text.replaceAll(managePath(TOKEN_PLACEHOLDER), managePath(token));

/** A participants-only file, served through the manage link (which proves the visitor is a participant). */
export const participantFilePath = (token: string, file: FileRef) => managePath(token, filePath(file));
/** A participant's personal calendar feed. */
export const personalFeedPath = (feedToken: string) => `/registrations/feed/${feedToken}.ics`;

/** A speaker's private upload page, or one of its actions. */
export const uploadPath = (token: string, rest = '') => `/upload/${token}${rest}`;

/** An event's page in the organiser area, or one of its sub-pages. */
export const adminEventPath = (event: number | { id: number }, page = '') => `/admin/events/${typeof event === 'number' ? event : event.id}${page}`;
