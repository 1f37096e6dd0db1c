import type { ApplicationKind } from '@gonghui/contracts';
import type { Actor } from '../../platform/access/actor';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import type { ApplicationRow } from './repo';

export type ApplicationAction = 'approve' | 'reject' | 'return' | 'release' | 'accept' | 'withdraw' | 'record_congress';
export type Decision = { decision: 'approve' | 'reject' | 'return'; reason?: string | undefined };

/**
 * What each kind of application plugs into the shared inbox: who may act on it now, and how a
 * decision is carried out (each kind runs its own transaction and audit row).
 */
export type ApplicationKindHandler = {
  /** the permission that puts the application in a cadre's inbox */
  reviewPermission: 'application.review' | 'founding.review';
  actions(actor: Actor, app: ApplicationRow): ApplicationAction[];
  decide(deps: AppDeps, actor: Actor, applicationId: string, input: Decision, meta: RequestMeta): Promise<void>;
};

const handlers = new Map<ApplicationKind, ApplicationKindHandler>();

export function registerApplicationKind(kind: ApplicationKind, handler: ApplicationKindHandler): void {
  handlers.set(kind, handler);
}

export function handlerFor(kind: ApplicationKind): ApplicationKindHandler {
  const h = handlers.get(kind);
  if (!h) throw new Error(`no handler registered for application kind ${kind}`);
  return h;
}
