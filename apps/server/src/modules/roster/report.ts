import { ROSTER_CONFLICTS_SHEET_NAME, ROSTER_ERRORS_SHEET_NAME, ROSTER_IMPORT_STATUS_LABELS, type RosterImportStatus } from '@gonghui/contracts';
import type ExcelJS from 'exceljs';
import type { PassThrough } from 'node:stream';
import type { Actor } from '../../platform/access/actor';
import type { AppDeps } from '../../platform/http/context';
import { rosterPolicy } from './policy';
import * as repo from './repo';
import { BAD_FILL, BOLD, HEADER_FILL, maskOrgName, runWriter, shanghaiTime, streamingWorkbook, TITLE } from './xlsx';

/**
 * The error report of an import (错误报告): the rows left out with their original cells and a
 * Chinese reason per bad cell (bad cells shaded), and on a second sheet the people who are active
 * members of another union. Users fix the first sheet and upload it again: it has the same header.
 */
export function writeErrorReport(deps: AppDeps, actor: Actor, imp: repo.ImportRow): PassThrough {
  const { wb, stream } = streamingWorkbook();
  runWriter(stream, async () => {
    const headers = (imp.headers as string[] | null) ?? [];
    const summary = `导入 ${imp.imported} 人，已在本工会 ${imp.unchanged} 人，冲突 ${imp.conflicts} 人，错误 ${imp.errors} 行（${ROSTER_IMPORT_STATUS_LABELS[imp.status as RosterImportStatus]}）`;
    const intro = (ws: ExcelJS.Worksheet, title: string) => {
      ws.addRow([title]).font = TITLE;
      ws.addRow(['文件', imp.file_name]);
      ws.addRow(['导入时间', `${shanghaiTime(new Date(imp.created_at))}（北京时间）`]);
      ws.addRow(['导入到', imp.org_name]);
      ws.addRow(['结果', summary]);
      ws.addRow([]);
    };
    const decrypt = (enc: string): string[] => JSON.parse(deps.cipher.decrypt(enc)) as string[];

    const errors = wb.addWorksheet(ROSTER_ERRORS_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 7 }] });
    errors.columns = [{ width: 8 }, ...headers.map((h) => ({ width: Math.min(30, Math.max(10, h.length * 2 + 4)) })), { width: 60 }];
    intro(errors, '会员名册导入错误报告');
    const head = errors.addRow(['行号', ...headers, '错误原因']);
    head.font = BOLD;
    head.eachCell((c) => (c.fill = HEADER_FILL));
    head.commit();
    for (let after = 0; ; ) {
      const rows = await repo.listIssues(deps.database.db, imp.id, 'error', after, 2000);
      if (rows.length === 0) break;
      for (const r of rows) {
        const cells = decrypt(r.cells_enc);
        const row = errors.addRow([r.row_no, ...headers.map((_, i) => cells[i] ?? ''), r.reasons.join('；')]);
        for (const c of r.bad_cols) if (c >= 0) row.getCell(c + 2).fill = BAD_FILL;
        row.commit();
      }
      after = rows[rows.length - 1]!.row_no;
    }
    errors.commit();

    const conflicts = wb.addWorksheet(ROSTER_CONFLICTS_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 7 }] });
    conflicts.columns = [{ width: 8 }, ...headers.map(() => ({ width: 14 })), { width: 28 }, { width: 50 }];
    intro(conflicts, '已是其他工会在籍会员（未导入）');
    const chead = conflicts.addRow(['行号', ...headers, '现所在工会', '说明']);
    chead.font = BOLD;
    chead.eachCell((c) => (c.fill = HEADER_FILL));
    chead.commit();
    for (let after = 0; ; ) {
      const rows = await repo.listIssues(deps.database.db, imp.id, 'conflict', after, 2000);
      if (rows.length === 0) break;
      for (const r of rows) {
        const cells = decrypt(r.cells_enc);
        const org = r.other_org_name && r.other_org_path
          ? rosterPolicy.seeOrgName(actor, { path: r.other_org_path }) ? r.other_org_name : maskOrgName(r.other_org_name)
          : '';
        conflicts.addRow([r.row_no, ...headers.map((_, i) => cells[i] ?? ''), org, r.reasons.join('；')]).commit();
      }
      after = rows[rows.length - 1]!.row_no;
    }
    conflicts.commit();
    await wb.commit();
  });
  return stream;
}
