import type { AppDeps } from '../platform/http/context';
import { registerSlaJobs, scheduleSlaSweep } from './approvals/sla';
import { registerCaseJobs, scheduleCaseSweep } from './cases/sweep';
import { registerRosterJobs } from './roster/jobs';
import { AUTO_RELEASE_QUEUE, autoRelease } from './transfer/service';

/** Background work of the business modules: registered once per process, next to the platform's. */
export function registerModuleJobs(deps: AppDeps): void {
  registerSlaJobs(deps.jobs, deps);
  registerRosterJobs(deps);
  registerCaseJobs(deps);
  deps.jobs.register(AUTO_RELEASE_QUEUE, async (payload) => {
    await autoRelease(deps, (payload as { applicationId: string }).applicationId);
  });
}

/** Recurring timers that must exist after every start (idempotent by dedupe key). */
export async function scheduleModuleTimers(deps: AppDeps): Promise<void> {
  await scheduleSlaSweep(deps);
  await scheduleCaseSweep(deps);
}
