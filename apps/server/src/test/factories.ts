import { idNumberCheckChar, type OrgKind, type Role } from '@gonghui/contracts';
import { uuidv7 } from 'uuidv7';
import { maskIdNumber, maskPhone } from '../platform/crypto/pii';
import { insertUser } from '../platform/auth/accounts';
import type { AppDeps } from '../platform/http/context';
import { addOrgToCounters, adjustMemberCounters } from '../modules/orgs/counters';
import { insertOrg, nextOrgNo } from '../modules/orgs/repo';

export type TestOrg = { id: string; path: string; name: string; kind: OrgKind };

/** Small factories: each builds one record the way the services would, with sensible defaults. */
export function factories(deps: AppDeps) {
  const db = deps.database.db;
  let seq = 0;

  async function org(parent: TestOrg | null, kind: OrgKind, name?: string): Promise<TestOrg> {
    const id = uuidv7();
    const o = await db.transaction().execute(async (trx) => {
      const no = await nextOrgNo(trx);
      const path = `${parent?.path ?? '/'}${no}/`;
      await insertOrg(trx, { id, no, parentId: parent?.id ?? null, path, depth: path.split('/').length - 3, kind, name: name ?? `${kind}-${++seq}`, regionCode: null, uscc: null, address: null, industryLine: null, industryOrgId: null });
      await addOrgToCounters(trx, id, parent?.path ?? null);
      return { id, path, name: name ?? `${kind}-${seq}`, kind };
    });
    return o;
  }

  let phoneSeq = 0;
  function phone(): string {
    return `139${String(10_000_000 + ++phoneSeq * 7919).slice(-8)}`;
  }

  async function user(opts: { name?: string; phone?: string; password?: string; roles?: { org: TestOrg; role: Role }[] } = {}) {
    const p = opts.phone ?? phone();
    const { id } = await insertUser(db, deps.cipher, { name: opts.name ?? `用户${p.slice(-4)}`, phone: p, password: opts.password });
    for (const r of opts.roles ?? []) {
      await db.insertInto('role_assignments').values({ id: uuidv7(), user_id: id, org_id: r.org.id, org_path: r.org.path, role: r.role, granted_by: null }).execute();
    }
    return { id, phone: p, password: opts.password };
  }

  let idSeq = 0;
  function idNumber(birth = '19900101', gender: 'M' | 'F' = 'F'): string {
    const order = String((++idSeq * 2 + (gender === 'M' ? 1 : 0)) % 1000).padStart(3, '0');
    const first17 = `440305${birth}${order}`;
    return first17 + idNumberCheckChar(first17);
  }

  async function member(o: TestOrg, opts: { userId?: string; name?: string } = {}) {
    const id = uuidv7();
    const idNo = idNumber();
    const p = phone();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('members')
        .values({
          id,
          user_id: opts.userId ?? null,
          org_id: o.id,
          org_path: o.path,
          name: opts.name ?? '李会员',
          id_no_enc: deps.cipher.encrypt(idNo),
          id_no_hash: deps.cipher.blindIndex('idno', idNo),
          id_no_masked: maskIdNumber(idNo),
          phone_enc: deps.cipher.encrypt(p),
          phone_hash: deps.cipher.blindIndex('phone', p),
          phone_masked: maskPhone(p),
          gender: 'F',
          birth_date: '1990-01-01',
          joined_at: '2024-03-01',
        })
        .execute();
      await adjustMemberCounters(trx, o.path, 1);
    });
    return { id, idNumber: idNo };
  }

  /** province → city → county → streets A and B, each with an enterprise: the usual scope fixture */
  async function province() {
    const prov = await org(null, 'province', '测试省总工会');
    const city = await org(prov, 'city', '测试市总工会');
    const county = await org(city, 'county', '测试区总工会');
    const streetA = await org(county, 'street', '甲街道总工会');
    const streetB = await org(county, 'street', '乙街道总工会');
    const entA = await org(streetA, 'enterprise', '甲科技有限公司工会');
    const entB = await org(streetB, 'enterprise', '乙物流有限公司工会');
    return { prov, city, county, streetA, streetB, entA, entB };
  }

  return { org, user, member, phone, idNumber, province };
}

export const PASSWORD = 'Test@2026pw';
