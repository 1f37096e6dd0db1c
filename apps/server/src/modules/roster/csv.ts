/**
 * CSV for roster files (RFC 4180: comma, double quotes, "" inside quotes, CRLF or LF). Hand-written
 * because a generic parser costs more than everything else an import does per row: a chunk without
 * any quote character (the usual case) is split with two native string splits.
 */

/** Parse complete records. Blank lines stay as `[]` so record numbers match the file's lines. */
export function parseCsv(text: string): string[][] {
  if (text.indexOf('"') === -1) {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const out = new Array<string[]>(lines.length);
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      out[i] = line === '' ? [] : line.split(',');
    }
    return out;
  }
  return parseQuoted(text);
}

function parseQuoted(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let fieldStart = 0;
  let quoted = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += text.slice(fieldStart, i + 1);
          i += 2;
          fieldStart = i;
          continue;
        }
        field += text.slice(fieldStart, i);
        quoted = false;
        i++;
        fieldStart = i;
        continue;
      }
      i++;
      continue;
    }
    if (c === 34 && i === fieldStart && field === '') {
      quoted = true;
      i++;
      fieldStart = i;
      continue;
    }
    if (c === 44) {
      row.push(field + text.slice(fieldStart, i));
      field = '';
      i++;
      fieldStart = i;
      continue;
    }
    if (c === 10 || c === 13) {
      const value = field + text.slice(fieldStart, i);
      if (row.length > 0 || value !== '') row.push(value);
      out.push(row);
      row = [];
      field = '';
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      fieldStart = i;
      continue;
    }
    i++;
  }
  const last = field + text.slice(fieldStart, n);
  if (row.length > 0 || last !== '') {
    row.push(last);
    out.push(row);
  }
  return out;
}

/**
 * Where a byte chunk may be cut so that every record is whole: just after the last newline that is
 * outside quotes. `inQuote` is the quote state at the chunk's start; returns the cut (−1: no safe
 * cut yet) and the quote state at the end of the chunk. Newline and '"' bytes never occur inside a
 * multi-byte UTF-8 or GBK character, so cutting the bytes is safe in both encodings.
 */
export function findRecordBoundary(buf: Uint8Array, inQuote: boolean): { cut: number; inQuoteAtEnd: boolean } {
  if (!inQuote && buf.indexOf(34) === -1) {
    const nl = buf.lastIndexOf(10);
    return { cut: nl === -1 ? -1 : nl + 1, inQuoteAtEnd: false };
  }
  let q = inQuote;
  let cut = -1;
  let i = 0;
  for (;;) {
    const nextQuote = buf.indexOf(34, i);
    if (!q) {
      // outside quotes every newline before the next quote is a record end
      const stop = nextQuote === -1 ? buf.length : nextQuote;
      const nl = buf.subarray(i, stop).lastIndexOf(10);
      if (nl !== -1) cut = i + nl + 1;
    }
    if (nextQuote === -1) break;
    q = !q;
    i = nextQuote + 1;
  }
  return { cut, inQuoteAtEnd: q };
}

/** Count newline bytes (an upper bound of the records: quoted newlines also count). */
export function countNewlines(buf: Uint8Array): number {
  let n = 0;
  let i = buf.indexOf(10);
  while (i !== -1) {
    n++;
    i = buf.indexOf(10, i + 1);
  }
  return n;
}
