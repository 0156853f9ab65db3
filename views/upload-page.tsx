import type { FileRow } from '../db/schema';
import { formatDate, formatTime } from '../src/time';
import { FileInput, type UploadFormState, UploadErrorSummary, formatLabel, formatSize, uploadScriptData } from './admin/files-form';
import { inputId } from './admin/components';
import { UploadScript, type Notice } from './admin/files-pages';
import { useI18n } from './context';
import { filePath, uploadPath } from '../src/urls';

export interface SpeakerUploadPageProps {
  token: string;
  speaker: { name: string; event_title: string; time_zone: string };
  items: { id: number; title: string; starts_at: string }[];
  files: FileRow[];
  form: UploadFormState;
  /** The file whose replace form failed, with its errors. */
  replace?: { fileId: number; state: UploadFormState } | undefined;
  maxBytes: number;
  notice?: Notice | undefined;
}

/** A speaker's private page: their items, their presentations (each replaceable), and a form for a new one. */
export function SpeakerUploadPage(props: SpeakerUploadPageProps) {
  const { t, lang } = useI18n();
  const { speaker, token } = props;
  const itemLabel = (i: SpeakerUploadPageProps['items'][number]) =>
    `${i.title} (${formatDate(i.starts_at, speaker.time_zone, lang)} ${formatTime(i.starts_at, speaker.time_zone, lang)})`;
  const itemValue = props.form.values.item_id ?? (props.items.length === 1 ? String(props.items[0]!.id) : '');
  const itemError = props.form.errors.item_id;
  return (
    <div class="speaker-upload">
      <h1>{t('upload_title', { title: speaker.event_title })}</h1>
      {props.notice ? (
        <p class="success" role="status">
          {t(props.notice.key, props.notice.params)}
        </p>
      ) : null}
      <p>{t('upload_intro', { name: speaker.name, title: speaker.event_title })}</p>
      <p class="hint">{t('upload_private')}</p>

      <h2>{t('upload_your_files')}</h2>
      {props.files.length === 0 ? (
        <p>{t('upload_no_files')}</p>
      ) : (
        <ul class="speaker-files">
          {props.files.map((f) => {
            const state = props.replace?.fileId === f.id ? props.replace.state : { values: {}, errors: {} };
            return (
              <li id={`file-${f.id}`}>
                <a href={filePath(f)}>{f.title}</a> ({formatLabel(f)}, {formatSize(f.size, lang)})
                <details open={props.replace?.fileId === f.id}>
                  <summary>{t('upload_replace_named', { title: f.title })}</summary>
                  <form
                    method="post"
                    enctype="multipart/form-data"
                    action={uploadPath(token, `/files/${f.id}/replace`)}
                    novalidate
                    {...uploadScriptData(t, props.maxBytes)}
                  >
                    <UploadErrorSummary errors={state.errors} prefix={`r${f.id}-`} />
                    <FileInput state={state} maxBytes={props.maxBytes} prefix={`r${f.id}-`} />
                    <p>
                      <button type="submit">{t('files_replace_submit')}</button>
                    </p>
                  </form>
                </details>
              </li>
            );
          })}
        </ul>
      )}

      <h2>{t('upload_new_heading')}</h2>
      <form method="post" enctype="multipart/form-data" action={uploadPath(token)} novalidate {...uploadScriptData(t, props.maxBytes)}>
        <UploadErrorSummary errors={props.form.errors} />
        {props.items.length ? (
          <div class="field">
            <label for={inputId('item_id')}>{t('upload_field_item')}</label>
            {itemError ? (
              <p class="field-error" id="err-item_id">
                {t(itemError.key)}
              </p>
            ) : null}
            <select id={inputId('item_id')} name="item_id" aria-invalid={itemError ? 'true' : undefined} aria-describedby={itemError ? 'err-item_id' : undefined}>
              {props.items.length > 1 ? <option value="">{t('files_field_none')}</option> : null}
              {props.items.map((i) => (
                <option value={String(i.id)} selected={String(i.id) === itemValue}>
                  {itemLabel(i)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for={inputId('title')}>{t('files_field_title')}</label>
          <span class="hint" id="hint-title">
            {t('files_field_title_hint')}
          </span>
          <input type="text" id={inputId('title')} name="title" maxlength={200} value={props.form.values.title ?? ''} aria-describedby="hint-title" />
        </div>
        <FileInput state={props.form} maxBytes={props.maxBytes} />
        <p>
          <button type="submit">{t('files_upload_submit')}</button>
        </p>
      </form>
      <UploadScript />
    </div>
  );
}
