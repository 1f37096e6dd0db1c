import { sql } from 'kysely';
import type { Db } from '../../apps/server/src/db/connect';
import { mustUnionise } from '../../packages/contracts/src/enterprises';
import { makeUscc, USCC_ALPHABET } from '../../packages/contracts/src/validation/index';
import type { DemoMember, DemoOrg, DemoProvince } from './generate';
import { Rng, uuidv7From } from './prng';
import { BRAND_CHARS, SECTORS, SURNAMES } from './words';

/**
 * Coverage data for the demo province, so the statistics show meaningful 实名率, 入会率 and 建会率:
 * - headcounts (职工数): every enterprise union has at least as many employees as members in its
 *   subtree (branches and groups are part of the enterprise); joint/community/park unions and the
 *   industry federations cover the workers of small firms and platforms around their members;
 * - an enterprise register (非公企业数据库) per street: each enterprise union's company (linked), plus
 *   firms without a union, some above and some below the 25-employee threshold.
 * Deterministic: the same seed and the same member counts give the same rows.
 */

const ENTERPRISE_EPOCH = Date.UTC(2025, 2, 1);

export type DemoRegisterEntry = {
  id: string;
  areaOrgId: string;
  areaPath: string;
  name: string;
  uscc: string;
  headcount: number;
  unionOrgId: string | null;
  industry: string;
  contactName: string;
};

/** 实名 (real-name verified): about two thirds of the demo members, those with a phone, deterministically. */
export function demoVerified(m: Pick<DemoMember, 'status' | 'phone' | 'birthDate'>): boolean {
  return m.status === 'active' && m.phone !== null && Number(m.birthDate.slice(8, 10)) % 4 !== 0;
}

/** Headcount per org id (only orgs with a headcount are listed). `activeByOrg`: active members registered directly at each org. */
export function demoEmployees(province: DemoProvince, activeByOrg: ReadonlyMap<string, number>): Map<string, number> {
  const rng = new Rng(province.options.seed, 'employees');
  const byId = new Map(province.orgs.map((o) => [o.id, o]));
  // members of branches and groups count towards their enterprise
  const enterpriseOf = (o: DemoOrg): DemoOrg | null => {
    for (let x: DemoOrg | undefined = o; x; x = x.parentId ? byId.get(x.parentId) : undefined) {
      if (x.kind === 'enterprise') return x;
    }
    return null;
  };
  const entMembers = new Map<string, number>();
  for (const [orgId, n] of activeByOrg) {
    const org = byId.get(orgId);
    const ent = org && (org.kind === 'enterprise' || org.kind === 'branch' || org.kind === 'group') ? enterpriseOf(org) : null;
    if (ent) entMembers.set(ent.id, (entMembers.get(ent.id) ?? 0) + n);
  }
  const out = new Map<string, number>();
  for (const o of province.orgs) {
    const u = rng.next();
    const direct = activeByOrg.get(o.id) ?? 0;
    let employees = 0;
    if (o.kind === 'enterprise') {
      const m = entMembers.get(o.id) ?? 0;
      // 入会率 of an enterprise between 55% and 90%; a union without members yet is a small firm
      employees = m > 0 ? Math.ceil(m / (0.55 + 0.35 * u)) : 3 + rng.int(10);
    } else if (o.kind === 'community' || o.kind === 'park' || o.kind === 'joint') {
      employees = Math.ceil(direct * (1.15 + 0.6 * u));
    } else if (o.kind === 'industry') {
      employees = Math.ceil(direct * (1.4 + 0.8 * u)); // platform workers are the hardest to reach
    }
    if (employees > 0) out.set(o.id, employees);
  }
  return out;
}

