import type { AppDeps } from '../../platform/http/context';
import { failImport, runImport } from './importer';
import { findImport } from './repo';

export const ROSTER_IMPORT_QUEUE = 'roster.import';
export const ROSTER_IMPORT_MAX_ATTEMPTS = 3;

/** The import job: runs the file; after the last failed attempt the import is marked failed. */
export function registerRosterJobs(deps: AppDeps): void {
  deps.jobs.register(ROSTER_IMPORT_QUEUE, async (payload, job) => {
    const { importId } = payload as { importId: string };
    try {
      await runImport(deps, importId, { jobId: job.id, attempt: job.attempts });
    } catch (err) {
      if (job.attempts >= ROSTER_IMPORT_MAX_ATTEMPTS) {
        const imp = await findImport(deps.database.db, importId);
        if (imp && imp.status !== 'done' && imp.status !== 'failed') await failImport(deps, imp, '导入过程中出现系统错误，请稍后重新上传该文件');
      }
      throw err;
    }
  });
}
