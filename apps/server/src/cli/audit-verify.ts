/** `npm run audit:verify`: walk the audit hash chain of the configured database and report. */
import { loadConfig } from '../config';
import { migrateToLatest, openDatabase } from '../db/connect';
import { verifyAuditChain } from '../platform/audit/audit';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(database.db);
const started = Date.now();
const status = await verifyAuditChain(database.db);
await database.close();
if (status.ok) {
  console.log(`审计哈希链完整：已校验 ${status.checked} 条 (${Date.now() - started} ms)`);
} else {
  console.error(`审计哈希链断裂：第 ${status.firstBrokenSeq} 条记录被篡改或缺失（其前 ${status.checked} 条完好）`);
  process.exit(2);
}
