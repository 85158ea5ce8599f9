import { useI18n } from '../../i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="status" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {t.loading}
    </p>
  );
}

export function Failed({ retry, message }: { retry?: () => void; message?: string }) {
  const { t } = useI18n();
  return (
    <div class="status status-error" role="alert">
      <p>{message ?? t.loadFailed}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: string }) {
  return <p class="status">{children}</p>;
}
