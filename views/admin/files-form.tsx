import type { FileRow } from '../../db/schema';
import { FILE_TYPES } from '../../src/domain/file-types';
import { FILE_KINDS, type FileMetaField, VISIBILITIES } from '../../src/domain/file-meta';
import type { Lang, MessageKey } from '../../src/i18n/index';
import { useI18n } from '../context';
import { errorId, inputId } from './components';

/** A message with its parameters ("at most {mb} MB"). */
export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number> | undefined;
}

export type UploadField = FileMetaField | 'file';
export type UploadErrors = Partial<Record<UploadField | 'form', Problem>>;

export interface UploadFormState {
  values: Record<string, string>;
  errors: UploadErrors;
}

export const EMPTY_UPLOAD: UploadFormState = { values: { kind: 'presentation', visibility: 'public' }, errors: {} };

const LABELS: Record<UploadField, MessageKey> = {
  file: 'files_field_file',
  title: 'files_field_title',
  kind: 'files_field_kind',
  visibility: 'files_field_visibility',
  item_id: 'files_field_item',
  speaker_id: 'files_field_speaker',
  caption: 'files_field_caption',
  credit: 'files_field_credit',
  alt: 'files_field_alt',
};

/** "1,2 MB" in bokmål, "1.2 MB" in English. */
export function formatSize(bytes: number, lang: Lang): string {
  const nf = (n: number) => new Intl.NumberFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${nf(bytes / 1024)} kB`;
  return `${nf(bytes / 1048576)} MB`;
}

/** "PDF", "PPTX", "JPEG" … from the stored content type. */
export function formatLabel(file: Pick<FileRow, 'content_type'>): string {
  const found = Object.entries(FILE_TYPES).find(([, t]) => t.contentType === file.content_type);
  return found ? found[0].toUpperCase() : file.content_type;
}

export const megabytes = (bytes: number) => Math.floor(bytes / 1048576);

/** The errors of an upload or edit form at its top, announced and focused, each linking to its field. */
/** `prefix` as given to the form's FileInput, so that the file error links to the right input. */
export function UploadErrorSummary({ errors, prefix = '' }: { errors: UploadErrors; prefix?: string }) {
  const { t } = useI18n();
  const entries = Object.entries(errors) as [UploadField | 'form', Problem][];
  if (!entries.length) return null;
  return (
    <div class="error-summary" id="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('files_errors_heading')}</h2>
      <ul>
        {entries.map(([field, p]) =>
          field === 'form' ? (
            <li>{t(p.key, p.params)}</li>
          ) : (
            <li>
              <a href={`#${inputId(field === 'file' ? `${prefix}file` : field)}`}>
                {t(LABELS[field])}: {t(p.key, p.params)}
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

function FieldError({ field, problem }: { field: string; problem: Problem | undefined }) {
  const { t } = useI18n();
  return problem ? (
    <p class="field-error" id={errorId(field)}>
      {t(problem.key, problem.params)}
    </p>
  ) : null;
}

const described = (field: string, problem: Problem | undefined, hint?: string) =>
  [problem ? errorId(field) : undefined, hint].filter(Boolean).join(' ') || undefined;

function Text(props: { field: UploadField; state: UploadFormState; hint?: MessageKey; multiline?: boolean; maxlength: number; required?: boolean }) {
  const { t } = useI18n();
  const problem = props.state.errors[props.field];
  const hintId = props.hint ? `hint-${props.field}` : undefined;
  const attrs = {
    id: inputId(props.field),
    name: props.field,
    maxlength: props.maxlength,
    'aria-invalid': problem ? 'true' : undefined,
    'aria-describedby': described(props.field, problem, hintId),
    'aria-required': props.required ? 'true' : undefined,
  } as const;
  return (
    <div class="field">
      <label for={inputId(props.field)}>{t(LABELS[props.field])}</label>
      {props.hint ? (
        <span class="hint" id={hintId}>
          {t(props.hint)}
        </span>
      ) : null}
      <FieldError field={props.field} problem={problem} />
      {props.multiline ? <textarea {...attrs} rows={2}>{props.state.values[props.field] ?? ''}</textarea> : <input type="text" {...attrs} value={props.state.values[props.field] ?? ''} />}
    </div>
  );
}

function Select(props: { field: UploadField; state: UploadFormState; options: { value: string; label: string }[]; none?: boolean }) {
  const { t } = useI18n();
  const problem = props.state.errors[props.field];
  const current = props.state.values[props.field] ?? '';
  return (
    <div class="field">
      <label for={inputId(props.field)}>{t(LABELS[props.field])}</label>
      <FieldError field={props.field} problem={problem} />
      <select id={inputId(props.field)} name={props.field} aria-invalid={problem ? 'true' : undefined} aria-describedby={described(props.field, problem)}>
        {props.none ? <option value="">{t('files_field_none')}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface Choices {
  items: { id: number; title: string }[];
  speakers: { id: number; name: string; photo_file_id?: number | null }[];
}

/** The file's metadata fields, shared by the upload form and the edit form. */
export function FileMetaFields({ state, choices, titleOptional }: { state: UploadFormState; choices: Choices; titleOptional: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Text field="title" state={state} maxlength={200} hint={titleOptional ? 'files_field_title_hint' : undefined} required={!titleOptional} />
      <Select field="kind" state={state} options={FILE_KINDS.map((k) => ({ value: k, label: t(`files_kind_${k}`) }))} />
      <Select field="visibility" state={state} options={VISIBILITIES.map((v) => ({ value: v, label: t(`files_visibility_${v}`) }))} />
      <Select field="item_id" state={state} none options={choices.items.map((i) => ({ value: String(i.id), label: i.title }))} />
      <Select field="speaker_id" state={state} none options={choices.speakers.map((s) => ({ value: String(s.id), label: s.name }))} />
      <Text field="alt" state={state} maxlength={1000} hint="files_field_alt_hint" multiline />
      <Text field="caption" state={state} maxlength={1000} multiline />
      <Text field="credit" state={state} maxlength={200} />
    </>
  );
}

/**
 * The file input, last in its form (so the fields before it arrive first), with the progress bar that
 * /assets/upload.js fills in as the bytes go; without JavaScript the bar stays hidden and the form posts as usual.
 */
export function FileInput({ state, maxBytes, prefix = '' }: { state: UploadFormState; maxBytes: number; /** Keeps ids unique when a page has several upload forms. */ prefix?: string }) {
  const { t } = useI18n();
  const problem = state.errors.file;
  const mb = megabytes(maxBytes);
  const field = `${prefix}file`;
  return (
    <>
      <div class="field">
        <label for={inputId(field)}>{t('files_field_file')}</label>
        <span class="hint" id={`hint-${field}`}>
          {t('files_field_file_hint', { mb })}
        </span>
        <FieldError field={field} problem={problem} />
        <input
          type="file"
          id={inputId(field)}
          name="file"
          accept=".pdf,.pptx,.odp,.key,.docx,.png,.jpg,.jpeg,.webp"
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={described(field, problem, `hint-${field}`)}
        />
      </div>
      <div class="upload-progress" hidden>
        <label for={`${prefix}upload-progress`}>{t('files_progress_label')}</label>
        <progress id={`${prefix}upload-progress`} max={100} value={0}>
          0 %
        </progress>
      </div>
      <p class="upload-status" role="status" aria-live="polite" data-upload-status></p>
    </>
  );
}

/** Attributes that tell /assets/upload.js what to say, in the page's language. */
export function uploadScriptData(t: ReturnType<typeof useI18n>['t'], maxBytes: number) {
  const mb = megabytes(maxBytes);
  return {
    'data-upload': '',
    'data-max-bytes': String(maxBytes),
    'data-text-progress': t('files_progress', { percent: '{percent}' }),
    'data-text-done': t('files_progress_done'),
    'data-text-failed': t('files_progress_failed', { mb }),
    'data-text-too-large': t('files_err_too_large', { mb }),
  };
}
