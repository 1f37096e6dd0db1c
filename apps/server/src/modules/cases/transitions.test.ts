import { CASE_STATUSES, type CaseStatus } from '@gonghui/contracts';
import { describe, expect, it } from 'vitest';
import { availableActions, checkTransition, TRANSITIONS, type CaseState, type Relation } from './transitions';

/**
 * The lifecycle, as a specification written out by hand: for every action, the statuses it may
 * start from, where it may lead, and who may take it. The test walks every action × status ×
 * relation × target and checks the engine agrees exactly — nothing more is allowed, nothing less.
 */
const O = ['submitted', 'accepted', 'assigned', 'in_progress'] as const;
const SPEC: Record<keyof typeof TRANSITIONS, { from: readonly CaseStatus[]; to: readonly CaseStatus[] | null; by: readonly Relation[] }> = {
  accept: { from: ['submitted'], to: ['accepted'], by: ['handler', 'system'] },
  reject: { from: ['submitted', 'accepted', 'assigned'], to: ['rejected'], by: ['handler', 'system'] },
  assign: { from: O, to: ['assigned'], by: ['handler', 'system'] },
  start: { from: ['assigned'], to: ['in_progress'], by: ['assignee'] },
  note: { from: [...O, 'resolved'], to: null, by: ['handler', 'assignee'] },
  resolve: { from: ['accepted', 'assigned', 'in_progress'], to: ['resolved'], by: ['assignee', 'handler'] },
  escalate: { from: O, to: ['accepted'], by: ['handler'] },
  transfer: { from: O, to: ['accepted'], by: ['handler'] },
  give_back: { from: ['assigned', 'in_progress'], to: ['accepted'], by: ['assignee'] },
  supervise: { from: O, to: null, by: ['supervisor'] },
  unsupervise: { from: [...O, 'resolved', 'closed', 'rejected', 'withdrawn'], to: null, by: ['supervisor'] },
  merge: { from: O, to: null, by: ['handler'] },
  assess: { from: ['submitted', 'accepted'], to: ['accepted', 'assigned', 'rejected'], by: ['handler'] },
  visit: { from: ['assigned', 'in_progress'], to: ['in_progress'], by: ['assignee'] },
  pay: { from: ['assigned', 'in_progress', 'resolved', 'closed'], to: null, by: ['handler'] },
  refer: { from: ['assigned', 'in_progress', 'resolved', 'closed'], to: null, by: ['handler', 'assignee'] },
  rate: { from: ['resolved'], to: ['closed'], by: ['submitter'] },
  reopen: { from: ['resolved', 'closed'], to: ['in_progress', 'accepted'], by: ['submitter'] },
  withdraw: { from: O, to: ['withdrawn'], by: ['submitter'] },
  auto_close: { from: ['resolved'], to: ['closed'], by: ['system'] },
  parent_resolved: { from: O, to: ['resolved'], by: ['system'] },
};

const RELATIONS: Relation[] = ['submitter', 'assignee', 'handler', 'supervisor', 'system'];
const NOW = new Date('2026-11-20T02:00:00Z');

/** A case on which every guard passes for the given action (guards are tested separately below). */
function permissive(action: keyof typeof TRANSITIONS, status: CaseStatus): CaseState {
  const injury = ['assess', 'visit', 'pay', 'refer'].includes(action);
  return {
    status,
    type: injury ? 'injury_visit' : 'appeal',
    parentId: null,
    hasParentOrg: true,
    supervised: action === 'unsupervise',
    eligible: action === 'assess' ? null : true,
    resolvedAt: new Date(NOW.getTime() - 86_400_000),
    paid: false,
  };
}

describe('case lifecycle: every action × status × relation × target', () => {
  it('the table covers exactly the engine’s actions', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.keys(SPEC).sort());
  });

  for (const action of Object.keys(SPEC) as (keyof typeof SPEC)[]) {
    it(`${action}`, () => {
      const spec = SPEC[action];
      let checked = 0;
      for (const status of CASE_STATUSES) {
        const targets: (CaseStatus | null)[] = [null, ...CASE_STATUSES];
        for (const relation of RELATIONS) {
          for (const to of targets) {
            const expected = spec.from.includes(status) && spec.by.includes(relation) && (spec.to === null ? to === null : to !== null && spec.to.includes(to));
            const got = checkTransition(action, permissive(action, status), new Set([relation]), to, NOW);
            expect(got.ok, `${action} from ${status} by ${relation} to ${to}`).toBe(expected);
            checked++;
          }
        }
      }
      expect(checked).toBe(CASE_STATUSES.length * RELATIONS.length * (CASE_STATUSES.length + 1));
    });
  }
});

