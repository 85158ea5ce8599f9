import { describe, expect, it } from 'vitest';
import { searchStem, searchTerms } from '../../worker/domain/search';

describe('search terms', () => {
  it('cut a Finnish word to the part its inflected forms share', () => {
    // Every form of a word gives a stem that the other forms contain.
    const families = [
      ['mielenterveys', 'mielenterveyden', 'mielenterveyttä'],
      ['kertomus', 'kertomuksen', 'kertomukset'],
      ['työpaja', 'työpajassa', 'työpajat', 'työpajoissa'],
      ['kansainvälinen', 'kansainvälisen'],
      ['seminaari', 'seminaarin', 'seminaareissa'],
    ];
    for (const family of families) {
      for (const word of family) {
        for (const other of family) expect(other, `${word} → ${searchStem(word)}`).toContain(searchStem(word));
      }
    }
  });

  it('leave short words whole, so that a stem does not match unrelated words', () => {
    expect(searchStem('kunta')).toBe('kunta');
    expect(searchStem('Oulu')).toBe('oulu');
    expect(searchStem('event')).toBe('event');
  });

  it('take two-letter words as a word start, leave one-letter words out and let no FTS5 syntax through', () => {
    expect(searchTerms('Ii a')).toEqual([' ii']);
    expect(searchTerms('kulttuuri* ^" OR NEAR( "x"')).toEqual(['kulttuur', ' or', 'near']);
    expect(searchTerms('a')).toEqual([]);
    expect(searchTerms(Array.from({ length: 12 }, (_, i) => `sana${i}`).join(' '))).toHaveLength(10);
    for (const term of searchTerms('"; DROP TABLE events; -- col:tit* AND (x)')) expect(term).toMatch(/^ ?[\p{L}\p{N}]+$/u);
  });
});
