import { CSRF_COOKIE, idNumberCheckChar, ROSTER_COLUMNS, ROSTER_CONFLICTS_SHEET_NAME, ROSTER_ERRORS_SHEET_NAME } from '@gonghui/contracts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';
import { runImport } from './importer';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let fx: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let provAdmin: Session;
let streetACadre: Session;
let streetAAuditor: Session;
let cadreName: string;

/** A valid 身份证号 from the test range (region 440305), unique per call. */
let idSeq = 0;
function idNo(birth = '19900101', male = true): string {
  const seq = String((++idSeq * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0');
  const first17 = `440305${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const HEADER = ROSTER_COLUMNS.map((c) => c.header);

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = `----gh${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(s: Session, orgId: string, name: string, content: Buffer) {
  const { payload, contentType } = multipart({ orgId }, { name, content });
  const cookie = Object.entries(s.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  return ctx.app.inject({ method: 'POST', url: '/api/roster/imports', payload, headers: { 'content-type': contentType, cookie, 'x-csrf-token': s.cookies[CSRF_COOKIE]! } });
}

/** Run queued jobs until none is left (the import job runs in tests without the poller). */
async function runJobs() {
  while (await ctx.deps.jobs.tick()) {
    /* next batch */
  }
}

async function download(s: Session, url: string): Promise<{ status: number; wb: ExcelJS.Workbook; headers: Record<string, unknown> }> {
  const cookie = Object.entries(s.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  const wb = new ExcelJS.Workbook();
  if (res.statusCode === 200) await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { status: res.statusCode, wb, headers: res.headers };
}

const sheetRows = (ws: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
};

async function counterSnapshot() {
  const db = ctx.deps.database.db;
  const counters = await db.selectFrom('org_counters').select(['org_id', 'members_total', 'members_direct', 'verified_total']).orderBy('org_id').execute();
  const daily = await db.selectFrom('org_daily').select(['org_id', 'day', 'joined', 'left_count']).orderBy('org_id').orderBy('day').execute();
  const events = await db.selectFrom('member_events').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const members = await db.selectFrom('members').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { counters, daily: daily.map((d) => ({ ...d, day: String(d.day) })), events: events.n, members: members.n };
}

const activeIn = async (idNumber: string) =>
  ctx.deps.database.db
    .selectFrom('members')
    .select(['org_id', 'status', 'source', 'verified', 'name', 'phone_masked', 'education', 'ethnicity', 'joined_at', 'user_id'])
    .where('id_no_hash', '=', ctx.deps.cipher.blindIndex('idno', idNumber))
    .where('status', '=', 'active')
    .execute();

let conflictPerson: string;
let leftPerson: string;

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  fx = await f.province();
  const admin = await f.user({ password: PASSWORD, roles: [{ org: fx.prov, role: 'admin' }] });
  cadreName = '甲街道干部';
  const cadre = await f.user({ name: cadreName, password: PASSWORD, roles: [{ org: fx.streetA, role: 'cadre' }] });
  const auditor = await f.user({ password: PASSWORD, roles: [{ org: fx.streetA, role: 'auditor' }] });
  provAdmin = await loginWithPassword(ctx.app, admin.phone, PASSWORD);
  streetACadre = await loginWithPassword(ctx.app, cadre.phone, PASSWORD);
  streetAAuditor = await loginWithPassword(ctx.app, auditor.phone, PASSWORD);
  // an active member of street B's enterprise (a conflict when imported into A) and one who left it
  conflictPerson = (await f.member(fx.entB, { name: '冲突人' })).idNumber;
  const left = await f.member(fx.entB, { name: '退会人' });
  leftPerson = left.idNumber;
  const res = await provAdmin.post(`/api/members/${left.id}/status`, { status: 'left', reason: '离职退会' });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => ctx.close());

describe('roster template', () => {
  it('has the Chinese headers, text-formatted 身份证号/手机号, drop-downs and the 填写说明 sheet', async () => {
    const { status, wb, headers } = await download(streetACadre, '/api/roster/template');
    expect(status).toBe(200);
    expect(headers['content-type']).toContain('spreadsheetml');
    expect(String(headers['content-disposition'])).toContain("filename*=UTF-8''");
    const ws = wb.getWorksheet('会员名册')!;
    expect(sheetRows(ws)[0]).toEqual(['姓名*', '身份证号*', '手机号*', '民族', '学历', '政治面貌', '工作单位', '职业/岗位', '行业', '就业形式', '居住地址', '入会日期 (YYYY-MM-DD)']);
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getColumn(3).numFmt).toBe('@');
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    // exceljs reads a validated range back cell by cell
    expect(dv.D2).toMatchObject({ type: 'list', formulae: ["'选项'!$A$2:$A$57"] }); // 民族: 56 options
    expect(dv.E10001).toMatchObject({ type: 'list', formulae: ["'选项'!$B$2:$B$7"] }); // 学历
    expect(dv.A2).toBeUndefined();
    const guide = sheetRows(wb.getWorksheet('填写说明')!);
    expect(guide[0]).toEqual(['列名', '是否必填', '填写格式', '可选值']);
    expect(guide[1]!.slice(0, 2)).toEqual(['姓名*', '必填']);
    expect(guide.find((r) => r[0] === '学历')![3]).toContain('硕士研究生');
    expect(guide.find((r) => r[0] === '民族')![3]).toContain('维吾尔族');
    expect(guide.some((r) => (r[0] ?? '').includes('已是其他工会在籍会员'))).toBe(true);
  });
});

describe('roster import', () => {
  const good1 = idNo('19880512');
  const good2 = idNo('19920304', false);
  const aliasPerson = idNo('19750101');
  const badChecksum = (() => {
    const x = idNo('19850606');
    return x.slice(0, 17) + (x[17] === '0' ? '1' : '0');
  })();
  const badPhonePerson = idNo('19860707');
  let csv: string;
  let importId: string;
  let before: Awaited<ReturnType<typeof counterSnapshot>>;

  it('imports the valid rows of a messy CSV and lists every bad cell with a Chinese reason', async () => {
    csv = [
      HEADER.join(','),
      // full-width digits, spaces in the name and number, +86 phone
      `王 小明,${fullWidth(good1.slice(0, 6))} ${good1.slice(6)},+86 138 0013 8001,汉族,本科,群众,甲科技有限公司,工程师,制造业,全日制,"某市某区,某路 1 号",2024-03-01`,
      // lower-case x
      `李晓红,${good2.toLowerCase()},13800138002,,,,,,,,,`,
      `赵错号,${badChecksum},13800138003,,,,,,,,,`,
      `钱错机,${badPhonePerson},12345,,,,,,,,,`,
      '',
      // the same person as row 2, written differently: the later row is the error
      `王小明,${good1},13800138004,,,,,,,,,`,
      `冲突人,${conflictPerson},13800138005,,,,,,,,,`,
      `退会人,${leftPerson},13800138006,,,,,,,,,2023-05-06`,
      // common spellings: 汉 → 汉族, 大学本科 → 本科, 党员 → 中共党员
      `孙别名,${aliasPerson},13800138007,汉,大学本科,党员,,,,全职,,2020/1/2`,
      `周政治,${idNo('19770808')},13800138008,,,无党派,,,,,,`,
      `吴日期,${idNo('19780909')},13800138009,,,,,,,,,2024-02-30`,
      `李,${idNo('19790101')},13800138010,,,,,,,,,`,
      `郑多错,110105194912310021,1380013801,,,,,,,,,`,
    ].join('\r\n') + '\r\n';
    before = await counterSnapshot();
    const res = await upload(streetACadre, fx.entA.id, '会员名册（甲科技）.csv', Buffer.from(`\ufeff${csv}`));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.deduplicated).toBe(false);
    expect(created.import).toMatchObject({ status: 'queued', fileName: '会员名册（甲科技）.csv', fileType: 'csv', orgId: fx.entA.id, percent: 0 });
    importId = created.import.id;

    await runJobs();
    const got = await streetACadre.get(`/api/roster/imports/${importId}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      status: 'done', percent: 100, totalRows: 12, processedRows: 12, imported: 4, unchanged: 0, conflicts: 1, errors: 7, failure: null, createdByName: cadreName,
    });

    // valid rows: normalised, encrypted, verified, linked to the import in their history
    const [m1] = await activeIn(good1);
    expect(m1).toMatchObject({ org_id: fx.entA.id, source: 'import', verified: true, name: '王小明', phone_masked: '138****8001', education: '本科', ethnicity: '汉族' });
    expect(String(m1!.joined_at)).toBe('2024-03-01');
    expect(await activeIn(good2)).toHaveLength(1);
    const [alias] = await activeIn(aliasPerson);
    expect(alias).toMatchObject({ education: '本科', ethnicity: '汉族' });
    expect(String(alias!.joined_at)).toBe('2020-01-02');
    // left elsewhere: a new active record here, the old one stays as history
    const left = await ctx.deps.database.db.selectFrom('members').select(['org_id', 'status']).where('id_no_hash', '=', ctx.deps.cipher.blindIndex('idno', leftPerson)).orderBy('created_at').execute();
    expect(left).toEqual([{ org_id: fx.entB.id, status: 'left' }, { org_id: fx.entA.id, status: 'active' }]);
    // the conflicting person stays where they are; invalid rows left no trace
    expect((await activeIn(conflictPerson)).map((m) => m.org_id)).toEqual([fx.entB.id]);
    expect(await activeIn(badPhonePerson)).toEqual([]);
    const events = await ctx.deps.database.db.selectFrom('member_events').select(['kind', 'note', 'actor_id']).where('kind', '=', 'imported').execute();
    expect(events).toHaveLength(4);
    expect(events[0]!.note).toContain('会员名册（甲科技）.csv');

    // one audit row for the upload, one for the run (never one per member)
    const audit = await ctx.deps.database.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', importId).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['roster.import.upload', 'roster.import']);
    expect(audit[1]!.details).toMatchObject({ imported: 4, conflicts: 1, errors: 7, rows: 12 });
    expect(JSON.stringify(audit)).not.toContain(good1.slice(6, 14));

    // the upload is removed once imported (PII is kept encrypted in the database only)
    const row = await ctx.deps.database.db.selectFrom('roster_imports').select(['file_key']).where('id', '=', importId).executeTakeFirstOrThrow();
    expect(row.file_key).toBeNull();
  });

  it('keeps the counters exact along the path, with daily joins on each 入会日期', async () => {
    const after = await counterSnapshot();
    const delta = (orgId: string) => {
      const a = after.counters.find((c) => c.org_id === orgId)!;
      const b = before.counters.find((c) => c.org_id === orgId)!;
      return { total: a.members_total - b.members_total, direct: a.members_direct - b.members_direct, verified: a.verified_total - b.verified_total };
    };
    for (const o of [fx.prov, fx.city, fx.county, fx.streetA]) expect(delta(o.id)).toEqual({ total: 4, direct: 0, verified: 4 });
    expect(delta(fx.entA.id)).toEqual({ total: 4, direct: 4, verified: 4 });
    expect(delta(fx.streetB.id).total).toBe(0);
    expect(after.events - before.events).toBe(4);
    expect(after.members - before.members).toBe(4);

    // org_daily gained exactly the imported members' 入会日期, on the org and every ancestor
    const imported = await ctx.deps.database.db.selectFrom('members').select(['joined_at']).where('source', '=', 'import').execute();
    const byDay = new Map<string, number>();
    for (const m of imported) byDay.set(String(m.joined_at), (byDay.get(String(m.joined_at)) ?? 0) + 1);
    for (const o of [fx.prov, fx.streetA, fx.entA]) {
      for (const [day, n] of byDay) {
        const a = after.daily.find((d) => d.org_id === o.id && d.day === day)?.joined ?? 0;
        const b = before.daily.find((d) => d.org_id === o.id && d.day === day)?.joined ?? 0;
        expect(a - b, `${o.name} ${day}`).toBe(n);
      }
    }
    const changedDays = after.daily.filter((d) => {
      const b = before.daily.find((x) => x.org_id === d.org_id && x.day === d.day);
      return !b || b.joined !== d.joined;
    });
    expect(changedDays).toHaveLength(byDay.size * 5); // prov, city, county, streetA, entA
  });

  it('error report: original cells, a Chinese reason per bad cell, and the conflicts sheet with a masked org', async () => {
    const { status, wb, headers } = await download(streetACadre, `/api/roster/imports/${importId}/errors`);
    expect(status).toBe(200);
    expect(decodeURIComponent(String(headers['content-disposition']))).toContain('错误报告_会员名册（甲科技）.xlsx');
    const rows = sheetRows(wb.getWorksheet(ROSTER_ERRORS_SHEET_NAME)!);
    expect(rows[1]).toEqual(['文件', '会员名册（甲科技）.csv']);
    expect(rows[2]![0]).toBe('导入时间');
    expect(rows[2]![1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）$/);
    const headIdx = rows.findIndex((r) => r[0] === '行号');
    expect(rows[headIdx]).toEqual(['行号', ...HEADER, '错误原因']);
    const body = rows.slice(headIdx + 1);
    const reasonOf = (rowNo: number) => body.find((r) => r[0] === String(rowNo))?.at(-1) ?? '';
    // file rows: 1 = header, 6 = blank
    expect(body.map((r) => Number(r[0]))).toEqual([4, 5, 7, 11, 12, 13, 14]);
    expect(reasonOf(4)).toBe('身份证号：校验位不正确，请核对');
    expect(reasonOf(5)).toBe('手机号：应为 11 位');
    expect(reasonOf(7)).toBe('身份证号：与第 2 行重复（同一文件中每人只能出现一次）');
    expect(reasonOf(11)).toContain('政治面貌：「无党派」不在可选范围内');
    expect(reasonOf(12)).toBe('入会日期：日期不存在');
    expect(reasonOf(13)).toBe('姓名：至少 2 个字');
    expect(reasonOf(14)).toBe('身份证号：校验位不正确，请核对；手机号：应为 11 位');
    // the original cells as typed
    expect(body.find((r) => r[0] === '4')!.slice(1, 4)).toEqual(['赵错号', badChecksum, '13800138003']);
    // bad cells are shaded
    const errWs = wb.getWorksheet(ROSTER_ERRORS_SHEET_NAME)!;
    const r4 = errWs.getRow(headIdx + 2);
    expect((r4.getCell(3).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe('FFFFC7CE');
    expect((r4.getCell(2).fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();

    const conflicts = sheetRows(wb.getWorksheet(ROSTER_CONFLICTS_SHEET_NAME)!);
    const cHead = conflicts.findIndex((r) => r[0] === '行号');
    expect(conflicts[cHead]!.slice(-2)).toEqual(['现所在工会', '说明']);
    const c = conflicts[cHead + 1]!;
    expect(c.slice(0, 3)).toEqual(['8', '冲突人', conflictPerson]);
    // a street A cadre does not learn street B's union by name
    expect(c.at(-2)).toBe('乙物*****工会');
    // …the province admin does
    const asAdmin = await download(provAdmin, `/api/roster/imports/${importId}/errors`);
    expect(sheetRows(asAdmin.wb.getWorksheet(ROSTER_CONFLICTS_SHEET_NAME)!).find((r) => r[0] === '8')!.at(-2)).toBe('乙物流有限公司工会');
    // downloading the report (full cells) is audited
    const audit = await ctx.deps.database.db.selectFrom('audit_log').select('action').where('target_id', '=', importId).where('action', '=', 'roster.import.report').execute();
    expect(audit).toHaveLength(2);
  });

  it('the same file again is reported, not re-run; a fixed file imports only what is new', async () => {
    const snap = await counterSnapshot();
    const again = await upload(streetACadre, fx.entA.id, '再次上传.csv', Buffer.from(`\ufeff${csv}`));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ deduplicated: true, import: { id: importId, status: 'done' } });
    await runJobs();
    expect(await counterSnapshot()).toEqual(snap);

    // rows fixed, all others unchanged: only the fixed rows are imported
    const fixed = csv
      .replace(`赵错号,${badChecksum}`, `赵错号,${idNo('19850606')}`)
      .replace('钱错机,' + badPhonePerson + ',12345', `钱错机,${badPhonePerson},13900139000`);
    const res = await upload(streetACadre, fx.entA.id, '会员名册（改正后）.csv', Buffer.from(fixed));
    expect(res.statusCode, res.body).toBe(201);
    await runJobs();
    const done = (await streetACadre.get(`/api/roster/imports/${res.json().import.id}`)).json();
    expect(done).toMatchObject({ status: 'done', imported: 2, unchanged: 4, conflicts: 1, errors: 5 });
    const after = await counterSnapshot();
    expect(after.events - snap.events).toBe(2);
    expect(after.members - snap.members).toBe(2);
    expect(after.counters.find((c) => c.org_id === fx.prov.id)!.members_total - snap.counters.find((c) => c.org_id === fx.prov.id)!.members_total).toBe(2);
  });

  it('re-running an identical import changes nothing (counts, counters, history)', async () => {
    const snap = await counterSnapshot();
    // a different file (a title line above the header), same people: every row is unchanged
    const res = await upload(streetACadre, fx.entA.id, '同一名单.csv', Buffer.from(`甲科技有限公司会员名册\n${csv}`));
    expect(res.statusCode, res.body).toBe(201);
    await runJobs();
    const done = (await streetACadre.get(`/api/roster/imports/${res.json().import.id}`)).json();
    expect(done).toMatchObject({ status: 'done', imported: 0, unchanged: 4, conflicts: 1, errors: 7 });
    expect(await counterSnapshot()).toEqual(snap);
  });

  it('imports an .xlsx written by Excel (exceljs), with a 身份证号 stored as a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('会员名册');
    ws.addRow(HEADER);
    const p1 = idNo('19950505', false);
    const p2 = idNo('19960606');
    ws.addRow(['陈表格', p1, 13900139001, '回族', '硕士研究生', '共青团员', '乙单位', '护士', '卫生', '全日制', '某路 2 号', new Date(Date.UTC(2022, 5, 1))]);
    ws.addRow(['林数字', Number(p2.slice(0, 17)) * 10, '13900139002']);
    ws.addRow([]);
    ws.addRow(['韩富文本', { richText: [{ text: p2.slice(0, 9) }, { text: p2.slice(9) }] }, '13900139003']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(streetACadre, fx.entA.id, 'roster.xlsx', buf);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().import.fileType).toBe('xlsx');
    await runJobs();
    const done = (await streetACadre.get(`/api/roster/imports/${res.json().import.id}`)).json();
    expect(done).toMatchObject({ status: 'done', processedRows: 3, imported: 2, errors: 1 });
    const [m] = await activeIn(p1);
    expect(m).toMatchObject({ ethnicity: '回族', education: '硕士研究生', phone_masked: '139****9001' });
    expect(String(m!.joined_at)).toBe('2022-06-01');
    expect(await activeIn(p2)).toHaveLength(1);
    const report = await download(streetACadre, `/api/roster/imports/${res.json().import.id}/errors`);
    const rows = sheetRows(report.wb.getWorksheet(ROSTER_ERRORS_SHEET_NAME)!);
    const bad = rows.find((r) => r[0] === '3')!;
    expect(bad.at(-1)).toContain('单元格是数字格式');
  });

  it('rejects what is not a roster: wrong type, missing required columns, no header', async () => {
    const pdf = await upload(streetACadre, fx.entA.id, 'x.csv', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe('UNSUPPORTED_FILE');
    const noOrg = await upload(streetACadre, '', 'x.csv', Buffer.from('a,b\n'));
    expect(noOrg.statusCode).toBe(400);

    const missing = await upload(streetACadre, fx.entA.id, 'missing.csv', Buffer.from(`姓名*,身份证号*\n张三,${idNo()}\n`));
    expect(missing.statusCode).toBe(201);
    await runJobs();
    const m = (await streetACadre.get(`/api/roster/imports/${missing.json().import.id}`)).json();
    expect(m).toMatchObject({ status: 'failed', imported: 0 });
    expect(m.failure).toBe('缺少必填列：手机号。请使用标准模板（可在本页下载）');

    const noHeader = await upload(streetACadre, fx.entA.id, 'noheader.csv', Buffer.from(`张三,${idNo()},13800138000\n`));
    await runJobs();
    expect((await streetACadre.get(`/api/roster/imports/${noHeader.json().import.id}`)).json().failure).toContain('未找到表头');
  });

  it('reads GBK-encoded CSV (Excel "CSV" on Chinese Windows)', async () => {
    const p = idNo('19700303');
    const text = `${HEADER.join(',')}\r\n欧阳娜娜,${p},13700137000,汉族,高中/中专,群众,某某超市,收银员,零售,非全日制,,\r\n`;
    const encoded = encodeGbk(text);
    const res = await upload(streetACadre, fx.entA.id, 'gbk.csv', encoded);
    expect(res.statusCode, res.body).toBe(201);
    await runJobs();
    expect((await streetACadre.get(`/api/roster/imports/${res.json().import.id}`)).json()).toMatchObject({ status: 'done', imported: 1 });
    const [m] = await activeIn(p);
    expect(m).toMatchObject({ name: '欧阳娜娜', education: '高中/中专' });
  });

  it('big files run in worker threads across many chunks, duplicates found across chunks', async () => {
    const lines = [HEADER.join(',')];
    const people: string[] = [];
    for (let i = 0; i < 400; i++) {
      const p = idNo(`19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`);
      people.push(p);
      lines.push(`工人${'甲乙丙丁戊己庚辛'[i % 8]}${'子丑寅卯'[i % 4]},${p},139${String(10_000_000 + i).slice(-8)},,,,,,,,,2021-0${1 + (i % 9)}-15`);
    }
    lines.push(`重复者,${people[3]},13912345678,,,,,,,,,`);
    const res = await upload(provAdmin, fx.entB.id, 'big.csv', Buffer.from(lines.join('\n')));
    expect(res.statusCode).toBe(201);
    const id = res.json().import.id;
    // the job's own run, with worker threads, two writer connections (PostgreSQL) and tiny chunks forced
    await runImport(ctx.deps, id, { workers: 2, writers: 2, chunkBytes: 2048 });
    const done = (await provAdmin.get(`/api/roster/imports/${id}`)).json();
    expect(done).toMatchObject({ status: 'done', processedRows: 401, imported: 400, errors: 1 });
    const issues = await ctx.deps.database.db.selectFrom('roster_import_issues').select(['row_no', 'reasons']).where('import_id', '=', id).execute();
    expect(issues).toEqual([{ row_no: 402, reasons: ['身份证号：与第 5 行重复（同一文件中每人只能出现一次）'] }]);
    // the queued job finds the import done and does nothing
    await runJobs();
    expect((await provAdmin.get(`/api/roster/imports/${id}`)).json().imported).toBe(400);
  });
});

describe('roster import: org scope', () => {
  let importB: string;
  beforeAll(async () => {
    const res = await upload(provAdmin, fx.entB.id, 'b.csv', Buffer.from(`${HEADER.join(',')}\n某人,${idNo('19810101')},13600136000\n`));
    importB = res.json().import.id;
    await runJobs();
  });

  it('a street A cadre cannot import into street B, nor see its imports (404)', async () => {
    const res = await upload(streetACadre, fx.entB.id, 'x.csv', Buffer.from(`${HEADER.join(',')}\n`));
    expect(res.statusCode).toBe(404);
    expect((await streetACadre.get(`/api/roster/imports/${importB}`)).statusCode).toBe(404);
    expect((await streetACadre.get(`/api/roster/imports/${importB}/errors`)).statusCode).toBe(404);
    const list = (await streetACadre.get('/api/roster/imports?limit=100')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(importB);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: { orgId: string }) => i.orgId === fx.entA.id)).toBe(true);
    expect((await streetACadre.get(`/api/roster/imports?orgId=${fx.streetB.id}`)).statusCode).toBe(404);
  });

  it('an auditor may read the org but not import into it (403); the province admin sees every import', async () => {
    const res = await upload(streetAAuditor, fx.entA.id, 'x.csv', Buffer.from(`${HEADER.join(',')}\n`));
    expect(res.statusCode).toBe(403);
    const all = (await provAdmin.get(`/api/roster/imports?orgId=${fx.streetB.id}`)).json();
    expect(all.items.map((i: { id: string }) => i.id)).toContain(importB);
  });

  it('pages the import list newest first', async () => {
    const first = (await provAdmin.get('/api/roster/imports?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await provAdmin.get(`/api/roster/imports?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id < first.items[1].id).toBe(true);
  });
});

describe('member export', () => {
  it('masks 身份证号 and phone without member.pii, states who/when/filters, and is audited', async () => {
    const { status, wb, headers } = await download(streetACadre, `/api/members/export.xlsx?orgId=${fx.entA.id}&status=active`);
    expect(status).toBe(200);
    expect(decodeURIComponent(String(headers['content-disposition']))).toContain('会员名册_甲科技有限公司工会_');
    const rows = sheetRows(wb.getWorksheet('会员名册')!);
    expect(rows[1]).toEqual(['导出人', cadreName]);
    expect(rows[2]![0]).toBe('导出时间');
    expect(rows[3]).toEqual(['筛选条件', '组织：甲科技有限公司工会（含下级）；状态：在籍']);
    expect(rows[4]![1]).toMatch(/^是/);
    const headIdx = rows.findIndex((r) => r[0] === '姓名');
    const body = rows.slice(headIdx + 1);
    const active = await ctx.deps.database.db.selectFrom('members').select(sql<number>`count(*)::int`.as('n')).where('org_id', '=', fx.entA.id).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(body).toHaveLength(active.n);
    const wang = body.find((r) => r[0] === '王小明')!;
    expect(wang[3]).toMatch(/^4403\*{10}\d{3}[\dX]$/);
    expect(wang[4]).toBe('138****8001');
    expect(wang[12]).toBe('某市某区,某******');
    expect(wang[13]).toBe('甲科技有限公司工会');

    const audit = await ctx.deps.database.db.selectFrom('audit_log').select(['action', 'details', 'actor_id']).where('action', '=', 'member.export').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ rows: active.n, masked: 'full', filters: { orgId: fx.entA.id, status: 'active' } });
  });

  it('shows full PII to an actor holding member.pii there', async () => {
    const { wb } = await download(provAdmin, `/api/members/export.xlsx?orgId=${fx.entA.id}&q=${encodeURIComponent('王')}`);
    const rows = sheetRows(wb.getWorksheet('会员名册')!);
    expect(rows[4]![1]).toMatch(/^否/);
    expect(rows[3]![1]).toContain('关键词：王');
    const wang = rows.find((r) => r[0] === '王小明')!;
    expect(wang[3]).toMatch(/^440305198805120\d{2}[\dX]$/);
    expect(wang[4]).toBe('13800138001');
    expect(wang[12]).toBe('某市某区,某路 1 号');
  });

  it('org scope: street B is 404 for a street A cadre; no member.export → 403', async () => {
    expect((await streetACadre.get(`/api/members/export.xlsx?orgId=${fx.entB.id}`)).statusCode).toBe(404);
    expect((await streetAAuditor.get('/api/members/export.xlsx')).statusCode).toBe(403);
    // without orgId: only the cadre's own subtree
    const { wb } = await download(streetACadre, '/api/members/export.xlsx');
    const rows = sheetRows(wb.getWorksheet('会员名册')!);
    const orgs = new Set(rows.slice(rows.findIndex((r) => r[0] === '姓名') + 1).map((r) => r[13]));
    expect([...orgs]).toEqual(['甲科技有限公司工会']);
  });
});

/** GB18030/GBK bytes for a test string, via the decoder's inverse over the BMP (test helper only). */
function encodeGbk(text: string): Buffer {
  const table = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GBK for ${ch}`);
      out.push(b >> 8, b & 0xff);
    }
  }
  return Buffer.from(out);
}

let gbkCache: Map<string, number> | null = null;
function gbkTable(): Map<string, number> {
  if (gbkCache) return gbkCache;
  const dec = new TextDecoder('gbk');
  const map = new Map<string, number>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const s = dec.decode(Uint8Array.from([hi, lo]));
      if (s.length === 1 && !map.has(s)) map.set(s, (hi << 8) | lo);
    }
  }
  gbkCache = map;
  return map;
}

