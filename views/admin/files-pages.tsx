import type { EventRow, FileRow } from '../../db/schema';
import type { EventFile } from '../../src/domain/event-files';
import type { MessageKey } from '../../src/i18n/index';
import { formatDate, formatTime } from '../../src/time';
import { assetUrl } from '../../src/routes/assets';
import { useI18n } from '../context';
import { AdminPage, CsrfField } from './components';
import {
  type Choices,
  FileInput,
  FileMetaFields,
  type UploadFormState,
  UploadErrorSummary,
  formatLabel,
  formatSize,
  uploadScriptData,
} from './files-form';
import { filePath } from '../../src/urls';
import { adminEventPath } from '../../src/urls';

export const filesUrl = (eventId: number, rest = '') => adminEventPath(eventId, `/files${rest}`);
export const uploadLinkUrl = (eventId: number, speakerId: number) => adminEventPath(eventId, `/speakers/${speakerId}/upload-link`);

export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number>;
}

function NoticeBox({ notice }: { notice: Notice | undefined }) {
  const { t } = useI18n();
  return notice ? (
    <p class="success" role="status">
      {t(notice.key, notice.params)}
    </p>
  ) : null;
}

function BackLink({ event }: { event: Pick<EventRow, 'id'> }) {
  const { t } = useI18n();
  return (
    <p>
      <a href={adminEventPath(event)}>{t('files_back')}</a>
    </p>
  );
}

export const UploadScript = () => {
  const { c } = useI18n();
  return <script src={assetUrl(c.var.deps.assets, 'upload.js')} defer></script>;
};

export interface FilesPageProps {
  event: EventRow;
  files: EventFile[];
  choices: Choices;
  form: UploadFormState;
  maxBytes: number;
  notice?: Notice | undefined;
}

