import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { can } from '../../platform/access/permissions';
import { recordAudit } from '../../platform/audit/audit';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { decideFounding, foundingActions } from '../founding/service';
import { decideJoin } from '../join/service';
import { decideTransfer, transferActions } from '../transfer/service';
import { registerApplicationKind, type Decision } from './kinds';
import { findApplication, lockPending, type ApplicationRow } from './repo';

/** Run a decision on a locked, still-pending application with its audit row, in one transaction. */
async function inDecision(
  deps: AppDeps, actor: Actor, id: string, input: Decision, meta: RequestMeta,
  run: (trx: Db, app: ApplicationRow) => Promise<void>,
): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    if (!(await lockPending(trx, id))) throw errors.conflict('APPLICATION_DECIDED', '该申请已办结，请刷新后查看');
    const app = (await findApplication(trx, id))!;
    await run(trx, app);
    await recordAudit(trx, {
      actorId: actor.userId, orgId: app.org_id, orgPath: app.org_path, action: `${app.kind}.${input.decision}`, targetType: 'application', targetId: id, ip: meta.ip,
      details: { stage: app.stage },
    });
  });
}

registerApplicationKind('join', {
  reviewPermission: 'application.review',
  actions: (actor, app) => (app.status === 'pending' && can(actor, 'application.review', app.org_path) ? ['approve', 'reject'] : []),
  decide: (deps, actor, id, input, meta) => inDecision(deps, actor, id, input, meta, (trx, app) => decideJoin(trx, deps, actor, app, input.decision, input.reason)),
});

registerApplicationKind('transfer', {
  reviewPermission: 'application.review',
  actions: transferActions,
  decide: (deps, actor, id, input, meta) => inDecision(deps, actor, id, input, meta, (trx, app) => decideTransfer(trx, deps, actor, app, input.decision, input.reason)),
});

// 网上建会: the founding module runs its own transaction (it creates the org node on approval)
registerApplicationKind('founding', {
  reviewPermission: 'founding.review',
  actions: foundingActions,
  decide: async (deps, actor, id, input, meta) => {
    await decideFounding(deps, actor, id, input, meta);
  },
});
