import { maskIdNumber, maskPhone, type PiiKeys } from '../../platform/crypto/pii';
import type { TextEncoding } from '../../platform/files/store';
import { uuidv7 } from 'uuidv7';
import { BulkPii } from './bulk-crypto';
import { parseCsv } from './csv';
import { checkRow, type ColumnMap, type RowInput } from './validate';

/**
 * The CPU part of an import, one chunk at a time: decode, parse, check, normalise, encrypt and
 * blind-index, and lay the valid rows out for the staging table. Runs in worker threads for big
 * files and inline for small ones; it touches no database and no shared state.
 */

/** A piece of the file: whole CSV records as bytes, or rows already read from a sheet. */
export type ChunkTask =
  | { seq: number; kind: 'csv'; bytes: Uint8Array; encoding: TextEncoding }
  | { seq: number; kind: 'rows'; rows: string[][]; rowNos: Int32Array; numericId: Uint8Array };

export type ProcessorConfig = {
  columns: ColumnMap;
  /** Asia/Shanghai date of the import: the bound for dates and the default 入会日期 */
  today: string;
  /** 'copy': COPY text for PostgreSQL; 'arrays': column arrays for unnest (PGlite) */
  mode: 'copy' | 'arrays';
  keys: PiiKeys;
};

/** Columns of the staging table, in COPY order. */
export const STAGE_COLUMNS = [
  ['row_no', 'int'],
  ['member_id', 'uuid'],
  ['event_id', 'uuid'],
  ['name', 'text'],
  ['id_no_enc', 'text'],
  ['id_no_hash', 'text'],
  ['id_no_masked', 'text'],
  ['phone_enc', 'text'],
  ['phone_hash', 'text'],
  ['phone_masked', 'text'],
  ['gender', 'text'],
  ['birth_date', 'date'],
  ['ethnicity', 'text'],
  ['education', 'text'],
  ['political_status', 'text'],
  ['employer', 'text'],
  ['occupation', 'text'],
  ['industry', 'text'],
  ['employment_form', 'text'],
  ['address_enc', 'text'],
  ['joined_at', 'date'],
] as const;

export type StageArrays = Array<Array<string | number | null>>;

export type ChunkError = { r: number; reasons: string[]; badCols: number[]; cellsEnc: string };

export type ChunkResult = {
  seq: number;
  /** records in the chunk, blank lines included (CSV row numbers count them) */
  records: number;
  /** per data row: its record index in the chunk (blank records are not data rows) */
  rowRef: Int32Array;
  /** per data row: dedupe key of its 身份证号, 0 when the number is not valid */
  keys: Float64Array;
  /** per data row: 1 when valid (staged), 0 when it has errors */
  valid: Uint8Array;
  /** COPY text (mode 'copy') of the valid rows; the first field is the data row index */
  copy: Uint8Array | null;
  /** column arrays (mode 'arrays') of the valid rows, in STAGE_COLUMNS order */
  arrays: StageArrays | null;
  errors: ChunkError[];
};

const COPY_SPECIAL = /[\\\t\n\r]/;
function copyText(v: string | null): string {
  if (v === null) return '\\N';
  if (!COPY_SPECIAL.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

export class ChunkProcessor {
  private readonly pii: BulkPii;
  /** file column index of each field, for marking bad cells */
  private readonly colOf = new Map<string, number>();

  constructor(private readonly cfg: ProcessorConfig) {
    this.pii = new BulkPii(cfg.keys);
    cfg.columns.forEach((f, i) => {
      if (f) this.colOf.set(f, i);
    });
  }

  /** The records of a task, decoded and parsed (also used to fetch cells for the error report). */
  static records(task: ChunkTask): string[][] {
    if (task.kind === 'rows') return task.rows;
    let text = new TextDecoder(task.encoding).decode(task.bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return parseCsv(text);
  }

  process(task: ChunkTask): ChunkResult {
    const records = ChunkProcessor.records(task);
    const { columns, today, mode } = this.cfg;
    const n = records.length;
    const rowRef = new Int32Array(n);
    const keys = new Float64Array(n);
    const valid = new Uint8Array(n);
    const errors: ChunkError[] = [];
    const lines: string[] = [];
    const arrays: StageArrays | null = mode === 'arrays' ? STAGE_COLUMNS.map(() => []) : null;
    let r = 0;
    for (let i = 0; i < n; i++) {
      const cells = records[i]!;
      if (cells.length === 0 || isBlank(cells)) continue;
      const input: RowInput = {};
      for (let c = 0; c < columns.length; c++) {
        const f = columns[c];
        if (f) input[f] = cells[c] ?? '';
      }
      const check = checkRow(input, today, task.kind === 'rows' && task.numericId[i] === 1);
      rowRef[r] = i;
      keys[r] = check.key;
      if (!check.row) {
        errors.push({
          r,
          reasons: check.issues.map((x) => x.message),
          badCols: [...new Set(check.issues.map((x) => this.colOf.get(x.field)).filter((c): c is number => c !== undefined))],
          cellsEnc: this.pii.encrypt(JSON.stringify(cells)),
        });
        r++;
        continue;
      }
      valid[r] = 1;
      const v = check.row;
      const values: Array<string | number | null> = [
        r,
        uuidv7(),
        uuidv7(),
        v.name,
        this.pii.encrypt(v.idNumber),
        this.pii.blindIndex('idno', v.idNumber),
        maskIdNumber(v.idNumber),
        this.pii.encrypt(v.phone),
        this.pii.blindIndex('phone', v.phone),
        maskPhone(v.phone),
        v.gender,
        v.birthDate,
        v.ethnicity,
        v.education,
        v.politicalStatus,
        v.employer,
        v.occupation,
        v.industry,
        v.employmentForm,
        v.address ? this.pii.encrypt(v.address) : null,
        v.joinedAt ?? today,
      ];
      if (arrays) {
        for (let c = 0; c < values.length; c++) arrays[c]!.push(values[c]!);
      } else {
        let line = String(r);
        for (let c = 1; c < values.length; c++) line += '\t' + copyText(values[c] as string | null);
        lines.push(line);
      }
      r++;
    }
    return {
      seq: task.seq,
      records: n,
      rowRef: rowRef.slice(0, r),
      keys: keys.slice(0, r),
      valid: valid.slice(0, r),
      copy: arrays ? null : new TextEncoder().encode(lines.length ? lines.join('\n') + '\n' : ''),
      arrays,
      errors,
    };
  }
}
