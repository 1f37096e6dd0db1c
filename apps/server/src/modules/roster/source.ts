import { open } from 'node:fs/promises';
import { ROSTER_COLUMNS, ROSTER_MAX_ROWS } from '@gonghui/contracts';
import ExcelJS from 'exceljs';
import type { FileStore, TextEncoding } from '../../platform/files/store';
import { countNewlines, findRecordBoundary, parseCsv } from './csv';
import type { ChunkTask } from './processor';
import { mapHeader, type ColumnMap } from './validate';

/**
 * Reading an uploaded roster: find the header row, then hand out chunks of whole records.
 * CSV is cut into byte chunks at record boundaries (parsed in the workers); .xlsx is streamed with
 * exceljs and handed out as rows.
 */

/** A problem with the file as a whole: the import fails with this message and writes nothing more. */
export class RosterFileError extends Error {}

export type RosterSource = {
  header: string[];
  columns: ColumnMap;
  /** records up to and including the header (CSV row numbers of data rows follow them) */
  headerRecords: number;
  /** data rows, estimated from the line count (CSV); null when unknown (xlsx) */
  totalEstimate: number | null;
  tasks: AsyncGenerator<ChunkTask>;
  /** share of the file read so far, 0–1 */
  fraction(): number;
  close(): Promise<void>;
};

const HEADER_SEARCH_ROWS = 10;

function headerOrFail(rows: string[][]): { index: number; columns: ColumnMap } {
  for (let i = 0; i < rows.length && i < HEADER_SEARCH_ROWS; i++) {
    const mapped = mapHeader(rows[i]!);
    if (!mapped) continue;
    if (mapped.missing.length > 0) throw new RosterFileError(`缺少必填列：${mapped.missing.join('、')}。请使用标准模板（可在本页下载）`);
    return { index: i, columns: mapped.map };
  }
  const names = ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.header).join('、');
  throw new RosterFileError(`未找到表头：文件前 ${HEADER_SEARCH_ROWS} 行中没有「${names}」等列名，请使用标准模板`);
}

// ---- CSV -------------------------------------------------------------------------------------

export async function openCsvSource(store: FileStore, key: string, encoding: TextEncoding, chunkBytes: number): Promise<RosterSource> {
  const path = store.path(key);
  const size = await store.size(key);
  const fh = await open(path, 'r');
  let head: Buffer;
  try {
    const len = Math.min(size, 256 * 1024);
    head = Buffer.alloc(len);
    await fh.read(head, 0, len, 0);
  } finally {
    await fh.close();
  }
  const bom = encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;

  // the first records, each with the byte offset where it ends
  const ends: number[] = [];
  let pos = bom;
  let inQuote = false;
  while (ends.length < HEADER_SEARCH_ROWS && pos < head.length) {
    const nl = head.indexOf(10, pos);
    const stop = nl === -1 ? head.length : nl;
    for (let i = pos; i < stop; i++) if (head[i] === 34) inQuote = !inQuote;
    if (nl === -1) {
      if (head.length === size) ends.push(size); // last record without a newline
      break;
    }
    pos = nl + 1;
    if (!inQuote) ends.push(pos);
  }
  const decoder = new TextDecoder(encoding);
  const firstRecords = ends.map((end, i) => parseCsv(decoder.decode(head.subarray(i === 0 ? bom : ends[i - 1]!, end)))[0] ?? []);
  const { index, columns } = headerOrFail(firstRecords);
  const dataStart = ends[index]!;

  // rows for the progress bar (and the size limit) from the line count: one fast pass over the bytes
  let lines = 0;
  let endsWithNewline = true;
  for await (const chunk of store.open(key, { start: dataStart, highWaterMark: 4 * 1024 * 1024 }) as AsyncIterable<Buffer>) {
    lines += countNewlines(chunk);
    endsWithNewline = chunk[chunk.length - 1] === 10;
  }
  const totalEstimate = lines + (endsWithNewline || size === dataStart ? 0 : 1);
  if (totalEstimate > ROSTER_MAX_ROWS) {
    throw new RosterFileError(`文件约有 ${totalEstimate.toLocaleString('en')} 行数据，超过单个文件 ${ROSTER_MAX_ROWS.toLocaleString('en')} 行的上限，请拆分后分别导入`);
  }

  let read = dataStart;
  const stream = store.open(key, { start: dataStart, highWaterMark: chunkBytes });
  async function* tasks(): AsyncGenerator<ChunkTask> {
    let seq = 0;
    let pending: Buffer = Buffer.alloc(0);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const { cut } = findRecordBoundary(pending, false);
      if (cut <= 0) {
        if (pending.length > 64 * 1024 * 1024) throw new RosterFileError('文件格式有误：有未闭合的双引号，无法分行');
        continue;
      }
      // a fresh, exact-size copy: it travels to a worker thread
      yield { seq: seq++, kind: 'csv', bytes: new Uint8Array(pending.subarray(0, cut)), encoding };
      pending = Buffer.from(pending.subarray(cut));
    }
    if (pending.length > 0) yield { seq: seq++, kind: 'csv', bytes: new Uint8Array(pending), encoding };
  }
  return {
    header: firstRecords[index]!,
    columns,
    headerRecords: index + 1,
    totalEstimate,
    tasks: tasks(),
    fraction: () => (size === 0 ? 1 : read / size),
    close: async () => {
      stream.destroy();
    },
  };
}

