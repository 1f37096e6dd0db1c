import {
  caseActionSchema,
  caseAttachmentSchema,
  caseDetailSchema,
  caseFileOnBehalfSchema,
  caseIntakeTargetSchema,
  caseItemSchema,
  caseListQuerySchema,
  caseMetaSchema,
  publicCaseSchema,
  caseSubmitSchema,
  pageSchema,
} from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentHeader } from '../../platform/files/store';
import { errors } from '../../platform/http/errors';
import { actorOf, requestMeta } from '../../platform/http/request';
import { pageQuery } from '../../platform/http/pagination';
import { openAttachment, saveAttachment } from './files';
import * as service from './service';

const idParams = z.object({ id: z.uuid() });
const countsSchema = z.object({ mine: z.number(), team: z.number(), unassigned: z.number(), overdue: z.number(), supervised: z.number(), followup: z.number() });
const assigneeSchema = z.object({ userId: z.uuid(), name: z.string(), teamId: z.uuid().nullable(), teamName: z.string().nullable(), openCases: z.number(), onDuty: z.boolean(), partner: z.boolean() });

/** Cases (工单): member intake and tracking, the console queues and actions. */
export async function caseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['cases'];

  r.get('/api/case-meta', {
    config: { policy: 'public' },
    schema: { tags, summary: '事项类型、字段、分类（提交表单用）', response: { 200: caseMetaSchema } },
  }, async () => service.caseMeta(deps));

  // ---- member
  r.post('/api/me/cases', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '提交诉求（同一 clientKey 重试返回同一工单）', body: caseSubmitSchema, response: { 200: caseDetailSchema, 201: caseDetailSchema } },
  }, async (req, reply) => {
    const r2 = await service.submitMyCase(deps, actorOf(req), req.body);
    return reply.status(r2.created ? 201 : 200).send(r2.detail);
  });

  r.get('/api/me/cases', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '我的诉求', querystring: z.object(pageQuery), response: { 200: pageSchema(caseItemSchema) } },
  }, async (req) => service.listMyCases(deps, actorOf(req), req.query));

  r.get('/api/me/cases/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '我的诉求详情与办理痕迹', params: idParams, response: { 200: caseDetailSchema } },
  }, async (req) => service.getMyCase(deps, actorOf(req), req.params.id));

  r.post('/api/me/cases/:id/actions', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '评价 / 重新办理 / 撤回', params: idParams, body: caseActionSchema, response: { 200: caseDetailSchema } },
  }, async (req) => service.performAction(deps, actorOf(req), req.params.id, req.body, requestMeta(req), 'member'));

  r.post('/api/case-files', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '上传附件（multipart：file；JPG/PNG/PDF，≤10MB）', consumes: ['multipart/form-data'], response: { 201: caseAttachmentSchema } },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw errors.badRequest('NOT_MULTIPART', '请以 multipart/form-data 方式上传文件');
    const part = await req.file();
    if (!part) throw errors.field('file', '请选择要上传的文件');
    return reply.status(201).send(await saveAttachment(deps, actorOf(req), part));
  });

  r.get('/api/case-files/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '下载附件', params: idParams },
  }, async (req, reply) => {
    const f = await openAttachment(deps, actorOf(req), req.params.id);
    const disposition = f.mime === 'application/pdf' ? attachmentHeader(f.name) : attachmentHeader(f.name).replace(/^attachment/, 'inline');
    return reply.type(f.mime).header('content-disposition', disposition).header('cache-control', 'private, max-age=3600').send(f.stream);
  });

  r.get('/api/public-cases', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '诉求广场（公开的诉求与答复）', querystring: z.object(pageQuery), response: { 200: pageSchema(publicCaseSchema) } },
  }, async (req) => service.listPublicCases(deps, actorOf(req), req.query));

  r.post('/api/public-cases/:id/like', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '点赞', params: idParams, response: { 200: z.object({ likes: z.number(), liked: z.boolean() }) } },
  }, async (req) => service.setLike(deps, actorOf(req), req.params.id, true));

  r.delete('/api/public-cases/:id/like', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '取消点赞', params: idParams, response: { 200: z.object({ likes: z.number(), liked: z.boolean() }) } },
  }, async (req) => service.setLike(deps, actorOf(req), req.params.id, false));

  r.get('/api/case-intake/:token', {
    config: { policy: 'public' },
    schema: { tags, summary: '扫码提交：二维码对应的工会', params: z.object({ token: z.string().min(8).max(64) }), response: { 200: caseIntakeTargetSchema } },
  }, async (req) => {
    const link = await service.intakeLink(deps, req.params.token);
    return { orgName: link.org.name, purpose: link.purpose, label: link.label };
  });

  r.post('/api/case-intake/:token/cases', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '扫码提交诉求 / 工伤探视申请（短信验证登录后）', params: z.object({ token: z.string().min(8).max(64) }), body: caseSubmitSchema, response: { 200: caseDetailSchema, 201: caseDetailSchema } },
  }, async (req, reply) => {
    const r2 = await service.submitViaIntake(deps, actorOf(req), req.params.token, req.body);
    return reply.status(r2.created ? 201 : 200).send(r2.detail);
  });

  // ---- console
  r.get('/api/cases', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '工单队列：我的待办/团队/待受理/超期/督办/回头看/全部（限管辖范围）', querystring: caseListQuerySchema, response: { 200: pageSchema(caseItemSchema) } },
  }, async (req) => service.listCases(deps, actorOf(req), req.query));

  r.get('/api/cases/counts', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '各队列数量（上限 999）', querystring: z.object({ orgId: z.uuid().optional() }), response: { 200: countsSchema } },
  }, async (req) => service.caseCounts(deps, actorOf(req), req.query.orgId));

  r.post('/api/cases', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '代为登记（12351 热线 / 干部代办）', body: caseFileOnBehalfSchema, response: { 200: caseDetailSchema, 201: caseDetailSchema } },
  }, async (req, reply) => {
    const r2 = await service.fileOnBehalf(deps, actorOf(req), req.body);
    return reply.status(r2.created ? 201 : 200).send(r2.detail);
  });

  r.get('/api/cases/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '工单详情、办理痕迹与可执行操作', params: idParams, response: { 200: caseDetailSchema } },
  }, async (req) => service.getConsoleCase(deps, actorOf(req), req.params.id));

  r.post('/api/cases/:id/actions', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '办理操作（受理、指派、办结、上报、督办、合并、工伤探视…）', params: idParams, body: caseActionSchema, response: { 200: caseDetailSchema } },
  }, async (req) => service.performAction(deps, actorOf(req), req.params.id, req.body, requestMeta(req), 'console'));

  r.get('/api/cases/:id/assignees', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '可指派的承办人（含在办数量）', params: idParams, response: { 200: z.array(assigneeSchema) } },
  }, async (req) => service.assigneesFor(deps, actorOf(req), req.params.id));

  r.get('/api/cases/:id/merge-candidates', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '可合并到的主工单（同一承办单位）', params: idParams, querystring: z.object({ q: z.string().trim().max(50).optional() }), response: { 200: z.array(caseItemSchema) } },
  }, async (req) => service.mergeCandidates(deps, actorOf(req), req.params.id, req.query.q));

  r.post('/api/cases/:id/contact', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '查看联系方式（留痕）', params: idParams, response: { 200: z.object({ name: z.string(), phone: z.string() }) } },
  }, async (req) => service.revealContact(deps, actorOf(req), req.params.id, requestMeta(req)));

  r.post('/api/case-followups/:id', {
    config: { policy: 'cadre' },
    schema: {
      tags, summary: '完成回头看', params: idParams,
      body: z.object({ result: z.string().trim().min(2, '请填写回访情况').max(1000, '回访情况不能超过 1000 字'), satisfied: z.boolean() }),
      response: { 200: caseDetailSchema },
    },
  }, async (req) => service.completeFollowup(deps, actorOf(req), req.params.id, req.body));
}
