/**
 * Answers remembered per isolate for the last `size` keys, the oldest
 * forgotten first: for work that a request or its neighbours ask for
 * again with the same key. An answer is shared; it is not to be changed.
 */
export function rememberLast<V>(size: number): (key: string, make: () => V) => V {
  const answers = new Map<string, V>();
  return (key, make) => {
    if (answers.has(key)) return answers.get(key)!;
    const answer = make();
    answers.set(key, answer);
    if (answers.size > size) answers.delete(answers.keys().next().value!);
    return answer;
  };
}
