import { Hono } from 'hono';
import { SpeakerEditPage, type SpeakerFormState, SpeakersPage } from '../../../views/admin/speaker-pages';
import type { AdminEnv } from '../../admin-session';
import {
  SPEAKER_FIELDS,
  deleteSpeaker,
  findSpeaker,
  listSpeakers,
  moveRow,
  parseSpeakerForm,
  pickFields,
  saveSpeaker,
  speakerToForm,
} from '../../domain/event-editing';
import { NotFound } from '../../errors';
import { type C, accessEvent, confirmed, formBody, idParam, noticeFor, one, redirectWith, renderConfirm, single } from './event-helpers';
import { logAction } from '../audit';

const NOTICES = { saved: 'edit_speaker_saved', deleted: 'edit_saved' } as const;
const blank: SpeakerFormState = { values: { name: '', role: '', organisation: '', bio: '' }, errors: {} };

async function renderList(c: C, eventId: number, form: SpeakerFormState = blank, status: 200 | 422 = 200) {
  const event = await accessEvent(c, eventId);
  const speakers = await listSpeakers(c.var.deps.db, event.id);
  c.status(status);
  return c.render(<SpeakersPage event={event} speakers={speakers} form={form} notice={status === 200 ? noticeFor(c, NOTICES) : undefined} />, {
    title: c.var.t('edit_speakers_title', { title: event.title }),
  });
}

async function speakerOf(c: C) {
  const event = await accessEvent(c, c.req.param('id'));
  const speaker = await findSpeaker(c.var.deps.db, event.id, idParam(c, 'sid'));
  if (!speaker) throw new NotFound();
  return { event, speaker };
}

/** /admin/events/:id/speakers: the event's speakers (photos and upload links are on the files pages). */
export const speakerRoutes = new Hono<AdminEnv>()
  .get('/:id{[0-9]+}/speakers', (c) => renderList(c, idParam(c, 'id')))
  .post('/:id{[0-9]+}/speakers', async (c) => {
    const event = await accessEvent(c, c.req.param('id'));
    const values = pickFields(single(await formBody(c)), SPEAKER_FIELDS);
    const parsed = parseSpeakerForm(values);
    if (!parsed.ok) return renderList(c, event.id, { values, errors: parsed.errors }, 422);
    const id = await saveSpeaker(c.var.deps.db, event.id, parsed.data, null, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/speakers#speaker-${id}`, 'saved');
  })
  .get('/:id{[0-9]+}/speakers/:sid{[0-9]+}', async (c) => {
    const { event, speaker } = await speakerOf(c);
    return c.render(<SpeakerEditPage event={event} speaker={speaker} form={{ values: speakerToForm(speaker), errors: {} }} />, {
      title: c.var.t('edit_speaker_edit_title', { name: speaker.name }),
    });
  })
  .post('/:id{[0-9]+}/speakers/:sid{[0-9]+}', async (c) => {
    const { event, speaker } = await speakerOf(c);
    const values = pickFields(single(await formBody(c)), SPEAKER_FIELDS);
    const parsed = parseSpeakerForm(values);
    if (!parsed.ok) {
      c.status(422);
      return c.render(<SpeakerEditPage event={event} speaker={speaker} form={{ values, errors: parsed.errors }} />, {
        title: c.var.t('edit_speaker_edit_title', { name: speaker.name }),
      });
    }
    await saveSpeaker(c.var.deps.db, event.id, parsed.data, speaker.id, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/speakers#speaker-${speaker.id}`, 'saved');
  })
  .post('/:id{[0-9]+}/speakers/:sid{[0-9]+}/move', async (c) => {
    const { event, speaker } = await speakerOf(c);
    const direction = one(await formBody(c), 'direction') === 'up' ? 'up' : 'down';
    await moveRow(c.var.deps.db, 'speakers', event.id, speaker.id, direction, c.var.deps.clock());
    return redirectWith(c, `/admin/events/${event.id}/speakers#speaker-${speaker.id}`);
  })
  .post('/:id{[0-9]+}/speakers/:sid{[0-9]+}/delete', async (c) => {
    const { event, speaker } = await speakerOf(c);
    if (!confirmed(await formBody(c))) {
      return renderConfirm(c, { question: c.var.t('edit_confirm_delete_speaker', { name: speaker.name }), back: `/admin/events/${event.id}/speakers` });
    }
    await deleteSpeaker(c.var.deps.db, event.id, speaker.id, c.var.deps.clock());
    await logAction(c, 'event_content_deleted', `event:${event.id}`, { detail: { speaker: speaker.id } });
    return redirectWith(c, `/admin/events/${event.id}/speakers`, 'deleted');
  });
