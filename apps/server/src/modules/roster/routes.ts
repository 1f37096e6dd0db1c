import {
  memberExportQuerySchema,
  pageSchema,
  rosterImportCreatedSchema,
  rosterImportListQuerySchema,
  rosterImportSchema,
} from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentHeader, FileTooLargeError, safeFileName, type StoredFile } from '../../platform/files/store';
import { AppError, errors } from '../../platform/http/errors';
import { actorOf, requestMeta } from '../../platform/http/request';
import { rosterFiles } from './importer';
import * as service from './service';
import { XLSX_TYPE } from './xlsx';

const idParams = z.object({ id: z.uuid() });
/** the multipart plugin's per-file limit (app.ts): the upload is refused past it */
const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export async function rosterRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['roster'];
  // the import job belongs to this module; registering twice is harmless (same queue, same handler)

  r.get('/api/roster/template', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '下载会员名册标准模板（.xlsx）' },
  }, async (_req, reply) => {
    const buf = await service.rosterTemplate();
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader('会员名册导入模板.xlsx')).send(buf);
  });

  r.post('/api/roster/imports', {
    config: { policy: 'cadre' },
    schema: {
      tags,
      summary: '上传会员名册（multipart：file 文件 + orgId 目标组织），后台导入',
      consumes: ['multipart/form-data'],
      response: { 200: rosterImportCreatedSchema, 201: rosterImportCreatedSchema },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw errors.badRequest('NOT_MULTIPART', '请以 multipart/form-data 方式上传文件');
    const store = rosterFiles(deps);
    let orgId: string | undefined = (req.query as { orgId?: string }).orgId;
    let file: StoredFile | null = null;
    let fileName = '';
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (file) {
            part.file.resume();
            continue;
          }
          fileName = safeFileName(part.filename, 'roster');
          // straight to disk: a 1,000,000-row file never sits in memory
          file = await store.save(part.file, { area: 'roster', maxBytes: MAX_UPLOAD_BYTES });
        } else if (part.fieldname === 'orgId' && typeof part.value === 'string') {
          orgId = part.value;
        }
      }
    } catch (err) {
      if (file) await store.remove(file.key);
      if (err instanceof FileTooLargeError || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppError('FILE_TOO_LARGE', 413, `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB 上限，请拆分后分别导入`);
      }
      throw err;
    }
    if (!file) throw errors.field('file', '请选择要上传的名册文件');
    const created = await service.createImport(deps, actor, { orgId, fileName, file }, requestMeta(req));
    return reply.status(created.deduplicated ? 200 : 201).send(created);
  });

  r.get('/api/roster/imports', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '名册导入记录（限管辖范围）', querystring: rosterImportListQuerySchema, response: { 200: pageSchema(rosterImportSchema) } },
  }, async (req) => service.listImports(deps, actorOf(req), req.query));

  r.get('/api/roster/imports/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '导入进度与结果', params: idParams, response: { 200: rosterImportSchema } },
  }, async (req) => service.getImport(deps, actorOf(req), req.params.id));

  r.get('/api/roster/imports/:id/errors', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '下载错误报告（.xlsx，含原始数据与错误原因；留审计）', params: idParams },
  }, async (req, reply) => {
    const { fileName, stream } = await service.errorReport(deps, actorOf(req), req.params.id, requestMeta(req));
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader(fileName)).send(stream);
  });

  r.get('/api/members/export.xlsx', {
    config: { policy: 'cadre' },
    schema: { tags: ['members'], summary: '导出会员名册（.xlsx，筛选条件同名册列表；无个人信息权限时脱敏；留审计）', querystring: memberExportQuerySchema },
  }, async (req, reply) => {
    const { fileName, stream } = await service.exportMembers(deps, actorOf(req), req.query, requestMeta(req));
    return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader(fileName)).header('cache-control', 'no-store').send(stream);
  });
}
