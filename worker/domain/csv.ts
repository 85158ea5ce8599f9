/**
 * CSV as spreadsheets write it (RFC 4180): fields separated by ';' (Excel
 * in Finnish) or ',' (the header line decides), quoted fields with doubled
 * quotes and line breaks inside, CRLF or LF, a UTF-8 byte order mark.
 */

/** The records of a CSV text, each a list of fields; blank lines are left out. */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(input);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    field = '';
  };
  while (i < input.length) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += char;
      i++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\r' && input[i + 1] === '\n') {
      endRecord();
      i++;
    } else if (char === '\n' || char === '\r') endRecord();
    else field += char;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** ';' when the first line has more semicolons than commas outside quotes, else ','. */
function detectDelimiter(text: string): ';' | ',' {
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
