import type { FileRow } from '../db/schema';
import { absolute, eventPath, filePath } from './urls';
import type { RegistrationWindow } from './domain/availability';
import type { EventDetails } from './domain/events';
import type { Translate } from './i18n/index';
import { isoWithOffset } from './schedule-formats';

/**
 * What an event page tells search engines and link previews: a schema.org Event as JSON-LD (as Google's event rich
 * results read it) and Open Graph / Twitter card tags.
 */

/** The share image of an event without one of its own (served by routes/assets.ts). */
export const DEFAULT_IMAGE_PATH = '/assets/og-default.png';

const SCHEMA = 'https://schema.org/';

/**
 * The offer's availability by the registration window: open → InStock; full, but taking people onto the waiting list
 * → BackOrder (a place is promised once one frees up); not yet open → PreOrder is wrong (nobody can register yet), so
 * OutOfStock with `validFrom` in the future; closed or cancelled → Discontinued.
 */
const AVAILABILITY: Record<RegistrationWindow['state'], string> = {
  open: `${SCHEMA}InStock`,
  full: `${SCHEMA}BackOrder`,
  not_yet: `${SCHEMA}OutOfStock`,
  closed: `${SCHEMA}Discontinued`,
  cancelled: `${SCHEMA}Discontinued`,
};

/**
 * A Norwegian free-text address as a PostalAddress: "Hamnegata 7, 6900 Florø" has a street, a four-digit postcode and
 * a place; anything else is kept whole as the street address.
 * @example postalAddress('Hamnegata 7, 6900 Florø') // { streetAddress: 'Hamnegata 7', postalCode: '6900', addressLocality: 'Florø', addressCountry: 'NO', … }
 */
export function postalAddress(address: string) {
  const match = /^(.*?),\s*(\d{4})\s+(.+)$/.exec(address.trim());
  return match
    ? { '@type': 'PostalAddress', streetAddress: match[1], postalCode: match[2], addressLocality: match[3], addressCountry: 'NO' }
    : { '@type': 'PostalAddress', streetAddress: address.trim() };
}

const shareImage = (details: EventDetails): FileRow | undefined => details.files.find((f) => f.kind === 'image');

/** schema.org Event, so search engines and calendars understand the page. Times in the event's zone, with offset. */
export function eventJsonLd(details: EventDetails, window: RegistrationWindow, baseUrl: string) {
  const { event } = details;
  const zone = event.time_zone;
  const image = shareImage(details);
  const place = event.venue_name || event.venue_address
    ? {
        '@type': 'Place',
        name: event.venue_name ?? event.venue_address,
        ...(event.venue_address ? { address: postalAddress(event.venue_address) } : {}),
      }
    : null;
  const virtual = event.online_url ? { '@type': 'VirtualLocation', url: event.online_url } : null;
  const validFrom = event.registration_opens_at ?? event.published_at ?? event.created_at;
  const validThrough = event.registration_closes_at ?? event.starts_at;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.summary,
    startDate: isoWithOffset(event.starts_at, zone),
    endDate: isoWithOffset(event.ends_at, zone),
    url: absolute(baseUrl, eventPath(event)),
    inLanguage: event.language,
    eventStatus: event.status === 'cancelled' ? `${SCHEMA}EventCancelled` : `${SCHEMA}EventScheduled`,
    eventAttendanceMode: place && virtual
      ? `${SCHEMA}MixedEventAttendanceMode`
      : virtual
        ? `${SCHEMA}OnlineEventAttendanceMode`
        : `${SCHEMA}OfflineEventAttendanceMode`,
    location: [place, virtual].filter(Boolean),
    // Registration is free: an Offer at 0 NOK for the registration page, open as long as registration is.
    offers: {
      '@type': 'Offer',
      url: absolute(baseUrl, eventPath(event, '/register')),
      price: 0,
      priceCurrency: 'NOK',
      availability: AVAILABILITY[window.state],
      validFrom: isoWithOffset(validFrom, zone),
      validThrough: isoWithOffset(validThrough, zone),
    },
    // The site the organiser publishes its events on (there is no field for its own web site).
    organizer: {
      '@type': 'Organization',
      name: event.organiser_name,
      url: `${baseUrl}/`,
      ...(event.contact_email ? { email: event.contact_email } : {}),
    },
    performer: details.speakers.map((s) => ({ '@type': 'Person', name: s.name, ...(s.organisation ? { affiliation: s.organisation } : {}) })),
    image: [image ? absolute(baseUrl, filePath(image)) : absolute(baseUrl, DEFAULT_IMAGE_PATH)],
  };
}

/** Open Graph and Twitter card tags; every event has an image, its own or the site's default, with its alt text. */
export function openGraph(details: EventDetails, baseUrl: string, lang: string, t: Translate): Record<string, string> {
  const { event } = details;
  const image = shareImage(details);
  return {
    'og:type': 'website',
    'og:title': event.title,
    'og:description': event.summary,
    'og:url': absolute(baseUrl, eventPath(event)),
    'og:locale': lang === 'nb' ? 'nb_NO' : 'en_GB',
    'og:site_name': t('site_name'),
    'og:image': image ? absolute(baseUrl, filePath(image)) : absolute(baseUrl, DEFAULT_IMAGE_PATH),
    'og:image:alt': image ? image.alt || image.caption || event.title : t('og_default_image_alt', { title: event.title }),
    'twitter:card': 'summary_large_image',
  };
}
