import { describe, it, expect } from 'vitest';
import { parseIdNumber, parseUscc, parsePhone } from '../../packages/contracts/src/validation/index';
import { demoMemberIdNumber, generateMembers, generateOrgs, planLevels, type DemoMember } from './generate';
import { Permutation } from './prng';

function firstMembers(seed: number, n: number, batchSize: number): DemoMember[] {
  const province = generateOrgs({ seed, orgs: 3000, members: n });
  const out: DemoMember[] = [];
  for (const batch of generateMembers(province, batchSize)) out.push(...batch);
  return out;
}

describe('demo generator', () => {
  it('same seed ⇒ identical orgs and first 1,000 members (independent of batch size)', () => {
    const a = generateOrgs({ seed: 7, orgs: 3000, members: 1000 });
    const b = generateOrgs({ seed: 7, orgs: 3000, members: 1000 });
    expect(JSON.stringify(a.orgs)).toBe(JSON.stringify(b.orgs));
    const ma = firstMembers(7, 1000, 1000);
    const mb = firstMembers(7, 1000, 137);
    expect(ma).toHaveLength(1000);
    expect(JSON.stringify(ma)).toBe(JSON.stringify(mb));
    const other = firstMembers(8, 1000, 1000);
    expect(other[0]!.idNo).not.toBe(ma[0]!.idNo);
  });

  it('builds a well-formed tree: dfs order, paths from numbers, depths, industry links', () => {
    const p = generateOrgs({ seed: 1, orgs: 3000, members: 0 });
    const byId = new Map(p.orgs.map((o) => [o.id, o]));
    p.orgs.forEach((o, i) => {
      expect(o.no).toBe(i + 1);
      expect(o.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      if (o.parentId === null) {
        expect(o.path).toBe('/1/');
        expect(o.depth).toBe(0);
      } else {
        const parent = byId.get(o.parentId)!;
        expect(parent.no).toBeLessThan(o.no);
        expect(o.path).toBe(`${parent.path}${o.no}/`);
        expect(o.depth).toBe(parent.depth + 1);
      }
      if (o.industryOrgId) {
        const fed = byId.get(o.industryOrgId)!;
        expect(fed.kind).toBe('industry');
        expect(o.path.startsWith(fed.path.split('/').slice(0, 3).join('/') + '/')).toBe(true); // same city
      }
      expect(o.name.length).toBeLessThanOrEqual(100);
      if (o.regionCode) expect(o.regionCode).toMatch(/^32\d{4}$/);
    });
    expect(new Set(p.orgs.map((o) => o.id)).size).toBe(p.orgs.length);
    expect(p.demoStreet.kind).toBe('street');
    expect(p.demoEnterprise.kind).toBe('enterprise');
    expect(p.demoEnterprise.path.startsWith(p.demoStreet.path)).toBe(true);
    expect(p.orgs.some((o) => o.industryOrgId)).toBe(true);
  });

  it('every USCC, 身份证号 and phone passes its validator; id numbers are unique', () => {
    const p = generateOrgs({ seed: 3, orgs: 3000, members: 20000 });
    const usccs = p.orgs.filter((o) => o.uscc).map((o) => o.uscc!);
    expect(usccs.length).toBeGreaterThan(1000);
    for (const u of usccs) expect(parseUscc(u).ok).toBe(true);
    expect(new Set(usccs).size).toBe(usccs.length);
    const ids = new Set<string>();
    for (const batch of generateMembers(p)) {
      for (const m of batch) {
        const r = parseIdNumber(m.idNo, { today: '2026-06-30' });
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.birthDate).toBe(m.birthDate);
          expect(r.gender).toBe(m.gender);
          expect(r.birthDate >= '1960-01-01' && r.birthDate <= '2005-12-31').toBe(true);
        }
        if (m.phone) expect(parsePhone(m.phone).ok).toBe(true);
        expect(m.joinedAt >= '2016-07-01' && m.joinedAt <= '2026-06-30').toBe(true);
        ids.add(m.idNo);
      }
    }
    expect(ids.size).toBe(20000);
    expect(parseIdNumber(demoMemberIdNumber(p)).ok).toBe(true);
    expect(ids.has(demoMemberIdNumber(p))).toBe(false);
  });

  it('level proportions scale with the requested size', () => {
    for (const n of [200, 3000, 100_000]) {
      const plan = planLevels(n);
      const total = 1 + Object.values(plan).reduce((a, b) => a + b, 0);
      expect(Math.abs(total - n) / n).toBeLessThan(0.05);
      expect(plan.industries).toBe(plan.cities * 4);
      expect(plan.enterprises / total).toBeGreaterThan(0.5);
    }
    const full = planLevels(100_000);
    expect(full.cities).toBe(21);
    expect(full.counties).toBeGreaterThanOrEqual(110);
    expect(full.counties).toBeLessThanOrEqual(130);
    expect(full.streets).toBeGreaterThanOrEqual(1400);
    expect(full.streets).toBeLessThanOrEqual(1600);

    const p = generateOrgs({ seed: 1, orgs: 3000, members: 0 });
    const count = (k: string) => p.orgs.filter((o) => o.kind === k).length;
    expect(count('province')).toBe(1);
    expect(count('city')).toBe(p.plan.cities);
    expect(count('industry')).toBe(p.plan.cities * 4);
    expect(count('street')).toBe(p.plan.streets);
    expect(count('enterprise')).toBe(p.plan.enterprises);
    expect(Math.abs(p.orgs.length - 3000)).toBeLessThan(150);
  });

  it('members are skewed towards a few big enterprises and sit only at grassroots nodes', () => {
    const p = generateOrgs({ seed: 1, orgs: 3000, members: 20000 });
    const kindOf = new Map(p.orgs.map((o) => [o.id, o.kind]));
    const perOrg = new Map<string, number>();
    for (const batch of generateMembers(p)) for (const m of batch) perOrg.set(m.orgId, (perOrg.get(m.orgId) ?? 0) + 1);
    for (const id of perOrg.keys()) expect(['province', 'city', 'county', 'street']).not.toContain(kindOf.get(id));
    const sizes = [...perOrg.values()].sort((a, b) => b - a);
    const top1pc = sizes.slice(0, Math.ceil(sizes.length / 100)).reduce((a, b) => a + b, 0);
    expect(top1pc / 20000).toBeGreaterThan(0.15);
    expect(perOrg.get(p.demoEnterprise.id) ?? 0).toBeGreaterThan(0);
  });

  it('the slot permutation is a bijection', () => {
    const perm = new Permutation(1000, 42);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(perm.at(i));
    expect(seen.size).toBe(1000);
    expect(Math.max(...seen)).toBe(999);
  });
});
