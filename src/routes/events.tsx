import { Hono } from 'hono';
import type { Context } from 'hono';
import { EventPage } from '../../views/event-page';
import { MaterialsPage } from '../../views/materials';
import { ParticipantsPage } from '../../views/participants';
import { ProgrammePage } from '../../views/programme';
import { SpeakerPage, SpeakersPage } from '../../views/speakers';
import { PUBLIC_VIEWER } from '../domain/access';
import { registrationWindow } from '../domain/availability';
import { type EventDetails, confirmedCount, findPublicEvent, loadEventDetails, publicParticipants } from '../domain/events';
import { groupByOrganisation } from '../domain/organisations';
import { listProgrammeChanges } from '../domain/programme-editing';
import type { AppEnv } from '../env';
import { NotFound } from '../errors';
import { pageCache } from './page-cache';
import { eventJsonLd, openGraph } from '../structured-data';
import { eventPath } from '../urls';
import { idParam } from './request-helpers';

/** The event and everything shown on its public pages, or a 404 for unknown slugs and drafts. */
async function publicDetails(c: Context<AppEnv>, slug: string): Promise<EventDetails> {
  const event = await findPublicEvent(c.var.deps.db, slug);
  if (!event) throw new NotFound();
  return loadEventDetails(c.var.deps.db, event, PUBLIC_VIEWER);
}

export const eventRoutes = new Hono<AppEnv>()
  .get('/:slug', pageCache({ registrations: true }), async (c) => {
    const details = await publicDetails(c, c.req.param('slug'));
    const { db, clock, config } = c.var.deps;
    const window = registrationWindow(details.event, await confirmedCount(db, details.event.id), clock());
    return c.render(<EventPage details={details} window={window} />, {
      title: details.event.title,
      description: details.event.summary,
      openGraph: openGraph(details, config.baseUrl, c.var.lang, c.var.t),
      jsonLd: eventJsonLd(details, window, config.baseUrl),
      alternates: [{ href: eventPath(details.event, '/event.ics'), type: 'text/calendar', title: details.event.title }],
    });
  })
  .get('/:slug/programme', pageCache(), async (c) => {
    const details = await publicDetails(c, c.req.param('slug'));
    const changes = await listProgrammeChanges(c.var.deps.db, details.event.id);
    return c.render(<ProgrammePage details={details} changes={changes} />, {
      title: c.var.t('programme_title', { title: details.event.title }),
      description: details.event.summary,
      alternates: [
        { href: eventPath(details.event, '/programme.ics'), type: 'text/calendar', title: c.var.t('programme_download_all') },
        { href: eventPath(details.event, '/schedule.json'), type: 'application/json', title: c.var.t('programme_json') },
      ],
    });
  })
  .get('/:slug/speakers', pageCache(), async (c) => {
    const details = await publicDetails(c, c.req.param('slug'));
    return c.render(<SpeakersPage details={details} />, { title: c.var.t('speakers_title', { title: details.event.title }) });
  })
  .get('/:slug/speakers/:id{[0-9]+}', pageCache(), async (c) => {
    const id = idParam(c, 'id');
    const details = await publicDetails(c, c.req.param('slug'));
    const speaker = details.speakers.find((s) => s.id === id);
    if (!speaker) throw new NotFound();
    return c.render(<SpeakerPage details={details} speaker={speaker} />, {
      title: `${speaker.name} – ${details.event.title}`,
      description: [speaker.role, speaker.organisation].filter(Boolean).join(', '),
    });
  })
  .get('/:slug/participants', pageCache({ registrations: true }), async (c) => {
    const event = await findPublicEvent(c.var.deps.db, c.req.param('slug'));
    if (!event || event.public_list === 'off') throw new NotFound();
    const people = await publicParticipants(c.var.deps.db, event.id);
    return c.render(<ParticipantsPage event={event} groups={groupByOrganisation(people)} total={people.length} />, {
      title: c.var.t('participants_title', { title: event.title }),
    });
  })
  .get('/:slug/materials', pageCache(), async (c) => {
    const details = await publicDetails(c, c.req.param('slug'));
    return c.render(<MaterialsPage details={details} />, { title: c.var.t('materials_title', { title: details.event.title }) });
  });
