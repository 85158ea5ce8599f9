/**
 * CSV as spreadsheets write it (RFC 4180): fields separated by ';' (Excel
 * in Finnish) or ',' (the header line decides), quoted fields with doubled
 * quotes and line breaks inside, CRLF, LF or CR, a UTF-8 byte order mark.
 * csv-parse reads it; the choice of separator is ours, since its own
 * discovery counts characters over the whole start of the file, and the
 * commas of Finnish prose would outvote the semicolons of the header.
 * Its sync API uses the global Buffer, which Workers have with Node.js
 * compatibility, on by default from compatibility date 2026-08-04.
 */
import { CsvError, type Options, parse } from 'csv-parse/sync';

/** A CSV text that cannot be read: the spreadsheet row (the header is row 1) and the broken rule. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

const OPTIONS: Options = {
  bom: true,
  // Line ends may be mixed, as in a file edited on two systems.
  record_delimiter: ['\r\n', '\n', '\r'],
  skip_empty_lines: true,
  // Rows may be shorter or longer than the header; a quote inside an unquoted field is text.
  relax_column_count: true,
  relax_quotes: true,
};

const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field starts here and its closing quote is missing',
};

/**
 * The records of a CSV text, each a list of fields; blank lines are left out.
 *
 *     parseCsv('a;b\r\n1;"x; ""y"""\r\n')   // [['a', 'b'], ['1', 'x; "y"']]
 *
 * @throws CsvSyntaxError when a quoted field is never closed
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { ...OPTIONS, delimiter: headerDelimiter(text) });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `records` counts those read before the one that broke.
    const row = (typeof error.records === 'number' ? error.records : 0) + 1;
    const rule = error.code.replace(/^CSV_/, '').toLowerCase().replaceAll('_', '-');
    throw new CsvSyntaxError(row, rule, REASONS[error.code] ?? error.message);
  }
}

/** ';' when the first line has more semicolons than commas outside quotes, else ','. */
function headerDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/** One CSV field, quoted when it must be. */
export function csvField(value: string, delimiter = ';'): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}
