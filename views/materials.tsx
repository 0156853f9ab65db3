import type { FileRow } from '../db/schema';
import type { EventDetails } from '../src/domain/events';
import { EventNav, Figure, FileLink } from './components';
import { useI18n } from './context';

function FileSection({ id, title, files, details }: { id: string; title: string; files: FileRow[]; details: EventDetails }) {
  if (!files.length) return null;
  const itemTitle = (file: FileRow) => details.items.find((i) => i.id === file.item_id)?.title;
  const speakerName = (file: FileRow) => details.speakers.find((s) => s.id === file.speaker_id)?.name;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="files">
        {files.map((file) => {
          const context = [speakerName(file), itemTitle(file)].filter(Boolean).join(': ');
          return (
            <li>
              <FileLink file={file} />
              {context ? <span class="meta"> – {context}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function MaterialsPage({ details }: { details: EventDetails }) {
  const { t } = useI18n();
  const { event, files } = details;
  const images = files.filter((f) => f.kind === 'image' && !details.speakers.some((s) => s.photo_file_id === f.id));
  const presentations = files.filter((f) => f.kind === 'presentation');
  const documents = files.filter((f) => f.kind === 'document');
  return (
    <article class="materials">
      <h1>{t('materials_title', { title: event.title })}</h1>
      <EventNav event={event} current="materials" />
      {presentations.length + documents.length + images.length === 0 ? <p>{t('materials_empty')}</p> : null}
      <FileSection id="presentations" title={t('materials_presentations')} files={presentations} details={details} />
      <FileSection id="documents" title={t('materials_documents')} files={documents} details={details} />
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
