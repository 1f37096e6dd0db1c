import {
  ROSTER_COLUMNS,
  ROSTER_GUIDE_SHEET_NAME,
  ROSTER_MAX_ROWS,
  ROSTER_SHEET_NAME,
} from '@gonghui/contracts';
import ExcelJS from 'exceljs';

/**
 * The standard roster template (标准模板): sheet 会员名册 with the column headers, text format on
 * 身份证号/手机号 (so Excel keeps every digit), drop-down lists for the coded columns, and sheet
 * 填写说明 explaining each column and the import rules.
 */

const OPTIONS_SHEET = '选项';
// drop-downs on the first 10,000 rows: some readers (exceljs among them) expand a validated range
// cell by cell, and a whole-column range costs them millions of entries
const LAST_ROW = 10_001;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
const REQUIRED_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC00000' } };

let cached: Promise<Buffer> | null = null;

/** exceljs has range data validations (worksheet.dataValidations) but does not declare them */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

/** The template is the same for everyone: built once per process. */
export function rosterTemplate(): Promise<Buffer> {
  cached ??= buildTemplate().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

function colLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gonghui 智慧工会';
  wb.created = new Date(Date.UTC(2026, 0, 1));

  const ws = wb.addWorksheet(ROSTER_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.width,
    // 身份证号 and 手机号 as text: a number cell loses the last digits of an 18-digit 身份证号
    style: c.field === 'idNumber' || c.field === 'phone' ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.height = 22;
  ROSTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = c.required ? REQUIRED_FONT : { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = `${c.required ? '必填。' : '选填。'}${c.format}`;
  });

  // drop-down lists read their values from a hidden sheet (an inline list is limited to 255 characters)
  const opts = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  let optCol = 0;
  ROSTER_COLUMNS.forEach((c, i) => {
    if (!c.options) return;
    const letter = colLetter(optCol++);
    opts.getCell(`${letter}1`).value = c.label;
    c.options.forEach((v, k) => (opts.getCell(`${letter}${k + 2}`).value = v));
    const col = colLetter(i);
    validations(ws).add(`${col}2:${col}${LAST_ROW}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${c.options.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.label,
      error: `请从下拉列表中选择${c.label}`,
    });
  });

  const guide = wb.addWorksheet(ROSTER_GUIDE_SHEET_NAME);
  guide.columns = [
    { header: '列名', key: 'header', width: 24 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写格式', key: 'format', width: 60 },
    { header: '可选值', key: 'options', width: 70 },
  ];
  guide.getRow(1).font = { bold: true };
  guide.getRow(1).fill = HEADER_FILL;
  for (const c of ROSTER_COLUMNS) {
    const row = guide.addRow({ header: c.header, required: c.required ? '必填' : '选填', format: c.format, options: c.options ? c.options.join('、') : '' });
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  guide.addRow([]);
  const rules = [
    '导入规则',
    `1. 在「${ROSTER_SHEET_NAME}」工作表第 1 行保留列名，从第 2 行起每行填写一名会员；一个文件最多 ${ROSTER_MAX_ROWS.toLocaleString('en')} 行。`,
    '2. 一个文件导入到上传时选择的一个工会组织；「工作单位」只是记录会员的工作单位名称，不决定所属工会。',
    '3. 身份证号须为 18 位有效号码（校验位正确）；全角数字、空格和小写 x 会自动更正。同一文件中同一身份证号只能出现一次，重复的后一行不导入。',
    '4. 已是本工会在籍会员的人员保持不变（不会覆盖已有资料）；已是其他工会在籍会员的人员不导入，列入错误报告的「冲突」工作表，如需变更请办理会籍转移。',
    '5. 曾在其他工会但已退会、退休或转出的人员，会在本工会建立新的在籍记录，原有记录作为会籍档案保留。',
    '6. 有错误的行不导入，其余行正常导入；导入完成后可下载错误报告，改正后只上传错误报告中的行（或改正后的整个文件）即可，已导入的行不会重复导入。',
    '7. 支持 .xlsx 文件，以及 UTF-8 或 GBK 编码的 .csv 文件（Excel「另存为 CSV」即可）。',
    '示例：张三 | 11010519491231002X | 13800138000 | 汉族 | 本科 | 群众 | 某某物流有限公司 | 快递员 | 交通运输 | 新就业形态 | 某市某区某路 1 号 | 2024-03-01',
  ];
  for (const [i, text] of rules.entries()) {
    const row = guide.addRow([text]);
    guide.mergeCells(row.number, 1, row.number, 4);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) row.font = { bold: true };
    else row.height = 32;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
