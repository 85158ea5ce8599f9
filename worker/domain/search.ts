/**
 * What a search text looks for. The index is of trigrams (migration 0017),
 * so a term matches anywhere inside a word: compounds are found as they
 * are ("kertomus" in "hyvinvointikertomus"), and inflected forms through a
 * cautious cut of the word's Finnish ending ("mielenterveys" is looked for
 * as "mielenterve", which "mielenterveyden" holds too).
 */

const VOWELS = 'aeiouyäöå';

/** Case endings, longest first; cut only where at least four letters stay. */
const CASE_ENDINGS = ['itten', 'iden', 'issa', 'issä', 'ista', 'istä', 'illa', 'illä', 'ilta', 'iltä', 'ille', 'tten', 'tta', 'ttä', 'ssa', 'ssä', 'sta', 'stä', 'lla', 'llä', 'lta', 'ltä', 'lle', 'ksi', 'den', 'jen'];

/**
 * The part of a word that its inflected forms share, as far as a short list
 * of Finnish endings can tell: a case ending goes ("työpajassa" → "työpaja"),
 * then the -nen or -s of the base form ("kansainvälinen" → "kansainväli",
 * "kertomus" → "kertomu") or else a last vowel ("työpaja" → "työpaj"). A cut
 * never leaves fewer than five letters (four for a case ending), so short
 * words stay whole: "kunta" does not become "kunt" and find "kuntoutus".
 *
 * @example searchStem('mielenterveys') // 'mielenterve'
 */
export function searchStem(word: string): string {
  let stem = word.toLowerCase();
  const isVowel = (at: number) => VOWELS.includes(stem[at] ?? '');
  const ending = CASE_ENDINGS.find((end) => stem.endsWith(end) && stem.length - end.length >= 4);
  if (ending) stem = stem.slice(0, -ending.length);
  // A genitive -n or plural -t after a vowel ("seminaarin", "työpajat").
  else if (/[nt]$/.test(stem) && !stem.endsWith('nen') && isVowel(stem.length - 2) && stem.length - 1 >= 4) stem = stem.slice(0, -1);
  if (stem.endsWith('nen') && stem.length - 3 >= 5) stem = stem.slice(0, -3);
  else if (stem.endsWith('s') && isVowel(stem.length - 2) && stem.length - 1 >= 5) stem = stem.slice(0, -1);
  // "-kse" of "kertomuksen", "-se" of "kansainvälisen" once the -n went: the base form has -s or -nen.
  else if (/[aeiouyäö]k?se$/.test(stem) && stem.length - 3 >= 5) stem = stem.replace(/k?se$/, '');
  // A last vowel varies with the case ("työpaja", "työpajoissa"); a stem just cut ends where the forms part.
  else if (isVowel(stem.length - 1) && stem.length - 1 >= 5) stem = stem.slice(0, -1);
  return stem;
}

/**
 * The terms of a search text, at most ten: each word's stem, and a word of
 * two letters as the start of a word (" ii" finds "Ii" but not
 * "hyvinvointiin"; the index's texts begin with a space). A word of one
 * letter says next to nothing and is left out. Terms hold only letters,
 * digits and that space.
 */
export function searchTerms(text: string | undefined): string[] {
  const words = (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .filter((word) => word.length >= 2)
    .slice(0, 10)
    .map((word) => (word.length === 2 ? ` ${word}` : searchStem(word)));
}
