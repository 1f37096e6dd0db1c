import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** connections per process to the PostgreSQL server */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** base64 32-byte keys; generated into DATA_DIR/secrets.json in embedded mode only */
  PII_ENC_KEY: z.string().optional(),
  PII_ENC_KEY_ID: z.string().default('k1'),
  PII_HMAC_KEY: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** load the demo province on first start (default: on for the embedded database) */
  DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  DEMO_SEED: z.coerce.number().int().default(20260101),
  DEMO_ORGS: z.coerce.number().int().positive().default(3000),
  DEMO_MEMBERS: z.coerce.number().int().nonnegative().default(20000),
  SERVE_WEB: z.enum(['0', '1']).default('1'),
  WEB_DIST: z.string().optional(),
  /** seconds the job worker waits between polls when idle */
  JOB_POLL_MS: z.coerce.number().int().positive().default(1000),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Ed25519 private key (PKCS#8 PEM or base64 DER) that signs member-card QR tokens */
  CARD_SIGNING_KEY: z.string().optional(),
  /** working days a join/transfer/founding application may wait for a decision (知工: < 3) */
  REVIEW_WORKDAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** calendar days after which an unanswered transfer is released by the old org automatically */
  TRANSFER_AUTO_RELEASE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** uploads (rosters) and generated reports; default DATA_DIR/files */
  FILES_DIR: z.string().optional(),
});

export type AppConfig = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  logLevel: string;
  piiKeys: { activeKeyId: string; keys: Record<string, Buffer>; hmacKey: Buffer };
  sessionTtlHours: number;
  demo: { enabled: boolean; seed: number; orgs: number; members: number };
  serveWeb: boolean;
  webDist: string;
  jobPollMs: number;
  trustProxy: boolean;
  cardSigningKey: KeyObject;
  filesDir: string;
  membership: { reviewWorkdays: number; transferAutoReleaseDays: number };
};

type Secrets = { piiEncKey: string; piiHmacKey: string; cardSigningKey?: string };

/** Embedded mode only: secrets are generated once and kept next to the data they protect. */
function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const existing = JSON.parse(readFileSync(file, 'utf8')) as Secrets;
    if (existing.cardSigningKey) return existing;
    // an installation from before member cards: add the card key, keep the PII keys
    existing.cardSigningKey = newCardKey();
    writeFileSync(file, JSON.stringify(existing, null, 2), { mode: 0o600 });
    return existing;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: Secrets = {
    piiEncKey: randomBytes(32).toString('base64'),
    piiHmacKey: randomBytes(32).toString('base64'),
    cardSigningKey: newCardKey(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function newCardKey(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function cardKey(value: string): KeyObject {
  try {
    const key = value.includes('BEGIN')
      ? createPrivateKey(value)
      : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new Error('配置错误：CARD_SIGNING_KEY 必须是 Ed25519 私钥（PKCS#8 PEM 或 base64 DER）');
  }
}

function key32(name: string, b64: string): Buffer {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length !== 32) throw new Error(`配置错误：${name} 必须是 32 字节的 base64 密钥`);
  return buf;
}

/** Extra keys for rotation: PII_ENC_KEY_<ID>=base64 keeps old ciphertexts readable. */
function extraKeys(env: NodeJS.ProcessEnv): Record<string, Buffer> {
  const keys: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(env)) {
    const m = /^PII_ENC_KEY_([A-Za-z0-9]+)$/.exec(name);
    if (m && value && m[1] !== 'ID') keys[m[1]!] = key32(name, value);
  }
  return keys;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`配置错误 (environment):\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const embedded = !e.DATABASE_URL;
  let encKey = e.PII_ENC_KEY;
  let hmacKey = e.PII_HMAC_KEY;
  let signingKey = e.CARD_SIGNING_KEY;
  if (!encKey || !hmacKey || !signingKey) {
    if (!embedded && e.NODE_ENV === 'production') {
      throw new Error('配置错误：生产环境使用 DATABASE_URL 时必须设置 PII_ENC_KEY、PII_HMAC_KEY 与 CARD_SIGNING_KEY');
    }
    const s = loadOrCreateSecrets(dataDir);
    encKey ??= s.piiEncKey;
    hmacKey ??= s.piiHmacKey;
    signingKey ??= s.cardSigningKey!;
  }
  const keys = { ...extraKeys(env), [e.PII_ENC_KEY_ID]: key32('PII_ENC_KEY', encKey) };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    piiKeys: { activeKeyId: e.PII_ENC_KEY_ID, keys, hmacKey: key32('PII_HMAC_KEY', hmacKey) },
    sessionTtlHours: e.SESSION_TTL_HOURS,
    demo: {
      enabled: e.DEMO === 'on' || (e.DEMO === 'auto' && embedded),
      seed: e.DEMO_SEED,
      orgs: e.DEMO_ORGS,
      members: e.DEMO_MEMBERS,
    },
    serveWeb: e.SERVE_WEB === '1',
    webDist: resolve(e.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    jobPollMs: e.JOB_POLL_MS,
    trustProxy: e.TRUST_PROXY === '1',
    cardSigningKey: cardKey(signingKey),
    filesDir: resolve(e.FILES_DIR ?? join(dataDir, 'files')),
    membership: { reviewWorkdays: e.REVIEW_WORKDAYS, transferAutoReleaseDays: e.TRANSFER_AUTO_RELEASE_DAYS },
  };
}
