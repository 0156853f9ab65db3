import type { Kysely } from 'kysely';
import type { Database, EventRow } from '../../db/schema';
import { nextSequence } from '../calendar';

/**
 * The SEQUENCE for the next iTIP message to a participant, recorded on their registration in the caller's
 * transaction. A registration being deleted (`id` null) has no row left: its last SEQUENCE comes with it.
 */
export async function nextCalendarSequence(
  trx: Kysely<Database>,
  event: Pick<EventRow, 'sequence'>,
  to: { id: number | null; calendar_sequence?: number | null },
): Promise<number> {
  if (to.id === null) return nextSequence(event.sequence, to.calendar_sequence ?? null);
  const row = await trx.selectFrom('registrations').select('calendar_sequence').where('id', '=', to.id).executeTakeFirst();
  const sequence = nextSequence(event.sequence, row?.calendar_sequence ?? null);
  await trx.updateTable('registrations').set({ calendar_sequence: sequence }).where('id', '=', to.id).execute();
  return sequence;
}
