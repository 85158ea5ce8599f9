/** Who is signed in, shared by the header and the organiser pages; asked from the server only when this browser may have a session. */
import { useEffect, useState } from 'preact/hooks';
import { type Me, getMe, signedInHint } from './api';

/** undefined: not known yet; null: nobody. */
let current: Me | null | undefined;
let request: Promise<Me | null> | null = null;
const listeners = new Set<(me: Me | null | undefined) => void>();

export function setSession(me: Me | null): void {
  current = me;
  request = null;
  for (const listener of listeners) listener(me);
}

/** Asks the server (once per page load unless `fresh`). */
export function loadSession(fresh = false): Promise<Me | null> {
  if (!fresh && current !== undefined) return Promise.resolve(current);
  if (!fresh && !signedInHint()) {
    setSession(null);
    return Promise.resolve(null);
  }
  request ??= getMe().then(
    (me) => (setSession(me), me),
    (error) => {
      request = null;
      throw error;
    },
  );
  return request;
}

/** The signed-in person: undefined while it is being found out. */
export function useSession(): Me | null | undefined {
  const [me, setMe] = useState(current);
  useEffect(() => {
    listeners.add(setMe);
    if (current === undefined) loadSession().catch(() => setSession(null));
    else setMe(current);
    return () => void listeners.delete(setMe);
  }, []);
  return me;
}
