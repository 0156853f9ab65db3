import { SpeakerEditPage, SpeakersPage } from '../../../views/admin/speaker-pages';
import { SPEAKER_FIELDS, listSpeakers, parseSpeakerForm, speakerList, speakerToForm } from '../../domain/speaker-editing';
import { orderedListRoutes } from './ordered-list-routes';

/** /admin/events/:id/speakers: the event's speakers (photos and upload links are on the files pages). */
export const speakerRoutes = orderedListRoutes({
  path: 'speakers',
  param: 'sid',
  fields: SPEAKER_FIELDS,
  blank: { name: '', role: '', organisation: '', bio: '' },
  notices: { saved: 'edit_speaker_saved', deleted: 'edit_saved' },
  parse: parseSpeakerForm,
  toForm: speakerToForm,
  rows: speakerList,
  anchor: (id) => `#speaker-${id}`,
  listPage: async (c, event, form, notice) =>
    c.render(<SpeakersPage event={event} speakers={await listSpeakers(c.var.deps.db, event.id)} form={form} notice={notice} />, {
      title: c.var.t('edit_speakers_title', { title: event.title }),
    }),
  editPage: (c, event, speaker, form) =>
    c.render(<SpeakerEditPage event={event} speaker={speaker} form={form} />, { title: c.var.t('edit_speaker_edit_title', { name: speaker.name }) }),
  beforeDelete: async (c, speaker) => ({ confirm: c.var.t('edit_confirm_delete_speaker', { name: speaker.name }), audit: { speaker: speaker.id } }),
});
