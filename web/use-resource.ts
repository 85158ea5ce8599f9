import { useCallback, useEffect, useState } from 'preact/hooks';

export type Resource<T> = { state: 'loading' } | { state: 'failed'; error: unknown; retry: () => void } | { state: 'ready'; value: T };

/** Loads data when `key` changes; aborts the previous load; a failed load can be retried. */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [attempt, setAttempt] = useState(0);
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    const controller = new AbortController();
    setResource({ state: 'loading' });
    load(controller.signal).then(
      (value) => controller.signal.aborted || setResource({ state: 'ready', value }),
      (error) => controller.signal.aborted || setResource({ state: 'failed', error, retry }),
    );
    return () => controller.abort();
  }, [key, attempt]);
  return resource;
}