/** An event's files: the list, the speakers' photos and upload links, and the upload form. */
export function FilesPage(props: FilesPageProps) {
  const { t } = useI18n();
  const { event, files } = props;
  const images = files.filter((f) => f.kind === 'image');
  return (
    <AdminPage title={t('files_title', { title: event.title })} current="events">
      <BackLink event={event} />
      <NoticeBox notice={props.notice} />
      <p>{t('files_intro')}</p>
      <h2>{t('files_list_heading')}</h2>
      {files.length === 0 ? <p>{t('files_none')}</p> : <FilesTable event={event} files={files} />}

      <h2 id="upload-heading">{t('files_upload_heading')}</h2>
      <UploadForm action={filesUrl(event.id)} state={props.form} choices={props.choices} maxBytes={props.maxBytes} />

      <h2>{t('files_speakers_heading')}</h2>
      {props.choices.speakers.length === 0 ? (
        <p>{t('files_speakers_none')}</p>
      ) : (
        <>
          {images.length === 0 ? <p>{t('files_speaker_no_images')}</p> : null}
          <ul class="speaker-photos">
            {props.choices.speakers.map((s) => (
              <li>
                {images.length ? (
                  <form method="post" action={adminEventPath(event, `/speakers/${s.id}/photo`)} class="inline-form">
                    <CsrfField />
                    <label for={`photo-${s.id}`}>{t('files_speaker_photo', { name: s.name })}</label>{' '}
                    <select id={`photo-${s.id}`} name="file_id">
                      <option value="">{t('files_speaker_no_photo')}</option>
                      {images.map((f) => (
                        <option value={String(f.id)} selected={f.id === s.photo_file_id}>
                          {f.title}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit">{t('files_speaker_photo_set')}</button>
                  </form>
                ) : (
                  s.name
                )}{' '}
                · <a href={uploadLinkUrl(event.id, s.id)}>{t('files_speaker_upload_link', { name: s.name })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <UploadScript />
    </AdminPage>
  );
}

function FilesTable({ event, files }: { event: EventRow; files: EventFile[] }) {
  const { t, lang } = useI18n();
  return (
    <table class="admin-files">
      <thead>
        <tr>
          <th scope="col">{t('files_col_title')}</th>
          <th scope="col">{t('files_col_kind')}</th>
          <th scope="col">{t('files_col_format')}</th>
          <th scope="col" class="num">{t('files_col_size')}</th>
          <th scope="col">{t('files_col_visibility')}</th>
          <th scope="col">{t('files_col_linked')}</th>
          <th scope="col">{t('files_col_actions')}</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr id={`file-${f.id}`}>
            <th scope="row">
              <a href={filePath(f)}>{f.title}</a>
              {f.kind === 'image' && (f.caption || f.credit) ? (
                <span class="hint">
                  {f.caption}
                  {f.caption && f.credit ? ' ' : ''}
                  {f.credit ? t('files_credit', { credit: f.credit }) : ''}
                </span>
              ) : null}
              {f.photo_of ? <span class="hint">{t('files_photo_of', { names: f.photo_of })}</span> : null}
            </th>
            <td>{t(`files_kind_${f.kind}`)}</td>
            <td>{formatLabel(f)}</td>
            <td class="num">{formatSize(f.size, lang)}</td>
            <td class={`visibility visibility-${f.visibility}`}>{t(`files_visibility_${f.visibility}`)}</td>
            <td>{[f.item_title, f.speaker_name].filter(Boolean).join(' · ')}</td>
            <td>
              <a href={filesUrl(event.id, `/${f.id}`)} aria-label={t('files_edit_named', { title: f.title })}>
                {t('files_edit')}
              </a>{' '}
              ·{' '}
              <a href={filesUrl(event.id, `/${f.id}/delete`)} aria-label={t('files_delete_named', { title: f.title })}>
                {t('files_delete')}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UploadForm(props: { action: string; state: UploadFormState; choices: Choices; maxBytes: number }) {
  const { t } = useI18n();
  return (
    <form method="post" enctype="multipart/form-data" action={props.action} novalidate {...uploadScriptData(t, props.maxBytes)}>
      {/* First, so that the CSRF check finds it before the file (src/multipart-token.ts). */}
      <CsrfField />
      <UploadErrorSummary errors={props.state.errors} />
      <FileMetaFields state={props.state} choices={props.choices} titleOptional />
      <FileInput state={props.state} maxBytes={props.maxBytes} />
      <p>
        <button type="submit">{t('files_upload_submit')}</button>
      </p>
    </form>
  );
}

export interface FileEditPageProps {
  event: EventRow;
  file: FileRow;
  choices: Choices;
  meta: UploadFormState;
  replace: UploadFormState;
  maxBytes: number;
  notice?: Notice | undefined;
}

/** One file: its metadata, replacing its bytes (same URL), and the way to delete it. */
export function FileEditPage(props: FileEditPageProps) {
  const { t, lang } = useI18n();
  const { event, file } = props;
  return (
    <AdminPage title={t('files_edit_title', { title: file.title })} current="events">
      <p>
        <a href={filesUrl(event.id)}>{t('files_title', { title: event.title })}</a>
      </p>
      <NoticeBox notice={props.notice} />
      <p>
        <a href={filePath(file)}>{file.filename}</a> ({formatLabel(file)}, {formatSize(file.size, lang)})
      </p>
      <h2>{t('files_edit_meta_heading')}</h2>
      <form method="post" action={filesUrl(event.id, `/${file.id}`)} novalidate>
        <CsrfField />
        <UploadErrorSummary errors={props.meta.errors} />
        <FileMetaFields state={props.meta} choices={props.choices} titleOptional={false} />
        <p>
          <button type="submit">{t('files_save')}</button>
        </p>
      </form>
      <h2>{t('files_replace_heading')}</h2>
      <p>{t('files_replace_intro')}</p>
      <p class="hint">{t('files_current', { filename: file.filename, size: formatSize(file.size, lang), sha: file.sha256.slice(0, 12) })}</p>
      <form
        method="post"
        enctype="multipart/form-data"
        action={filesUrl(event.id, `/${file.id}/replace`)}
        novalidate
        {...uploadScriptData(t, props.maxBytes)}
      >
        <CsrfField />
        <UploadErrorSummary errors={props.replace.errors} />
        <FileInput state={props.replace} maxBytes={props.maxBytes} />
        <p>
          <button type="submit">{t('files_replace_submit')}</button>
        </p>
      </form>
      <p>
        <a href={filesUrl(event.id, `/${file.id}/delete`)} class="danger">
          {t('files_delete_named', { title: file.title })}
        </a>
      </p>
      <UploadScript />
    </AdminPage>
  );
}

/** Asks before deleting: the file and its link are gone for good. */
export function FileDeletePage({ event, file }: { event: EventRow; file: FileRow }) {
  const { t } = useI18n();
  return (
    <AdminPage title={t('files_delete_title', { title: file.title })} current="events">
      <p>{t('files_delete_intro')}</p>
      <form method="post" action={filesUrl(event.id, `/${file.id}/delete`)}>
        <CsrfField />
        <p>
          <button type="submit" class="danger">
            {t('files_delete_confirm')}
          </button>{' '}
          <a href={filesUrl(event.id)}>{t('files_cancel')}</a>
        </p>
      </form>
    </AdminPage>
  );
}

export interface UploadLinkPageProps {
  event: EventRow;
  speaker: { id: number; name: string };
  createdAt: string | null;
  /** The full link, right after it was made (never again). */
  newLink?: string | undefined;
  notice?: Notice | undefined;
}

/** A speaker's private upload link: make, make anew (the old one stops working), turn off. */
export function UploadLinkPage(props: UploadLinkPageProps) {
  const { t, lang } = useI18n();
  const { event, speaker } = props;
  const action = uploadLinkUrl(event.id, speaker.id);
  return (
    <AdminPage title={t('files_link_title', { name: speaker.name })} current="events">
      <p>
        <a href={filesUrl(event.id)}>{t('files_title', { title: event.title })}</a>
      </p>
      <NoticeBox notice={props.notice} />
      <p>{t('files_link_intro')}</p>
      {props.newLink ? (
        <div class="success" role="status">
          <p>
            <label for="upload-link">{t('files_link_new')}</label>
          </p>
          <input type="text" id="upload-link" readonly value={props.newLink} class="upload-link" />
        </div>
      ) : props.createdAt ? (
        <p>{t('files_link_active', { date: `${formatDate(props.createdAt, event.time_zone, lang)} ${formatTime(props.createdAt, event.time_zone, lang)}` })}</p>
      ) : (
        <p>{t('files_link_none')}</p>
      )}
      <form method="post" action={action} class="inline-form">
        <CsrfField />
        <input type="hidden" name="action" value="create" />
        <button type="submit">{t(props.createdAt ? 'files_link_rotate' : 'files_link_create')}</button>
      </form>{' '}
      {props.createdAt ? (
        <form method="post" action={action} class="inline-form">
          <CsrfField />
          <input type="hidden" name="action" value="revoke" />
          <button type="submit">{t('files_link_revoke')}</button>
        </form>
      ) : null}
    </AdminPage>
  );
}
