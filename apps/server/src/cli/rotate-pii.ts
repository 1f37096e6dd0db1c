/**
 * `npm run pii:rotate`: re-encrypt all PII with the active key (PII_ENC_KEY / PII_ENC_KEY_ID).
 * Rotation: set the new key as PII_ENC_KEY with a new PII_ENC_KEY_ID, keep the old one readable as
 * PII_ENC_KEY_<OLDID>, deploy, run this, then drop the old key. Safe to interrupt and re-run.
 */
import { loadConfig } from '../config';
import { migrateToLatest, openDatabase } from '../db/connect';
import { PiiCipher } from '../platform/crypto/pii';
import { rotatePiiKeys } from '../platform/crypto/rotate';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(database.db);
const started = Date.now();
const total = await rotatePiiKeys(database.db, new PiiCipher(config.piiKeys), config.piiKeys.activeKeyId, {
  onProgress: (p) => console.log(`  ${p.table}.${p.column}: 已重新加密 ${p.rewritten} 条`),
});
await database.close();
console.log(`个人信息密钥轮换完成：共重新加密 ${total} 个字段值，当前密钥 ${config.piiKeys.activeKeyId}（${Date.now() - started} ms）`);
