import type { FileRow } from '../../db/schema';

/**
 * Who is looking. The public side knows nobody; a participant's manage link and an organiser's session
 * (later issues) widen what is visible.
 */
export interface Viewer {
  /** Events whose participant-only files the viewer may download. */
  participantOf: readonly number[];
  /** Events the viewer organises (or every event, for an admin). */
  organiserOf: readonly number[] | 'all';
}

export const PUBLIC_VIEWER: Viewer = { participantOf: [], organiserOf: [] };

export function organises(viewer: Viewer, eventId: number): boolean {
  return viewer.organiserOf === 'all' || viewer.organiserOf.includes(eventId);
}

/** Whether a file of an event may be shown or downloaded by the viewer. */
export function visibleTo(file: Pick<FileRow, 'visibility'>, eventId: number, viewer: Viewer): boolean {
  switch (file.visibility) {
    case 'public':
      return true;
    case 'participants':
      return viewer.participantOf.includes(eventId) || organises(viewer, eventId);
    case 'organisers':
      return organises(viewer, eventId);
  }
}
