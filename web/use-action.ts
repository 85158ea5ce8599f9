import { useRef, useState } from 'preact/hooks';
import { type ApiProblem, asProblem } from './api';

export interface Action<A extends unknown[]> {
  /** Whether a run is under way (for the button's "Saving…" and aria-busy). */
  busy: boolean;
  /** The arguments of the run under way, null when none: which of several buttons that share one action is busy. */
  running: A | null;
  /** Why the last run failed, the API's problem with its field errors; null after a run that succeeded and while one runs. */
  error: ApiProblem | null;
  /** Runs the action, unless a run is under way already; resolves to its failure (also in `error`; never thrown), null when there was none. */
  run: (...args: A) => Promise<ApiProblem | null>;
  /** Shows a failure of something else beside this action's own (or none, `null`), in the same place. */
  setError: (error: unknown) => void;
}

/**
 * Runs an async action that calls the API, with its busy state and its
 * failure, so that a form or a button only says what to do:
 *
 * ```tsx
 * const saving = useAction(async () => onSaved(await addPerson(input)));
 * <form onSubmit={(e) => (e.preventDefault(), saving.run())}>
 *   <ProblemBox error={saving.error} /> … <SaveButton saving={saving.busy}>…
 * ```
 *
 * `staysBusy`: an action that leaves the page when it succeeds stays busy
 * then, so that its button does not turn back before the next page shows.
 */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>, { staysBusy = false }: { staysBusy?: boolean } = {}): Action<A> {
  const [running, setRunning] = useState<A | null>(null);
  const [error, setProblem] = useState<ApiProblem | null>(null);
  // The state is not updated until the next render: a second click in between must not start a second run.
  const underWay = useRef(false);
  const latest = useRef(action);
  latest.current = action;
  const run = async (...args: A): Promise<ApiProblem | null> => {
    if (underWay.current) return null;
    underWay.current = true;
    setRunning(args);
    setProblem(null);
    try {
      await latest.current(...args);
      if (!staysBusy) finish();
      return null;
    } catch (failure) {
      const problem = asProblem(failure);
      setProblem(problem);
      finish();
      return problem;
    }
  };
  const finish = () => {
    underWay.current = false;
    setRunning(null);
  };
  return { busy: running !== null, running, error, run, setError: (failure) => setProblem(failure === null ? null : asProblem(failure)) };
}
