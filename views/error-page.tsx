import { useI18n } from './context';

export function ErrorPage({ status, message }: { status: number; message: string }) {
  const { t } = useI18n();
  return (
    <section class="error-page">
      <h1>{status === 404 ? t('error_not_found_title') : t('error_title')}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">{t('back_to_events')}</a>
      </p>
    </section>
  );
}
