/** One ordered list gives a write its column names, placeholders and bound values. */
import { describe, expect, it } from 'vitest';
import { idOfSlug, numberedColumns } from '../../worker/db/columns';

interface Row {
  name: string;
  type: string;
  id: number;
}

describe('numbered columns', () => {
  const write = numberedColumns<Row>([
    { column: 'name', value: (r) => r.name },
    { column: 'type_id', value: (r) => r.type, sql: idOfSlug('types') },
    { column: 'label', value: (r) => `${r.name}!`, sql: (own, at) => `coalesce(${own}, ${at('name')})` },
    { parameter: 'id', value: (r) => r.id },
  ]);

  it('number the placeholders in the list order and bind the values in that order', () => {
    expect(write.names).toBe('name, type_id, label');
    expect(write.values).toBe('?1, (SELECT id FROM types WHERE slug = ?2), coalesce(?3, ?1)');
    expect(write.assignments).toBe('name = ?1, type_id = (SELECT id FROM types WHERE slug = ?2), label = coalesce(?3, ?1)');
    expect(write.at('id')).toBe('?4');
    expect(write.count).toBe(4);
    expect(write.bind({ name: 'a', type: 'b', id: 7 })).toEqual(['a', 'b', 'a!', 7]);
  });

  it('refuse a name given twice or a placeholder of a name not in the list', () => {
    expect(() => write.at('nme')).toThrow('no parameter nme');
    expect(() => numberedColumns<Row>([{ column: 'name', value: (r) => r.name }, { parameter: 'name', value: (r) => r.id }])).toThrow('name is named twice');
  });
});
