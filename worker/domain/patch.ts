/**
 * A partial edit: the fields given replace the stored ones (null clears an
 * optional one); fields left out keep their stored value.
 */
export function mergePatch<T extends object>(base: T, patch: Partial<T>): T {
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as T;
}

/** What an edit's If-Match said of the stored version: none sent, the stored one, or an older one. */
export type Precondition = 'missing' | 'current' | 'stale';
