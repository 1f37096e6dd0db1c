import { MEMBER_STATUS_LABELS, type MemberExportQuery, type MemberStatus } from '@gonghui/contracts';
import type { PassThrough } from 'node:stream';
import type { Actor } from '../../platform/access/actor';
import { recordAudit } from '../../platform/audit/audit';
import { maskIdNumber, maskPhone } from '../../platform/crypto/pii';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { resolveRosterFilter } from '../members/service';
// the roster list's own query: the export shows exactly the people the list shows
import { rosterQuery, type RosterFilter } from '../members/service';
import { getReadableOrg } from '../orgs/service';
import { rosterPolicy } from './policy';
import { BOLD, HEADER_FILL, runWriter, shanghaiTime, streamingWorkbook, TITLE } from './xlsx';

/**
 * 会员名册导出: the roster list's filters, streamed to .xlsx page by page (never all rows in memory).
 * 身份证号, phone and address are masked unless the actor holds member.pii at the row's org; the
 * first rows say who exported, when, with which filters and whether the sheet is masked; one audit
 * row records the filters and the row count.
 */

const EXPORT_COLUMNS: Array<{ header: string; width: number }> = [
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12 },
  { header: '身份证号', width: 22 },
  { header: '手机号', width: 14 },
  { header: '民族', width: 8 },
  { header: '学历', width: 12 },
  { header: '政治面貌', width: 12 },
  { header: '工作单位', width: 26 },
  { header: '职业/岗位', width: 12 },
  { header: '行业', width: 12 },
  { header: '就业形式', width: 12 },
  { header: '居住地址', width: 30 },
  { header: '所属工会', width: 28 },
  { header: '会籍状态', width: 10 },
  { header: '入会日期', width: 12 },
  { header: '会员卡号', width: 16 },
  { header: '实名认证', width: 10 },
];
const PAGE = 2000;
const HEADER_ROWS = 7;

type Masking = 'none' | 'full' | 'partial';

/** Does member.pii cover the whole exported scope, none of it, or part of it? */
function maskingOf(exportPrefixes: string[] | null, pii: string[] | null): Masking {
  if (pii === null) return 'none';
  const covered = (p: string) => pii.some((x) => p.startsWith(x));
  if (exportPrefixes === null) return pii.length === 0 ? 'full' : 'partial';
  if (exportPrefixes.every(covered)) return 'none';
  return exportPrefixes.some((p) => pii.some((x) => x.startsWith(p) || p.startsWith(x))) ? 'partial' : 'full';
}

const MASKING_TEXT: Record<Masking, string> = {
  full: '是（身份证号、手机号、居住地址已脱敏）',
  none: '否（含完整身份证号、手机号、居住地址，请妥善保管，不得外传）',
  partial: '部分（仅有权查看个人信息的组织显示完整信息，其余已脱敏）',
};

/** The filters in words, for the sheet and the audit row (a searched 身份证号/phone stays masked). */
async function describeFilters(deps: AppDeps, actor: Actor, q: MemberExportQuery): Promise<{ text: string; audit: Record<string, unknown>; orgName: string | null }> {
  const parts: string[] = [];
  const audit: Record<string, unknown> = {};
  let orgName: string | null = null;
  if (q.orgId) {
    orgName = (await getReadableOrg(deps, actor, q.orgId)).name;
    parts.push(`组织：${orgName}（含下级）`);
    audit.orgId = q.orgId;
  }
  if (q.status) {
    parts.push(`状态：${MEMBER_STATUS_LABELS[q.status as MemberStatus] ?? q.status}`);
    audit.status = q.status;
  }
  if (q.occupation) {
    parts.push(`职业/岗位：${q.occupation}`);
    audit.occupation = q.occupation;
  }
  if (q.employmentForm) {
    parts.push(`就业形式：${q.employmentForm}`);
    audit.employmentForm = q.employmentForm;
  }
  if (q.joinedFrom || q.joinedTo) {
    parts.push(`入会日期：${q.joinedFrom ?? '不限'} 至 ${q.joinedTo ?? '不限'}`);
    audit.joinedFrom = q.joinedFrom;
    audit.joinedTo = q.joinedTo;
  }
  const term = q.q?.trim();
  if (term) {
    const shown = /^\d{11}$/.test(term) ? maskPhone(term) : /^[\dXx]{15,18}$/.test(term) ? maskIdNumber(term) : term;
    parts.push(`关键词：${shown}`);
    audit.q = shown;
  }
  return { text: parts.length ? parts.join('；') : '全部会员（管辖范围内）', audit, orgName };
}

