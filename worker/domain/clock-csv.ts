/**
 * Annual-clock items from a spreadsheet (the CSV a vuosikello is often kept
 * in): the columns, the template, and rows turned into item inputs. Row
 * numbers count as a person does in the spreadsheet: the header is row 1.
 */
import { CsvSyntaxError, csvField, parseCsv } from './csv';
import type { FieldIssue } from './errors';

/** The columns, in template order; only ring, title, startMonth and endMonth are required. */
export const CLOCK_CSV_COLUMNS = ['ring', 'title', 'titleSv', 'titleEn', 'description', 'startMonth', 'startDay', 'endMonth', 'endDay', 'repeat', 'onceYear', 'category', 'colour', 'responsibleOrganisation', 'source'] as const;
type Column = (typeof CLOCK_CSV_COLUMNS)[number];

/** At most this many items per file. */
export const MAX_CSV_ROWS = 300;

/** The template: a header and two example rows, with a byte order mark so that Excel reads ä and ö right. */
export function clockCsvTemplate(ring: string): string {
  const rows = [
    [...CLOCK_CSV_COLUMNS],
    [ring, 'Talousarvion valmistelu', 'Beredning av budgeten', '', 'Hyvinvointialueen talousarvion valmistelu ja lausunnot', '8', '15', '11', '30', 'yearly', '', '', '', '', 'Hallintosääntö 5 §'],
    [ring, 'Hyvinvointikertomus', '', 'Wellbeing report', 'Laaja hyvinvointikertomus valtuustolle', '3', '', '5', '', 'once', '2027', '', '#00508c', '', ''],
  ];
  return `\uFEFF${rows.map((row) => row.map((value) => csvField(value)).join(';')).join('\r\n')}\r\n`;
}

/** The item input of one row (as ClockItemWrite expects) or the issues of the file's shape. */
export interface CsvRows {
  /** Per data row: its index as `rows[i]` (the header is rows[0]) and the input. */
  rows: { index: number; input: Record<string, unknown> }[];
  issues: FieldIssue[];
}

const cell = (record: string[], columns: Map<Column, number>, column: Column): string => (columns.has(column) ? (record[columns.get(column)!] ?? '').trim() : '');

/** A number when the text is digits; the text itself otherwise, so that validation names it. */
function numberOrText(text: string): number | string | null {
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The rows of a spreadsheet's CSV, or what is wrong with its shape: a quote never closed, the header, the number of rows. */
export function readClockCsv(text: string): CsvRows {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { rows: [], issues: [{ field: `rows[${error.row - 1}]`, rule: error.rule, message: `row ${error.row}: ${error.message}` }] };
  }
  const header = records[0]?.map((name) => name.trim());
  if (!header || header.length === 0) return { rows: [], issues: [{ field: 'rows', rule: 'header', message: 'row 1: the file must start with a header row naming the columns' }] };
  const issues: FieldIssue[] = [];
  const columns = new Map<Column, number>();
  header.forEach((name, i) => {
    const column = CLOCK_CSV_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (column) columns.set(column, i);
    else if (name !== '') issues.push({ field: `rows[0][${i}]`, rule: 'column', message: `row 1: unknown column '${name}'; the columns are ${CLOCK_CSV_COLUMNS.join(', ')}` });
  });
  for (const required of ['ring', 'title', 'startMonth', 'endMonth'] as const) {
    if (!columns.has(required)) issues.push({ field: 'rows[0]', rule: 'column', message: `row 1: the column '${required}' is missing` });
  }
  if (records.length < 2) issues.push({ field: 'rows', rule: 'min-rows', message: 'the file has no rows after the header' });
  if (records.length - 1 > MAX_CSV_ROWS) issues.push({ field: 'rows', rule: 'max-rows', message: `the file may have at most ${MAX_CSV_ROWS} rows after the header` });
  if (issues.length > 0) return { rows: [], issues };
  const rows = records.slice(1).map((record, i) => {
    const get = (column: Column) => cell(record, columns, column);
    const startMonth = numberOrText(get('startMonth'));
    const endMonth = numberOrText(get('endMonth'));
    const input: Record<string, unknown> = {
      ring: get('ring'),
      kind: 'annual',
      title: { fi: get('title'), sv: get('titleSv') || null, en: get('titleEn') || null },
      description: { fi: get('description') || null },
      span: { startMonth, startDay: numberOrText(get('startDay')), endMonth, endDay: numberOrText(get('endDay')) },
      ...(get('repeat') ? { repeat: get('repeat') } : {}),
      onceYear: numberOrText(get('onceYear')),
      ...(get('category') ? { category: get('category') } : {}),
      ...(get('colour') ? { colour: get('colour').toLowerCase() } : {}),
      responsibleOrganisation: get('responsibleOrganisation') || null,
      source: get('source') || null,
    };
    return { index: i + 1, input };
  });
  return { rows, issues: [] };
}

const FIELD_TO_COLUMN: Record<string, Column> = {
  'title.fi': 'title',
  'title.sv': 'titleSv',
  'title.en': 'titleEn',
  'description.fi': 'description',
  'span.startMonth': 'startMonth',
  'span.startDay': 'startDay',
  'span.endMonth': 'endMonth',
  'span.endDay': 'endDay',
};

/** An item's issue as a row's: `rows[3].startMonth`, "row 4: `startMonth` must be 1–12". */
export function rowIssue(index: number, issue: FieldIssue): FieldIssue {
  const column = FIELD_TO_COLUMN[issue.field] ?? (issue.field.startsWith('span') ? 'startMonth' : issue.field);
  const message = issue.message.replace(/`[^`]+`/, `\`${column}\``);
  return { field: `rows[${index}].${column}`, rule: issue.rule, message: `row ${index + 1}: ${message.startsWith('`') ? message : `\`${column}\` ${message}`}` };
}