/** The enterprise register of every street, given the enterprise unions' headcounts. */
export function generateRegister(province: DemoProvince, employees: ReadonlyMap<string, number>): DemoRegisterEntry[] {
  const rng = new Rng(province.options.seed, 'register');
  const byId = new Map(province.orgs.map((o) => [o.id, o]));
  const streetOf = (o: DemoOrg): DemoOrg | null => {
    for (let x: DemoOrg | undefined = o; x; x = x.parentId ? byId.get(x.parentId) : undefined) if (x.kind === 'street') return x;
    return null;
  };
  const unions = new Map<string, DemoOrg[]>(); // street id → its enterprise unions, in tree order
  for (const o of province.orgs) {
    if (o.kind !== 'enterprise') continue;
    const street = streetOf(o);
    if (!street) continue;
    const list = unions.get(street.id);
    if (list) list.push(o);
    else unions.set(street.id, [o]);
  }
  const usedUscc = new Set<string>();
  const usedName = new Set<string>();
  const uscc = (region: string) => {
    for (;;) {
      let code = 'MD';
      for (let i = 0; i < 7; i++) code += USCC_ALPHABET[rng.int(USCC_ALPHABET.length)];
      // 9 = 市场监管 (工商) registration, 1 = 企业: the company's own code, not its union's
      const u = makeUscc(`91${region}${code}`);
      if (!usedUscc.has(u)) {
        usedUscc.add(u);
        return u;
      }
    }
  };
  const contact = () => rng.pick(SURNAMES) + rng.pick(['经理', '主任', '女士', '先生']);
  let n = 0;
  const out: DemoRegisterEntry[] = [];
  for (const street of province.orgs) {
    if (street.kind !== 'street') continue;
    const region = street.regionCode ?? street.homeRegion;
    const place = street.name.replace(/(街道|镇|乡)总工会$/, '').slice(0, 2);
    const mine = unions.get(street.id) ?? [];
    let required = 0;
    for (const u of mine) {
      const sector = SECTORS.find((s) => u.name.includes(`${s.name}有限公司`))?.name ?? '综合';
      const headcount = employees.get(u.id) ?? 0;
      if (mustUnionise(headcount)) required++;
      const name = u.name.replace(/工会委员会$/, '');
      usedName.add(name);
      out.push({ id: uuidv7From(ENTERPRISE_EPOCH + n++, rng), areaOrgId: street.id, areaPath: street.path, name, uscc: uscc(region), headcount, unionOrgId: u.id, industry: sector, contactName: contact() });
    }
    // firms still without a union: 建会率 mostly between 50% and 95% per street, plus a few small shops
    const big = Math.round(required * (0.05 + 0.6 * rng.next() ** 2)) + (rng.chance(0.25) ? 1 : 0);
    const small = rng.range(1, 5);
    for (let i = 0; i < big + small; i++) {
      const sector = rng.pick(SECTORS);
      let name = '';
      for (let attempt = 0; attempt < 30 && (!name || usedName.has(name)); attempt++) {
        name = `${place}${rng.pick(BRAND_CHARS)}${rng.pick(BRAND_CHARS)}${sector.name}有限公司`;
      }
      if (usedName.has(name)) name = `${name}（${n}）`;
      usedName.add(name);
      const headcount = i < big ? 25 + Math.round(Math.exp(3 + 1.1 * Math.abs(rng.gaussian()))) : 3 + rng.int(22);
      out.push({ id: uuidv7From(ENTERPRISE_EPOCH + n++, rng), areaOrgId: street.id, areaPath: street.path, name, uscc: uscc(region), headcount, unionOrgId: null, industry: sector.name, contactName: contact() });
    }
  }
  return out;
}

/** Write headcounts and the register (before rebuildOrgCounters, which sums them up the tree). */
export async function loadCoverage(db: Db, province: DemoProvince, activeByOrg: ReadonlyMap<string, number>, batchSize = 5000): Promise<{ orgsWithEmployees: number; enterprises: number }> {
  const employees = demoEmployees(province, activeByOrg);
  const ids = [...employees.keys()];
  for (let i = 0; i < ids.length; i += batchSize) {
    const part = ids.slice(i, i + batchSize);
    await sql`
      UPDATE orgs o SET employees = d.employees
        FROM unnest(${part}::uuid[], ${part.map((id) => employees.get(id)!)}::int[]) AS d(id, employees)
       WHERE o.id = d.id`.execute(db);
  }
  const register = generateRegister(province, employees);
  for (let i = 0; i < register.length; i += batchSize) {
    const rows = register.slice(i, i + batchSize);
    await sql`
      INSERT INTO enterprises (id, area_org_id, area_path, name, uscc, headcount, must_unionise, union_org_id, industry, contact_name)
      SELECT * FROM unnest(
        ${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.areaOrgId)}::uuid[], ${rows.map((r) => r.areaPath)}::text[],
        ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.uscc)}::text[], ${rows.map((r) => r.headcount)}::int[],
        ${rows.map((r) => mustUnionise(r.headcount))}::bool[], ${rows.map((r) => r.unionOrgId)}::uuid[],
        ${rows.map((r) => r.industry)}::text[], ${rows.map((r) => r.contactName)}::text[])`.execute(db);
  }
  return { orgsWithEmployees: ids.length, enterprises: register.length };
}
