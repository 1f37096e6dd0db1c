import type { Page, RosterImport, RosterImportCreated } from '@gonghui/contracts';
import type { PassThrough } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/access/actor';
import { narrowScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { sniffUpload, type StoredFile } from '../../platform/files/store';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { AppError, errors } from '../../platform/http/errors';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { getReadableOrg } from '../orgs/service';
import { rosterFiles } from './importer';
import { ROSTER_IMPORT_MAX_ATTEMPTS, ROSTER_IMPORT_QUEUE } from './jobs';
import { rosterPolicy } from './policy';
import { writeErrorReport } from './report';
import * as repo from './repo';

export { exportMembers } from './export';
export { rosterTemplate } from './template';
export { runImport } from './importer';

/** Progress for the bar: rows done of the (estimated) total; 100 only when finished. */
function percentOf(r: repo.ImportRow): number {
  if (r.status === 'done') return 100;
  if (r.status === 'queued' || !r.total_rows) return 0;
  return Math.min(99, Math.floor((r.processed_rows / r.total_rows) * 100));
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toImport(r: repo.ImportRow): RosterImport {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    fileName: r.file_name,
    fileType: r.file_type,
    fileSize: Number(r.file_size),
    status: r.status,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    percent: percentOf(r),
    imported: r.imported,
    unchanged: r.unchanged,
    conflicts: r.conflicts,
    errors: r.errors,
    failure: r.failure,
    createdByName: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/**
 * Register an uploaded file as an import into `orgId` and queue its job (same transaction).
 * The stored file is checked by content; the same file into the same org while a previous import
 * of it is queued, running or done is not run again: that import is returned (`deduplicated`).
 */
export async function createImport(
  deps: AppDeps,
  actor: Actor,
  input: { orgId: string | undefined; fileName: string; file: StoredFile },
  meta: RequestMeta,
): Promise<RosterImportCreated> {
  const { db } = deps.database;
  const store = rosterFiles(deps);
  let keep = false;
  try {
    if (!input.orgId || !/^[0-9a-f-]{36}$/i.test(input.orgId)) throw errors.field('orgId', '请选择要导入到的工会组织');
    const org = await getReadableOrg(deps, actor, input.orgId);
    if (!rosterPolicy.importInto(actor, org)) throw errors.forbidden('没有向该组织导入会员名册的权限');
    if (input.file.size === 0) throw errors.badRequest('EMPTY_FILE', '文件是空的，请检查后重新上传');
    const kind = sniffUpload(input.file.head);
    if (!kind) throw errors.badRequest('UNSUPPORTED_FILE', '仅支持 .xlsx 或 .csv（UTF-8/GBK 编码）文件，不支持旧版 .xls；请用标准模板填写');

    const result = await db.transaction().execute(async (trx) => {
      const same = await repo.findSameFile(trx, org.id, input.file.sha256);
      if (same) return { import: toImport(same), deduplicated: true };
      const id = uuidv7();
      const inserted = await trx
        .insertInto('roster_imports')
        .values({
          id,
          org_id: org.id,
          org_path: org.path,
          file_name: input.fileName,
          file_key: input.file.key,
          file_type: kind.type,
          file_size: input.file.size,
          file_hash: input.file.sha256,
          encoding: kind.type === 'csv' ? kind.encoding : null,
          headers: null,
          total_rows: null,
          failure: null,
          created_by: actor.userId,
        })
        .onConflict((oc) => oc.columns(['org_id', 'file_hash']).where('status', 'in', ['queued', 'running', 'done']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        // the same file was registered a moment ago by a concurrent upload
        const now = await repo.findSameFile(trx, org.id, input.file.sha256);
        if (now) return { import: toImport(now), deduplicated: true };
        throw errors.conflict('IMPORT_BUSY', '该文件正在处理，请稍后刷新');
      }
      await deps.jobs.enqueue(trx, ROSTER_IMPORT_QUEUE, { importId: id }, { dedupeKey: `roster.import:${id}`, maxAttempts: ROSTER_IMPORT_MAX_ATTEMPTS });
      await recordAudit(trx, {
        actorId: actor.userId, orgId: org.id, orgPath: org.path, action: 'roster.import.upload', targetType: 'roster_import', targetId: id, ip: meta.ip,
        details: { fileName: input.fileName, fileType: kind.type, size: input.file.size, sha256: input.file.sha256 },
      });
      keep = true;
      return { import: toImport((await repo.findImport(trx, id))!), deduplicated: false };
    });
    return result;
  } finally {
    if (!keep) await store.remove(input.file.key);
  }
}

async function readableImport(deps: AppDeps, actor: Actor, id: string): Promise<repo.ImportRow> {
  const imp = await repo.findImport(deps.database.db, id);
  if (!imp || !rosterPolicy.readImport(actor, imp)) throw errors.notFound('导入记录');
  return imp;
}

export async function getImport(deps: AppDeps, actor: Actor, id: string): Promise<RosterImport> {
  return toImport(await readableImport(deps, actor, id));
}

export async function listImports(deps: AppDeps, actor: Actor, q: { orgId?: string | undefined; cursor?: string | undefined; limit: number }): Promise<Page<RosterImport>> {
  let prefixes = rosterPolicy.importScope(actor);
  if (q.orgId) prefixes = narrowScope(prefixes, (await getReadableOrg(deps, actor, q.orgId)).path);
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  const rows = await repo.listImports(deps.database.db, prefixes, after?.[0] ?? null, q.limit);
  return toPage(rows, q.limit, (r) => [r.id], toImport);
}

/** The error report (.xlsx) holds the bad rows' full cells: downloading it is audited. */
export async function errorReport(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta): Promise<{ fileName: string; stream: PassThrough }> {
  const imp = await readableImport(deps, actor, id);
  if (imp.status === 'queued' || imp.status === 'running') throw new AppError('IMPORT_NOT_FINISHED', 409, '导入尚未完成，完成后才能下载错误报告');
  await deps.database.db.transaction().execute((trx) =>
    recordAudit(trx, {
      actorId: actor.userId, orgId: imp.org_id, orgPath: imp.org_path, action: 'roster.import.report', targetType: 'roster_import', targetId: imp.id, ip: meta.ip,
      details: { fileName: imp.file_name, errors: imp.errors, conflicts: imp.conflicts },
    }),
  );
  const base = imp.file_name.replace(/\.(xlsx|csv)$/i, '');
  return { fileName: `错误报告_${base}.xlsx`, stream: writeErrorReport(deps, actor, imp) };
}
