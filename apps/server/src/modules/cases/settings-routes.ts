import {
  caseCategoryInputSchema,
  caseCategorySchema,
  caseIntakeLinkInputSchema,
  caseIntakeLinkSchema,
  caseRoutingRuleInputSchema,
  caseRoutingRuleSchema,
  caseTeamInputSchema,
  caseTeamMemberInputSchema,
  caseTeamSchema,
  caseTypeSchema,
  caseTypeSettingSchema,
} from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requestMeta } from '../../platform/http/request';
import * as settings from './settings';

const idParams = z.object({ id: z.uuid() });
const orgQuery = z.object({ orgId: z.uuid().optional() });
const ok = z.object({ ok: z.literal(true) });

/** 工单设置: types & SLA, categories, handler teams, routing rules, intake QR codes. */
export async function caseSettingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['case-settings'];

  r.get('/api/case-settings/types', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '事项类型与办理时限', response: { 200: z.array(caseTypeSettingSchema) } },
  }, async () => settings.listTypeSettings(deps));

  r.put('/api/case-settings/types/:type', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '设置事项类型（启用、受理/办结时限、回头看比例）', params: z.object({ type: caseTypeSchema }), body: caseTypeSettingSchema.omit({ type: true, label: true }), response: { 200: caseTypeSettingSchema } },
  }, async (req) => settings.updateTypeSetting(deps, actorOf(req), req.params.type, req.body, requestMeta(req)));

  r.get('/api/case-settings/categories', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '事项分类', querystring: z.object({ type: caseTypeSchema.optional() }), response: { 200: z.array(caseCategorySchema) } },
  }, async (req) => settings.listCategories(deps, req.query.type));

  r.post('/api/case-settings/categories', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '新增分类', body: caseCategoryInputSchema, response: { 201: caseCategorySchema } },
  }, async (req, reply) => reply.status(201).send(await settings.createCategory(deps, actorOf(req), req.body, requestMeta(req))));

  r.patch('/api/case-settings/categories/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '修改分类（名称、排序、启用）', params: idParams, body: caseCategoryInputSchema.omit({ type: true }).partial(), response: { 200: caseCategorySchema } },
  }, async (req) => settings.updateCategory(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));

  r.get('/api/case-teams', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '承办团队（限管辖范围）', querystring: orgQuery, response: { 200: z.array(caseTeamSchema) } },
  }, async (req) => settings.listTeams(deps, actorOf(req), req.query.orgId));

  r.post('/api/case-teams', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '新建承办团队', body: caseTeamInputSchema, response: { 201: caseTeamSchema } },
  }, async (req, reply) => reply.status(201).send(await settings.createTeam(deps, actorOf(req), req.body, requestMeta(req))));

  r.delete('/api/case-teams/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '删除承办团队（须无在办工单）', params: idParams, response: { 200: ok } },
  }, async (req) => settings.deleteTeam(deps, actorOf(req), req.params.id, requestMeta(req)));

  r.post('/api/case-teams/:id/members', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '添加团队成员', params: idParams, body: caseTeamMemberInputSchema, response: { 200: caseTeamSchema } },
  }, async (req) => settings.addTeamMember(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));

  r.patch('/api/case-teams/:id/members/:userId', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '设置在岗 / 组长', params: z.object({ id: z.uuid(), userId: z.uuid() }), body: z.object({ onDuty: z.boolean().optional(), isLeader: z.boolean().optional() }), response: { 200: caseTeamSchema } },
  }, async (req) => settings.updateTeamMember(deps, actorOf(req), req.params.id, req.params.userId, req.body, requestMeta(req)));

  r.delete('/api/case-teams/:id/members/:userId', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '移出团队', params: z.object({ id: z.uuid(), userId: z.uuid() }), response: { 200: caseTeamSchema } },
  }, async (req) => settings.removeTeamMember(deps, actorOf(req), req.params.id, req.params.userId, requestMeta(req)));

  r.get('/api/case-routing-rules', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '分派规则', querystring: orgQuery, response: { 200: z.array(caseRoutingRuleSchema) } },
  }, async (req) => settings.listRules(deps, actorOf(req), req.query.orgId));

  r.post('/api/case-routing-rules', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '新增分派规则', body: caseRoutingRuleInputSchema, response: { 201: caseRoutingRuleSchema } },
  }, async (req, reply) => reply.status(201).send(await settings.createRule(deps, actorOf(req), req.body, requestMeta(req))));

  r.patch('/api/case-routing-rules/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '启用 / 停用分派规则', params: idParams, body: z.object({ enabled: z.boolean() }), response: { 200: caseRoutingRuleSchema } },
  }, async (req) => settings.setRuleEnabled(deps, actorOf(req), req.params.id, req.body.enabled, requestMeta(req)));

  r.delete('/api/case-routing-rules/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '删除分派规则', params: idParams, response: { 200: ok } },
  }, async (req) => settings.deleteRule(deps, actorOf(req), req.params.id, requestMeta(req)));

  r.get('/api/case-intake-links', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '诉求 / 工伤探视扫码入口', querystring: orgQuery, response: { 200: z.array(caseIntakeLinkSchema) } },
  }, async (req) => settings.listIntakeLinks(deps, actorOf(req), req.query.orgId));

  r.post('/api/case-intake-links', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '生成扫码入口（诉求箱 / 医院工伤探视）', body: caseIntakeLinkInputSchema, response: { 201: caseIntakeLinkSchema } },
  }, async (req, reply) => reply.status(201).send(await settings.createIntakeLink(deps, actorOf(req), req.body, requestMeta(req))));

  r.post('/api/case-intake-links/:id/revoke', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '停用扫码入口', params: idParams, response: { 200: caseIntakeLinkSchema } },
  }, async (req) => settings.revokeIntakeLink(deps, actorOf(req), req.params.id, requestMeta(req)));
}
