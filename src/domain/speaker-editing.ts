import type { SpeakerRow } from '../../db/schema';
import { z } from 'zod';
import { optional, parseWith, required } from './forms';
import { orderedList } from './ordered-list';

export const speakerFormSchema = z.object({
  name: required(200),
  role: optional(200),
  organisation: optional(200),
  bio: optional(5000),
});
export type SpeakerField = keyof z.input<typeof speakerFormSchema>;
export type SpeakerFormValues = Record<SpeakerField, string>;
export type SpeakerInput = z.output<typeof speakerFormSchema>;
export const SPEAKER_FIELDS = Object.keys(speakerFormSchema.shape) as SpeakerField[];

export const parseSpeakerForm = (values: SpeakerFormValues) => parseWith<SpeakerField, typeof speakerFormSchema>(speakerFormSchema, values);

export const speakerToForm = (s: SpeakerRow): SpeakerFormValues => ({
  name: s.name,
  role: s.role ?? '',
  organisation: s.organisation ?? '',
  bio: s.bio ?? '',
});

/** An event's speakers, in the organiser's order; deleting one keeps their slides (files.speaker_id has no foreign key). */
export const speakerList = orderedList<'speakers', SpeakerInput>('speakers', {
  insertDefaults: { photo_file_id: null },
  beforeDelete: async (trx, eventId, id) => {
    await trx.updateTable('files').set({ speaker_id: null }).where('speaker_id', '=', id).where('event_id', '=', eventId).execute();
  },
});
export const { list: listSpeakers, find: findSpeaker, save: saveSpeaker, remove: deleteSpeaker } = speakerList;
