import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/** Streaming .xlsx output shared by the error report and the export: rows go out as they are written. */
export function streamingWorkbook(): { wb: ExcelJS.stream.xlsx.WorkbookWriter; stream: PassThrough } {
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Gonghui 智慧工会';
  return { wb, stream };
}

/** Fill `stream` by `write`; a failure half-way ends the download with an error instead of a truncated file. */
export function runWriter(stream: PassThrough, write: () => Promise<void>): void {
  write().catch((err: unknown) => stream.destroy(err instanceof Error ? err : new Error(String(err))));
}

/** 2026-03-01 14:05:09 in China time (the time a cadre reads on the sheet). */
export function shanghaiTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** A union's name outside the reader's scope: 乙物流有限公司工会 → 乙物*****工会. */
export function maskOrgName(name: string): string {
  const chars = [...name];
  if (chars.length <= 4) return `${chars[0] ?? ''}${'*'.repeat(Math.max(0, chars.length - 1))}`;
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
}

export const BOLD: Partial<ExcelJS.Font> = { bold: true };
export const TITLE: Partial<ExcelJS.Font> = { bold: true, size: 14 };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
export const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
