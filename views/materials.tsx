import type { FileRow } from '../db/schema';
import { type EventDetails, detailsIndex } from '../src/domain/events';
import { EventNav, Figure, FileSection } from './components';
import { useI18n } from './context';

export function MaterialsPage({ details }: { details: EventDetails }) {
  const { t } = useI18n();
  const { event, files } = details;
  // Who gave it and in which programme item, e.g. "Beate Brinchmann: Inkludering i praksis".
  const index = detailsIndex(details);
  const context = (file: FileRow) =>
    [file.speaker_id === null ? undefined : index.speakers.get(file.speaker_id)?.name, file.item_id === null ? undefined : index.items.get(file.item_id)?.title]
      .filter(Boolean)
      .join(': ');
  const images = files.filter((f) => f.kind === 'image' && !index.photoIds.has(f.id));
  const presentations = files.filter((f) => f.kind === 'presentation');
  const documents = files.filter((f) => f.kind === 'document');
  return (
    <article class="materials">
      <h1>{t('materials_title', { title: event.title })}</h1>
      <EventNav event={event} current="materials" />
      {presentations.length + documents.length + images.length === 0 ? <p>{t('materials_empty')}</p> : null}
      <FileSection id="presentations" title={t('materials_presentations')} files={presentations} context={context} />
      <FileSection id="documents" title={t('materials_documents')} files={documents} context={context} />
      {images.length ? (
        <section aria-labelledby="images">
          <h2 id="images">{t('materials_images')}</h2>
          <div class="gallery">
            {images.map((file) => (
              <Figure file={file} />
            ))}
          </div>
        </section>
      ) : null}
    </article>
  );
}
