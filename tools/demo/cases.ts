import type { CaseStatus, CaseType } from '@gonghui/contracts';
import { sql } from 'kysely';
import type { Db } from '../../apps/server/src/db/connect';
import { hashPassword } from '../../apps/server/src/platform/auth/password';
import { maskName, maskPhone, type PiiCipher } from '../../apps/server/src/platform/crypto/pii';
import { dueTimers, nextTimerAt, stageTimes, type TimerState } from '../../apps/server/src/modules/cases/sla';
import { caseWords } from '../../apps/server/src/modules/cases/words';
import type { DemoOrg, DemoProvince } from './generate';
import { Rng, uuidv7From } from './prng';

/**
 * Cases for the demo: the handling set-up a union would have (teams, routing rules, an appeal QR box
 * and a hospital QR code), four more accounts (an enterprise handler, a lawyer, a social worker,
 * a 12351 operator) and a few thousand cases over the last 120 days — most closed and rated, some
 * open, a few overdue and one under 督办 — so every queue, the timeline and the analytics show data.
 */
export const DEMO_CASE_ACCOUNTS = {
  handler: { name: '周承办', phone: '13800000003', role: 'cadre' },
  lawyer: { name: '王律师', phone: '13800000004', role: 'partner' },
  socialWorker: { name: '赵社工', phone: '13800000005', role: 'partner' },
  operator: { name: '12351坐席', phone: '13800000006', role: 'operator' },
} as const;

type Template = { type: CaseType; category: string; title: string; content: string; fields: Record<string, unknown> };

const TEMPLATES: Template[] = [
  { type: 'appeal', category: '生活后勤', title: '食堂饭菜价格上涨', content: '食堂最近饭菜价格上涨明显，分量变少，希望工会和公司沟通控制价格、提高饭菜质量。', fields: {} },
  { type: 'appeal', category: '生活后勤', title: '宿舍热水供应不足', content: '员工宿舍晚上热水经常不够用，夜班回来没有热水洗澡，希望增加热水器。', fields: {} },
  { type: 'appeal', category: '劳动安全', title: '车间高温', content: '车间空调坏了，夏天温度太高，工人中暑风险大，希望尽快维修并发放防暑降温用品。', fields: {} },
  { type: 'appeal', category: '工资福利', title: '加班费计算不清', content: '加班费计算方式不清楚，工资条看不懂，多次询问人事没有答复，希望公开加班费计算标准。', fields: {} },
  { type: 'appeal', category: '交通出行', title: '班车线路调整', content: '园区班车取消了一条线路，上下班很不方便，希望恢复班车或者增加交通补贴。', fields: {} },
  { type: 'appeal', category: '教育培训', title: '技能培训名额', content: '希望公司增加技能培训名额，考取电工证书后能够提高工资待遇。', fields: {} },
  { type: 'appeal', category: '民主管理', title: '厂务公开', content: '年度绩效考核办法没有经过职代会讨论，希望工会推动厂务公开，听取职工意见。', fields: {} },
  { type: 'appeal', category: '生活后勤', title: '停车位不足', content: '厂区停车位太少，每天早上抢车位，电动车也没有充电的地方，希望扩建停车场。', fields: {} },
  { type: 'legal_consult', category: '劳动合同', title: '试用期被辞退', content: '试用期快结束时公司说我不符合录用条件要辞退，没有书面理由，请问是否合法，能否要求补偿。', fields: { topic: '解除劳动关系' } },
  { type: 'legal_consult', category: '社会保险', title: '社保断缴', content: '公司连续三个月没有给我缴纳社保，工资里却照常扣了个人部分，应该怎么维权。', fields: { topic: '社会保险' } },
  { type: 'legal_aid', category: '劳动报酬', title: '拖欠工资申请法律援助', content: '公司拖欠工资三个月，老板说资金紧张一直拖着不发，申请法律援助讨要工资和经济补偿。', fields: { employer: '某电子有限公司', disputeKind: '劳动报酬', amountFen: 2_400_000 } },
  { type: 'legal_aid', category: '工伤赔偿', title: '工伤赔偿纠纷', content: '工作中手指受伤已认定工伤，公司不愿支付一次性伤残补助金，申请律师帮助仲裁。', fields: { employer: '某机械制造有限公司', disputeKind: '工伤赔偿', amountFen: 8_600_000 } },
  { type: 'counselling', category: '情绪压力', title: '工作压力大失眠', content: '最近工作压力很大，连续加班，晚上失眠焦虑，想找心理老师聊一聊。', fields: { mode: '线上', urgency: '一般' } },
  { type: 'counselling', category: '婚恋家庭', title: '家庭矛盾', content: '长期两地分居，和家人经常争吵，情绪低落影响工作，希望得到心理疏导。', fields: { mode: '电话', urgency: '较急' } },
  { type: 'mediation', category: '工资争议', title: '绩效工资扣减争议', content: '公司单方面扣减绩效工资，和部门经理沟通无果，申请工会调解。', fields: { employer: '某物流有限公司', claim: '补发被扣减的绩效工资', amountFen: 560_000 } },
  { type: 'wage_arrears', category: '农民工工资', title: '工地拖欠农民工工资', content: '工地包工头拖欠我们班组十几个人的工资，快过年了还没有结清，请工会帮忙讨薪。', fields: { employer: '某建筑劳务有限公司', amountFen: 18_500_000, months: 4, people: 15 } },
  { type: 'suggestion', category: '安全生产', title: '增设安全警示标识', content: '建议在叉车通道和人行通道交叉口增设安全警示标识和反光镜，减少安全隐患。', fields: { area: '安全生产' } },
  { type: 'suggestion', category: '职工生活', title: '开设职工书屋', content: '建议在休息区开设职工书屋，配备技术书籍和报刊，丰富职工业余生活。', fields: { area: '职工生活' } },
];
const REPLIES = [
  '经与公司协商，已落实整改措施，请您留意后续情况，如有问题可继续反映。',
  '已联系相关部门核实处理，问题已解决，感谢您的反映。',
  '已安排专人跟进，并向您电话反馈处理结果。',
  '经核实情况属实，公司已承诺在本月内完成整改。',
];