describe('guards', () => {
  const base: CaseState = { status: 'in_progress', type: 'appeal', parentId: null, hasParentOrg: true, supervised: false, eligible: null, resolvedAt: null, paid: false };
  const handler = new Set<Relation>(['handler']);

  it('a merged case is handled only through its parent (notes and withdrawal still work)', () => {
    const merged = { ...base, parentId: 'p' };
    for (const a of ['accept', 'reject', 'assign', 'resolve', 'escalate', 'transfer', 'merge'] as const) {
      const r = checkTransition(a, { ...merged, status: a === 'accept' ? 'submitted' : 'assigned' }, handler, TRANSITIONS[a].to?.[0] ?? null, NOW);
      expect(r).toMatchObject({ ok: false, message: '该工单已并入共性诉求，请在主工单办理' });
    }
    expect(checkTransition('note', merged, handler, null, NOW).ok).toBe(true);
    expect(checkTransition('withdraw', merged, new Set(['submitter']), 'withdrawn', NOW).ok).toBe(true);
    expect(checkTransition('parent_resolved', merged, new Set(['system']), 'resolved', NOW).ok).toBe(true);
  });

  it('the top union cannot escalate further', () => {
    expect(checkTransition('escalate', { ...base, hasParentOrg: false }, handler, 'accepted', NOW)).toMatchObject({ ok: false, message: '已是最高一级工会，无法继续上报' });
  });

  it('reopening is possible for 7 days after resolution, not a minute later', () => {
    const submitter = new Set<Relation>(['submitter']);
    const at = (ms: number) => ({ ...base, status: 'resolved' as const, resolvedAt: new Date(NOW.getTime() - ms) });
    expect(checkTransition('reopen', at(7 * 86_400_000), submitter, 'in_progress', NOW).ok).toBe(true);
    expect(checkTransition('reopen', at(7 * 86_400_000 + 60_000), submitter, 'in_progress', NOW)).toMatchObject({ ok: false, message: '办结已超过 7 天，无法重新办理，请提交新的诉求' });
  });

  it('work-injury actions only on 工伤探视; money only after a passed eligibility check', () => {
    expect(checkTransition('assess', { ...base, status: 'submitted' }, handler, 'accepted', NOW).ok).toBe(false);
    const injury = { ...base, type: 'injury_visit' as const };
    expect(checkTransition('assess', { ...injury, status: 'submitted' }, handler, 'accepted', NOW).ok).toBe(true);
    expect(checkTransition('assess', { ...injury, status: 'accepted', eligible: true }, handler, 'accepted', NOW)).toMatchObject({ ok: false, message: '已完成资格核查' });
    expect(checkTransition('pay', { ...injury, eligible: null }, handler, null, NOW)).toMatchObject({ ok: false, message: '资格核查通过后才能发放慰问金' });
    expect(checkTransition('pay', { ...injury, eligible: true }, handler, null, NOW).ok).toBe(true);
    expect(checkTransition('pay', { ...injury, eligible: true, paid: true }, handler, null, NOW)).toMatchObject({ ok: false, message: '该工单已发放过慰问金' });
  });

  it('supervision is put on once and lifted once', () => {
    const sup = new Set<Relation>(['supervisor']);
    expect(checkTransition('supervise', { ...base, supervised: true }, sup, null, NOW).ok).toBe(false);
    expect(checkTransition('unsupervise', base, sup, null, NOW).ok).toBe(false);
  });

  it('refusals say why: no right vs wrong state', () => {
    expect(checkTransition('start', base, handler, 'in_progress', NOW)).toMatchObject({ ok: false, code: 'CASE_ACTION_FORBIDDEN' });
    expect(checkTransition('rate', base, new Set(['submitter']), 'closed', NOW)).toMatchObject({ ok: false, code: 'CASE_BAD_STATE', message: '工单当前状态为「办理中」，不能执行此操作' });
  });
});

describe('available actions (the buttons)', () => {
  it('are exactly the actions whose check passes for some target, never system-only ones', () => {
    const c: CaseState = { status: 'assigned', type: 'appeal', parentId: null, hasParentOrg: true, supervised: false, eligible: null, resolvedAt: null, paid: false };
    expect(availableActions(c, new Set(['assignee']), NOW).sort()).toEqual(['give_back', 'note', 'resolve', 'start']);
    expect(availableActions(c, new Set(['handler']), NOW).sort()).toEqual(['assign', 'escalate', 'merge', 'note', 'reject', 'resolve', 'transfer']);
    expect(availableActions(c, new Set(['submitter']), NOW)).toEqual(['withdraw']);
    expect(availableActions({ ...c, status: 'resolved', resolvedAt: NOW }, new Set(['submitter']), NOW).sort()).toEqual(['rate', 'reopen']);
    expect(availableActions(c, new Set(['system']), NOW)).toEqual([]);
  });
});