// ---- xlsx ------------------------------------------------------------------------------------

type CellValue = ExcelJS.CellValue;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result ?? null);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Excel's date serial (days since 1899-12-30) → YYYY-MM-DD: what a date cell holds without its style. */
function serialDate(n: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86_400_000).toISOString().slice(0, 10);
}

function rowCells(values: CellValue[] | { [key: string]: CellValue }): CellValue[] {
  // exceljs rows are 1-based arrays
  return Array.isArray(values) ? values.slice(1) : [];
}

export async function openXlsxSource(store: FileStore, key: string, rowsPerTask: number): Promise<RosterSource> {
  const size = await store.size(key);
  let read = 0;
  const stream = store.open(key, { highWaterMark: 1024 * 1024 });
  stream.on('data', (c: Buffer | string) => {
    read += c.length;
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });

  // rows of every sheet in order; the header decides which sheet is the roster
  async function* sheetRows(): AsyncGenerator<{ sheet: number; no: number; values: CellValue[] }> {
    let sheet = 0;
    for await (const ws of reader) {
      sheet++;
      for await (const row of ws) yield { sheet, no: row.number, values: rowCells(row.values) };
    }
  }
  const it = sheetRows();
  let found: { sheet: number; no: number; header: string[]; columns: ColumnMap } | null = null;
  let candidates: Array<{ sheet: number; no: number; cells: string[] }> = [];
  try {
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const r = next.value;
      if (candidates.length > 0 && candidates[0]!.sheet !== r.sheet) candidates = [];
      if (candidates.length >= HEADER_SEARCH_ROWS) continue; // past this sheet's header zone
      const cells = r.values.map(cellText);
      candidates.push({ sheet: r.sheet, no: r.no, cells });
      const mapped = mapHeader(cells);
      if (mapped) {
        const { columns } = headerOrFail([cells]);
        found = { sheet: r.sheet, no: r.no, header: cells, columns };
        break;
      }
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof RosterFileError) throw err;
    throw new RosterFileError('无法读取该 Excel 文件，请确认是 .xlsx 格式（不支持旧版 .xls）且未加密');
  }
  if (!found) {
    stream.destroy();
    headerOrFail([]);
  }
  const { sheet, columns } = found!;
  const idCol = columns.indexOf('idNumber');
  const joinCol = columns.indexOf('joinedAt');

  async function* tasks(): AsyncGenerator<ChunkTask> {
    let seq = 0;
    let rows: string[][] = [];
    let rowNos: number[] = [];
    let numeric: number[] = [];
    let count = 0;
    const flush = (): ChunkTask => {
      const t: ChunkTask = { seq: seq++, kind: 'rows', rows, rowNos: Int32Array.from(rowNos), numericId: Uint8Array.from(numeric) };
      rows = [];
      rowNos = [];
      numeric = [];
      return t;
    };
    try {
      for (;;) {
        const next = await it.next();
        if (next.done || next.value.sheet !== sheet) break;
        const { no, values } = next.value;
        const idValue = values[idCol];
        const joinValue = joinCol >= 0 ? values[joinCol] : undefined;
        const cells = values.map(cellText);
        if (typeof joinValue === 'number' && joinValue > 0 && joinValue < 2_958_466) cells[joinCol] = serialDate(joinValue);
        if (cells.every((c) => c.trim() === '')) continue;
        if (++count > ROSTER_MAX_ROWS) throw new RosterFileError(`文件超过单个文件 ${ROSTER_MAX_ROWS.toLocaleString('en')} 行的上限，请拆分后分别导入（此前的行已导入）`);
        rows.push(cells);
        rowNos.push(no);
        numeric.push(typeof idValue === 'number' && idValue >= 1e14 ? 1 : 0);
        if (rows.length >= rowsPerTask) yield flush();
      }
    } catch (err) {
      if (err instanceof RosterFileError) throw err;
      throw new RosterFileError('读取 Excel 文件时出错，文件可能已损坏');
    }
    if (rows.length > 0) yield flush();
  }
  return {
    header: found!.header,
    columns,
    headerRecords: 0,
    totalEstimate: null,
    tasks: tasks(),
    fraction: () => (size === 0 ? 1 : Math.min(1, read / size)),
    close: async () => {
      stream.destroy();
      await it.return(undefined);
    },
  };
}