/** The handling set-up and the demo cases; deterministic from the seed. Returns how many cases. */
export async function loadDemoCases(db: Db, cipher: PiiCipher, province: DemoProvince, opts: { seed: number; cases: number; password: string; memberUserId: string }): Promise<number> {
  const rng = new Rng(opts.seed, 'cases');
  const now = Date.now();
  let k = 0;
  const id = () => uuidv7From(now - 200 * 86_400_000 + k++, rng);
  const byId = new Map(province.orgs.map((o) => [o.id, o]));
  const ancestor = (o: DemoOrg, kind: string): DemoOrg => {
    let cur: DemoOrg | undefined = o;
    while (cur && cur.kind !== kind) cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    return cur ?? o;
  };
  const street = province.demoStreet;
  const ent = province.demoEnterprise;
  const county = ancestor(street, 'county');

  // accounts, posts and teams
  const users: Record<keyof typeof DEMO_CASE_ACCOUNTS, string> = { handler: '', lawyer: '', socialWorker: '', operator: '' };
  const postAt: Record<keyof typeof DEMO_CASE_ACCOUNTS, DemoOrg> = { handler: ent, lawyer: county, socialWorker: street, operator: ancestor(street, 'city') };
  for (const [key, a] of Object.entries(DEMO_CASE_ACCOUNTS) as [keyof typeof DEMO_CASE_ACCOUNTS, (typeof DEMO_CASE_ACCOUNTS)[keyof typeof DEMO_CASE_ACCOUNTS]][]) {
    const uid = id();
    users[key] = uid;
    await db.insertInto('users').values({ id: uid, name: a.name, phone_enc: cipher.encrypt(a.phone), phone_hash: cipher.blindIndex('phone', a.phone), phone_masked: maskPhone(a.phone), password_hash: await hashPassword(opts.password) }).execute();
    const org = postAt[key];
    await db.insertInto('role_assignments').values({ id: id(), user_id: uid, org_id: org.id, org_path: org.path, role: a.role, granted_by: null }).execute();
  }
  const team = async (org: DemoOrg, name: string, skill: 'general' | 'legal' | 'social', members: string[]) => {
    const tid = id();
    await db.insertInto('case_teams').values({ id: tid, org_id: org.id, org_path: org.path, name, skill }).execute();
    for (const [i, u] of members.entries()) await db.insertInto('case_team_members').values({ team_id: tid, user_id: u, is_leader: i === 0 && skill === 'general' }).execute();
    return tid;
  };
  const generalTeam = await team(ent, '职工服务组', 'general', [users.handler]);
  const legalTeam = await team(county, '职工法律服务团', 'legal', [users.lawyer]);
  await team(street, '工伤探视社工站', 'social', [users.socialWorker]);
  const root = province.province;
  for (const [caseType, targetKind, teamSkill] of [['legal_aid', 'county', 'legal'], ['injury_visit', 'street', 'social'], ['mediation', 'street', null]] as const) {
    await db.insertInto('case_routing_rules').values({ id: id(), org_id: root.id, org_path: root.path, case_type: caseType, target_kind: targetKind, team_skill: teamSkill, created_by: null }).execute();
  }
  await db.insertInto('case_intake_links').values({ id: id(), token: 'demo-appeal-box', org_id: ent.id, purpose: 'appeal', label: '职工诉求箱', created_by: null }).execute();
  await db.insertInto('case_intake_links').values({ id: id(), token: 'demo-hospital-01', org_id: ent.id, purpose: 'injury', label: '市第一人民医院', created_by: null }).execute();

  const cats = await db.selectFrom('case_categories').select(['id', 'type', 'name']).execute();
  const catId = (type: string, name: string) => cats.find((c) => c.type === type && c.name === name)?.id ?? null;
  const grassroots = province.orgs.filter((o) => o.kind === 'enterprise' || o.kind === 'community' || o.kind === 'park' || o.kind === 'joint');
  const nearby = grassroots.filter((o) => o.path.startsWith(street.path));
  const none = new Map<string, boolean>();

  const rows: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < opts.cases; i++) {
    const t = rng.pick(TEMPLATES);
    // a fifth of the cases come from the demo street, so its cadre sees a lively queue
    const origin = rng.chance(0.2) && nearby.length ? rng.pick(nearby) : rng.pick(grassroots);
    const handling = t.type === 'legal_aid' ? ancestor(origin, 'county') : t.type === 'mediation' ? ancestor(origin, 'street') : origin;
    const ageDays = rng.next() ** 1.6 * 120;
    const created = new Date(now - ageDays * 86_400_000);
    const open = ageDays < 6 ? rng.chance(0.7) : rng.chance(0.03);
    const fate = open ? rng.pick(['submitted', 'assigned', 'in_progress', 'in_progress'] as const) : rng.chance(0.06) ? 'rejected' : rng.chance(0.03) ? 'withdrawn' : rng.chance(0.18) ? 'resolved' : 'closed';
    const hoursToResolve = rng.chance(0.22) ? rng.range(2, 23) : rng.range(24, 24 * 9);
    const resolvedAt = new Date(Math.min(now - 3600_000, created.getTime() + hoursToResolve * 3600_000));
    const accept = stageTimes(created, 1, none);
    const resolve = stageTimes(created, 3, none);
    const isDemoEnt = handling.id === ent.id;
    const assignee = fate === 'submitted' ? null : isDemoEnt ? users.handler : handling.id === county.id && t.type === 'legal_aid' ? users.lawyer : null;
    const status: CaseStatus = (fate === 'assigned' || fate === 'in_progress') && !assignee ? 'accepted' : fate;
    const name = rng.pick(['王', '李', '张', '刘', '陈', '杨', '黄', '赵']) + rng.pick(['建国', '小红', '海燕', '志强', '丽', '伟', '秀英', '磊']);
    const phone = `139${String(20_000_000 + i).padStart(8, '0')}`;
    const anonymous = t.type === 'appeal' && rng.chance(0.1);
    const state: TimerState = {
      status, parent_id: null, accept_due_at: accept.due, resolve_due_at: status === 'submitted' ? null : resolve.due,
      remind_at: status === 'submitted' ? accept.remindAt : resolve.remindAt, reminded_at: null, overdue_at: null,
      last_step_at: created, stale_reminded_at: null, supervised_at: null, supervise_due_at: null, supervise_overdue_at: null,
      resolved_at: ['resolved', 'closed'].includes(status) ? resolvedAt : null,
    };
    // the demo starts as if the SLA sweep had been running all along: every timer already due has
    // fired (a first start must not spend a minute sending reminders for history)
    const nowDate = new Date(now);
    for (const kind of dueTimers(state, nowDate)) {
      if (kind === 'remind') state.reminded_at = state.remind_at;
      if (kind === 'overdue') state.overdue_at = status === 'submitted' ? accept.due : resolve.due;
      if (kind === 'stale') state.stale_reminded_at = nowDate;
      if (kind === 'auto_close') state.status = 'closed';
    }
    const autoClosedAt = status === 'resolved' && state.status === 'closed' ? new Date(resolvedAt.getTime() + 7 * 86_400_000) : null;
    const rating = status === 'closed' ? rng.pick([5, 5, 5, 5, 4, 4, 4, 3, 2, 1]) : null;
    const caseId = id();
    rows.push({
      id: caseId, type: t.type, category_id: catId(t.type, t.category), title: t.title, content: t.content, fields: JSON.stringify(t.fields),
      channel: rng.pick(['app', 'app', 'app', 'qr', 'hotline', 'proxy']), origin_org_id: origin.id, origin_path: origin.path,
      org_id: handling.id, org_path: handling.path, team_id: isDemoEnt ? generalTeam : t.type === 'legal_aid' && handling.id === county.id ? legalTeam : null,
      assignee_id: assignee, submitter_user_id: null, member_id: null, filed_by: null, submitter_key: `demo:${i}`, client_key: null,
      anonymous, is_public: t.type === 'appeal' && !anonymous && rng.chance(0.5),
      contact_name_enc: cipher.encrypt(name), contact_name_masked: maskName(name), contact_phone_enc: cipher.encrypt(phone), contact_phone_masked: maskPhone(phone),
      ...state, stage_started_at: created, next_timer_at: nextTimerAt(state),
      accepted_at: status === 'submitted' ? null : created, assigned_at: assignee ? created : null, closed_at: autoClosedAt ?? (['closed', 'rejected', 'withdrawn'].includes(status) ? resolvedAt : null),
      reply: state.resolved_at ? rng.pick(REPLIES) : null, reject_reason: status === 'rejected' ? '不属于工会受理范围，已告知向相关部门反映' : null,
      rating, rating_comment: rating && rating >= 4 ? '处理及时，很满意' : rating ? '处理结果一般' : null, rated_at: rating ? resolvedAt : null,
      likes: rng.chance(0.3) ? rng.range(1, 60) : 0, words: caseWords(`${t.title} ${t.content}`), created_at: created, updated_at: resolvedAt,
    });
    const ev = (kind: string, at: Date, from: string | null, to: string | null, note: string | null, actor = '系统') =>
      events.push({ id: id(), case_id: caseId, kind, actor_id: null, actor_label: actor, from_status: from, to_status: to, note, internal: false, at });
    ev('submitted', created, null, 'submitted', '通过会员提交提报', anonymous ? '匿名职工' : maskName(name));
    if (status !== 'submitted') ev('accepted', created, 'submitted', 'accepted', `${handling.name}受理`);
    if (assignee) ev('assigned', created, 'accepted', 'assigned', '自动指派（当前待办最少）');
    if (state.resolved_at) ev('resolved', resolvedAt, assignee ? 'assigned' : 'accepted', 'resolved', rows.at(-1)!.reply as string, '承办人');
    if (rating) ev('rated', resolvedAt, 'resolved', 'closed', `评价 ${'★'.repeat(rating)}`, maskName(name));
    if (autoClosedAt) ev('auto_closed', autoClosedAt, 'resolved', 'closed', '办结后 7 天未评价，系统自动关闭');
    if (status === 'rejected') ev('rejected', resolvedAt, 'accepted', 'rejected', '不属于工会受理范围，已告知向相关部门反映', '承办人');
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('cases').values(rows.slice(i, i + 1000) as never).execute();
  for (let i = 0; i < events.length; i += 2000) await db.insertInto('case_events').values(events.slice(i, i + 2000) as never).execute();

  // one case under 督办, raised by the demo member herself, so the member pages have a trail
  const mine = rows.find((r) => r.org_id === ent.id && r.status === 'in_progress');
  if (mine) {
    await db.updateTable('cases').set({ submitter_user_id: opts.memberUserId, supervised_at: new Date(now - 86_400_000), supervise_due_at: new Date(now + 3 * 86_400_000), supervise_note: '职工反映强烈，请限期答复' }).where('id', '=', mine.id as string).execute();
  }
  await sql`ANALYZE cases`.execute(db);
  return rows.length;
}
