import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../apps/server/src/db/connect';
import { PiiCipher } from '../../apps/server/src/platform/crypto/pii';
import { parseUscc } from '../../packages/contracts/src/validation/index';
import { demoEmployees, generateRegister } from './coverage';
import { generateMembers, generateOrgs } from './generate';
import { loadDemoProvince, type LoadSummary } from './load';

function activeCounts(seed: number, orgs: number, members: number) {
  const p = generateOrgs({ seed, orgs, members });
  const active = new Map<string, number>();
  for (const batch of generateMembers(p)) for (const m of batch) if (m.status === 'active') active.set(m.orgId, (active.get(m.orgId) ?? 0) + 1);
  return { p, active };
}

describe('demo headcounts and enterprise register', () => {
  it('is deterministic and consistent: employees ≥ members, every union\'s company registered once, valid USCCs', () => {
    const { p, active } = activeCounts(5, 1500, 8000);
    const e1 = demoEmployees(p, active);
    const r1 = generateRegister(p, e1);
    expect(JSON.stringify([...demoEmployees(p, active)])).toBe(JSON.stringify([...e1]));
    expect(JSON.stringify(generateRegister(p, e1))).toBe(JSON.stringify(r1));

    const byId = new Map(p.orgs.map((o) => [o.id, o]));
    for (const o of p.orgs) {
      if (o.kind !== 'enterprise') continue;
      const inside = p.orgs.filter((x) => x.path.startsWith(o.path)).reduce((n, x) => n + (active.get(x.id) ?? 0), 0);
      expect(e1.get(o.id)!).toBeGreaterThanOrEqual(inside);
    }
    const unions = r1.filter((r) => r.unionOrgId);
    expect(unions).toHaveLength(p.orgs.filter((o) => o.kind === 'enterprise').length);
    expect(new Set(unions.map((r) => r.unionOrgId)).size).toBe(unions.length);
    expect(r1.length).toBeGreaterThan(unions.length);
    expect(new Set(r1.map((r) => r.uscc)).size).toBe(r1.length);
    for (const r of r1) {
      expect(parseUscc(r.uscc).ok).toBe(true);
      expect(byId.get(r.areaOrgId)!.kind).toBe('street');
      if (r.unionOrgId) expect(byId.get(r.unionOrgId)!.path.startsWith(r.areaPath)).toBe(true);
    }
  });
});

describe('loaded demo coverage', () => {
  let database: Database;
  let summary: LoadSummary;
  const cipher = new PiiCipher({ activeKeyId: 'k1', keys: { k1: randomBytes(32) }, hmacKey: randomBytes(32) });

  beforeAll(async () => {
    database = await openDatabase({});
    await migrateToLatest(database.db);
    summary = await loadDemoProvince(database, cipher, { seed: 13, orgs: 300, members: 3000 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives the province believable 入会率 and 建会率, every street a register', async () => {
    const c = await database.db.selectFrom('org_counters').selectAll().where('org_id', '=', summary.provinceOrgId).executeTakeFirstOrThrow();
    expect(c.members_total / c.employees_total).toBeGreaterThan(0.4);
    expect(c.members_total / c.employees_total).toBeLessThan(0.95);
    expect(c.ent_unionised_total / c.ent_required_total).toBeGreaterThan(0.4);
    expect(c.ent_unionised_total).toBeLessThan(c.ent_required_total);
    expect(c.verified_total / c.members_total).toBeGreaterThan(0.5); // 实名率
    expect(c.verified_total / c.members_total).toBeLessThan(0.85);
    const street = await database.db.selectFrom('org_counters').selectAll().where('org_id', '=', summary.streetOrgId).executeTakeFirstOrThrow();
    expect(street.employees_total).toBeGreaterThan(street.members_total);
    const streets = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM orgs o WHERE kind = 'street' AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.area_org_id = o.id)`.execute(database.db);
    expect(streets.rows[0]!.n).toBe(0);
    const linked = await sql<{ n: number }>`SELECT count(*)::int AS n FROM enterprises WHERE union_org_id IS NOT NULL`.execute(database.db);
    const ents = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orgs WHERE kind = 'enterprise'`.execute(database.db);
    expect(linked.rows[0]!.n).toBe(ents.rows[0]!.n);
  });
});
