/**
 * Every rule code the worker can put in `errors[].rule` has a text in
 * Finnish, Swedish and English (web/i18n/rules.ts): the codes are read from
 * the worker's sources (`rule: '…'`, `issue(field, '…', …)`, `refuse('…', …)`)
 * and zod's own issue codes, so a new rule without texts fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FALLBACK, RULE_TEXTS, ZOD_RULES, ruleText } from '../../web/i18n/rules';

const WORKER = new URL('../../worker/', import.meta.url).pathname;
const sources = (readdirSync(WORKER, { recursive: true }) as string[]).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(join(WORKER, name), 'utf8'));
const PATTERNS = [/\brule: '([a-z][a-z-]*)'/g, /\bissue\([^,()]+,\s*'([a-z][a-z-]*)'/g, /\brefuse\('([a-z][a-z-]*)'/g];
const emitted = [...new Set(sources.flatMap((text) => PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!))))].sort();

describe('rule codes of the server in the UI', () => {
  it('finds the rules of the worker, the ones of issue 19 among them', () => {
    expect(emitted.length).toBeGreaterThan(30);
    expect(emitted).toEqual(expect.arrayContaining(['line-separator', 'nonexistent-time', 'in-month', 'after-start', 'time-zone', 'unknown-field', 'range']));
  });

  for (const language of ['fi', 'sv', 'en'] as const) {
    it(`has a text in ${language} for every rule the worker or zod can send, each naming its field or values`, () => {
      const missing = [...emitted, ...ZOD_RULES].filter((rule) => !Object.hasOwn(RULE_TEXTS[language], rule));
      expect(missing).toEqual([]);
      for (const [rule, text] of Object.entries(RULE_TEXTS[language])) expect(text, rule).toMatch(/\S+[.!]$/);
    });
  }

  it('fills in the values the message needs, names the field in the page language, and falls back to a sentence naming the field', () => {
    expect(ruleText({ field: 'span.endDay', rule: 'in-month', values: { day: 30, month: 2 } }, 'fi')).toBe('Päivää 30 ei ole kuukaudessa 2.');
    expect(ruleText({ field: 'title.fi', rule: 'line-separator' }, 'sv', { title: 'Rubrik' })).toMatch(/^”Rubrik” innehåller en radavgränsare/);
    expect(ruleText({ field: 'start', rule: 'nonexistent-time', values: { time: '03:30', zone: 'Europe/Helsinki', from: '03:00', to: '04:00' } }, 'fi', { start: 'Alku' })).toBe(
      'Kellonaikaa 03:30 ei ole sinä yönä aikavyöhykkeellä Europe/Helsinki: kellot siirtyvät klo 03:00 → 04:00. Aloita klo 04:00 tai myöhemmin, tai päätä myöhemmin.',
    );
    expect(ruleText({ field: 'title.fi', rule: 'too-big', values: { max: 200 } }, 'en', { title: 'Title' })).toBe('“Title” is too long or too large: at most 200.');
    expect(ruleText({ field: 'materials[2].url', rule: 'a-rule-of-tomorrow' }, 'fi')).toBe(FALLBACK.fi.replace('{field}', 'materials.2.url'));
    // Values an older server did not send: the rule said without them, naming the field.
    expect(ruleText({ field: 'span.endDay', rule: 'in-month' }, 'sv', { span: 'Tidsperiod' })).toBe('”Tidsperiod” godkänns inte av servern.');
  });
});