type ExportRow = {
  id: string; name: string; gender: string; birth_date: string; id_no_enc: string; id_no_masked: string; phone_enc: string | null;
  phone_masked: string | null; ethnicity: string | null; education: string | null; political_status: string | null; employer: string | null;
  occupation: string | null; industry: string | null; employment_form: string | null; address_enc: string | null; org_name: string;
  org_path: string; status: string; joined_at: string; card_no: string; verified: boolean;
};

export async function exportMembers(deps: AppDeps, actor: Actor, q: MemberExportQuery, meta: RequestMeta): Promise<{ fileName: string; stream: PassThrough }> {
  const scope = rosterPolicy.exportScope(actor);
  if (scope !== null && scope.length === 0) throw errors.forbidden('没有导出会员名册的权限');
  const filter: RosterFilter = await resolveRosterFilter(deps, actor, q, scope);
  if (filter.prefixes !== null && filter.prefixes.length === 0) throw errors.forbidden('没有导出该组织会员名册的权限');
  const pii = rosterPolicy.piiScope(actor);
  const masking = maskingOf(filter.prefixes, pii);
  const full = (path: string) => pii === null || pii.some((p) => path.startsWith(p));
  const filters = await describeFilters(deps, actor, q);
  const now = new Date();
  const fileName = `会员名册_${filters.orgName ?? '管辖范围'}_${shanghaiTime(now).slice(0, 16).replace(/[-: ]/g, '')}.xlsx`;

  const { wb, stream } = streamingWorkbook();
  runWriter(stream, async () => {
    const ws = wb.addWorksheet('会员名册', { views: [{ state: 'frozen', ySplit: HEADER_ROWS }] });
    ws.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width }));
    ws.addRow(['会员名册']).font = TITLE;
    ws.addRow(['导出人', actor.name]);
    ws.addRow(['导出时间', `${shanghaiTime(now)}（北京时间）`]);
    ws.addRow(['筛选条件', filters.text]);
    ws.addRow(['是否脱敏', MASKING_TEXT[masking]]);
    ws.addRow([]);
    const head = ws.addRow(EXPORT_COLUMNS.map((c) => c.header));
    head.font = BOLD;
    head.eachCell((c) => (c.fill = HEADER_FILL));
    head.commit();

    let count = 0;
    let last: string | null = null;
    for (;;) {
      let query = rosterQuery(deps.database.db, filter).select([
        'm.id', 'm.name', 'm.gender', 'm.birth_date', 'm.id_no_enc', 'm.id_no_masked', 'm.phone_enc', 'm.phone_masked', 'm.ethnicity', 'm.education',
        'm.political_status', 'm.employer', 'm.occupation', 'm.industry', 'm.employment_form', 'm.address_enc', 'o.name as org_name', 'm.org_path',
        'm.status', 'm.joined_at', 'm.card_no', 'm.verified',
      ]);
      if (last) query = query.where('m.id', '<', last);
      const rows = (await query.orderBy('m.id', 'desc').limit(PAGE).execute()) as ExportRow[];
      for (const r of rows) {
        const show = full(r.org_path);
        const address = r.address_enc ? deps.cipher.decrypt(r.address_enc) : null;
        const phone = r.phone_enc && show ? deps.cipher.decrypt(r.phone_enc) : r.phone_masked;
        ws.addRow([
          r.name,
          r.gender === 'M' ? '男' : '女',
          String(r.birth_date),
          show ? deps.cipher.decrypt(r.id_no_enc) : r.id_no_masked,
          phone ?? '',
          r.ethnicity ?? '',
          r.education ?? '',
          r.political_status ?? '',
          r.employer ?? '',
          r.occupation ?? '',
          r.industry ?? '',
          r.employment_form ?? '',
          address ? (show ? address : `${[...address].slice(0, 6).join('')}******`) : '',
          r.org_name,
          MEMBER_STATUS_LABELS[r.status as MemberStatus] ?? r.status,
          String(r.joined_at),
          r.card_no,
          r.verified ? '已实名' : '未实名',
        ]).commit();
      }
      count += rows.length;
      if (rows.length < PAGE) break;
      last = rows[rows.length - 1]!.id;
    }
    ws.commit();
    // recorded before the file is finished: no complete export leaves without its audit row
    await deps.database.db.transaction().execute((trx) =>
      recordAudit(trx, {
        actorId: actor.userId,
        orgId: q.orgId ?? null,
        orgPath: filter.prefixes?.length === 1 ? filter.prefixes[0]! : null,
        action: 'member.export',
        targetType: 'member',
        ip: meta.ip,
        details: { filters: filters.audit, rows: count, masked: masking },
      }),
    );
    await wb.commit();
  });
  return { fileName, stream };
}
