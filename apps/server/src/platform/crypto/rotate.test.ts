import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context';
import { factories } from '../../test/factories';
import { PiiCipher } from './pii';
import { rotatePiiKeys } from './rotate';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('PII key rotation (npm run pii:rotate)', () => {
  it('re-encrypts every stale value with the active key, keeps plaintexts, and is safe to re-run', async () => {
    const f = factories(ctx.deps);
    const fx = await f.province();
    const m = await f.member(fx.entA);
    await f.user({ phone: '13900000077' });
    const db = ctx.deps.database.db;
    const oldId = ctx.deps.config.piiKeys.activeKeyId;
    const newKey = randomBytes(32);
    const rotated = new PiiCipher({ activeKeyId: 'k2', keys: { ...ctx.deps.config.piiKeys.keys, k2: newKey }, hmacKey: ctx.deps.config.piiKeys.hmacKey });
    const before = await db.selectFrom('members').select(['id_no_enc', 'phone_enc']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(before.id_no_enc.startsWith(`${oldId}:`)).toBe(true);

    const progress: string[] = [];
    const n = await rotatePiiKeys(db, rotated, 'k2', { batchSize: 1, onProgress: (p) => progress.push(`${p.table}.${p.column}`) });
    expect(n).toBe(3); // the member's 身份证号 and phone, the user's phone
    expect(progress).toContain('members.id_no_enc');
    const after = await db.selectFrom('members').select(['id_no_enc', 'phone_enc']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(after.id_no_enc.startsWith('k2:')).toBe(true);
    expect(rotated.decrypt(after.id_no_enc)).toBe(m.idNumber);
    // a cipher holding only the new key reads everything: the old key can be dropped
    const onlyNew = new PiiCipher({ activeKeyId: 'k2', keys: { k2: newKey }, hmacKey: ctx.deps.config.piiKeys.hmacKey });
    const users = await db.selectFrom('users').select('phone_enc').execute();
    expect(users.map((u) => onlyNew.decrypt(u.phone_enc))).toContain('13900000077');
    expect(await rotatePiiKeys(db, rotated, 'k2')).toBe(0);
  });
});
