import type { CaseAction, CaseStatus, CaseType } from '@gonghui/contracts';

/**
 * The lifecycle of a case, in one table (提报 → 受理 → 指派 → 办理 → 办结 → 评价 → 关闭; 不予受理; 撤回;
 * 7 日内重新办理). Every state change in the service goes through `checkTransition`; the detail
 * response's `actions` come from `availableActions`, so the buttons and the rules cannot drift.
 *
 * `to` lists the statuses an action may lead to (null: the status stays). Who may act is a
 * relation to the case, not a role: the submitter, the assignee, a handler of the handling org
 * (case.handle there), a supervisor (case.supervise there), or the system (timers, auto-routing).
 */
export type Relation = 'submitter' | 'assignee' | 'handler' | 'supervisor' | 'system';

export type CaseState = {
  status: CaseStatus;
  type: CaseType;
  parentId: string | null;
  hasParentOrg: boolean;
  supervised: boolean;
  eligible: boolean | null;
  resolvedAt: Date | null;
  /** the 慰问金 was recorded (one per case) */
  paid: boolean;
};

type Rule = {
  from: readonly CaseStatus[];
  to: readonly CaseStatus[] | null;
  by: readonly Relation[];
  /** extra condition; returns the Chinese reason when it fails */
  guard?: (c: CaseState, now: Date) => string | null;
};

const OPEN: readonly CaseStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress'];
export const REOPEN_WINDOW_MS = 7 * 86_400_000;

const notMerged = (c: CaseState) => (c.parentId ? '该工单已并入共性诉求，请在主工单办理' : null);
const injuryOnly = (c: CaseState) => (c.type === 'injury_visit' ? null : '仅工伤探视工单可以执行此操作');

export const TRANSITIONS: Record<CaseAction | 'auto_close' | 'parent_resolved', Rule> = {
  accept: { from: ['submitted'], to: ['accepted'], by: ['handler', 'system'], guard: notMerged },
  reject: { from: ['submitted', 'accepted', 'assigned'], to: ['rejected'], by: ['handler', 'system'], guard: notMerged },
  // assigning an unaccepted case accepts it too (接诉即办)
  assign: { from: ['submitted', 'accepted', 'assigned', 'in_progress'], to: ['assigned'], by: ['handler', 'system'], guard: notMerged },
  start: { from: ['assigned'], to: ['in_progress'], by: ['assignee'], guard: notMerged },
  note: { from: [...OPEN, 'resolved'], to: null, by: ['handler', 'assignee'] },
  resolve: { from: ['accepted', 'assigned', 'in_progress'], to: ['resolved'], by: ['assignee', 'handler'], guard: notMerged },
  escalate: {
    from: OPEN,
    to: ['accepted'],
    by: ['handler'],
    guard: (c) => notMerged(c) ?? (c.hasParentOrg ? null : '已是最高一级工会，无法继续上报'),
  },
  transfer: { from: OPEN, to: ['accepted'], by: ['handler'], guard: notMerged },
  give_back: { from: ['assigned', 'in_progress'], to: ['accepted'], by: ['assignee'], guard: notMerged },
  supervise: { from: OPEN, to: null, by: ['supervisor'], guard: (c) => (c.supervised ? '该工单已在督办中' : null) },
  unsupervise: { from: [...OPEN, 'resolved', 'closed', 'rejected', 'withdrawn'], to: null, by: ['supervisor'], guard: (c) => (c.supervised ? null : '该工单未被督办') },
  merge: { from: OPEN, to: null, by: ['handler'], guard: notMerged },
  // eligible → the visit task is assigned (or waits for a social worker); not eligible → 不予受理
  assess: { from: ['submitted', 'accepted'], to: ['accepted', 'assigned', 'rejected'], by: ['handler'], guard: (c) => injuryOnly(c) ?? (c.eligible === null ? null : '已完成资格核查') },
  visit: { from: ['assigned', 'in_progress'], to: ['in_progress'], by: ['assignee'], guard: injuryOnly },
  pay: {
    from: ['assigned', 'in_progress', 'resolved', 'closed'],
    to: null,
    by: ['handler'],
    guard: (c) => injuryOnly(c) ?? (!c.eligible ? '资格核查通过后才能发放慰问金' : c.paid ? '该工单已发放过慰问金' : null),
  },
  refer: { from: ['assigned', 'in_progress', 'resolved', 'closed'], to: null, by: ['handler', 'assignee'], guard: injuryOnly },
  rate: { from: ['resolved'], to: ['closed'], by: ['submitter'] },
  reopen: {
    from: ['resolved', 'closed'],
    to: ['in_progress', 'accepted'],
    by: ['submitter'],
    guard: (c, now) => (c.resolvedAt && now.getTime() - c.resolvedAt.getTime() <= REOPEN_WINDOW_MS ? null : '办结已超过 7 天，无法重新办理，请提交新的诉求'),
  },
  withdraw: { from: OPEN, to: ['withdrawn'], by: ['submitter'] },
  auto_close: { from: ['resolved'], to: ['closed'], by: ['system'] },
  // a merged child is answered by its parent's reply (共性诉求集中答复)
  parent_resolved: { from: OPEN, to: ['resolved'], by: ['system'] },
};

export type TransitionCheck = { ok: true } | { ok: false; code: 'CASE_ACTION_FORBIDDEN' | 'CASE_BAD_STATE'; message: string };

const STATUS_WORDS: Record<CaseStatus, string> = {
  submitted: '待受理',
  accepted: '待指派',
  assigned: '待办理',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已关闭',
  rejected: '不予受理',
  withdrawn: '已撤回',
};

/** May someone with these relations take this action now, leading to `to` (when it changes the status)? */
export function checkTransition(
  action: keyof typeof TRANSITIONS,
  c: CaseState,
  relations: ReadonlySet<Relation>,
  to: CaseStatus | null,
  now: Date,
): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (!rule.by.some((r) => relations.has(r))) return { ok: false, code: 'CASE_ACTION_FORBIDDEN', message: '您无权对该工单执行此操作' };
  if (!rule.from.includes(c.status)) return { ok: false, code: 'CASE_BAD_STATE', message: `工单当前状态为「${STATUS_WORDS[c.status]}」，不能执行此操作` };
  if (rule.to === null ? to !== null : to === null || !rule.to.includes(to)) {
    return { ok: false, code: 'CASE_BAD_STATE', message: '工单状态变更不符合流程' };
  }
  const reason = rule.guard?.(c, now);
  if (reason) return { ok: false, code: 'CASE_BAD_STATE', message: reason };
  return { ok: true };
}

/** The actions a viewer may take now (status, relation and guards; inputs are checked later). */
export function availableActions(c: CaseState, relations: ReadonlySet<Relation>, now: Date): CaseAction[] {
  const out: CaseAction[] = [];
  for (const [action, rule] of Object.entries(TRANSITIONS) as [keyof typeof TRANSITIONS, Rule][]) {
    if (action === 'auto_close' || action === 'parent_resolved') continue;
    if (!rule.by.some((r) => r !== 'system' && relations.has(r))) continue;
    if (!rule.from.includes(c.status)) continue;
    if (rule.guard?.(c, now)) continue;
    out.push(action);
  }
  return out;
}

export function isOpen(status: CaseStatus): boolean {
  return OPEN.includes(status);
}
