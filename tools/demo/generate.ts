import { idNumberCheckChar, makeUscc, USCC_ALPHABET } from '../../packages/contracts/src/validation/index';
import { Permutation, Rng, WeightedPicker, uuidv7From } from './prng';
import {
  BRANCH_NAMES,
  BRAND_CHARS,
  CITY_NAMES,
  CN_NUMBERS,
  GIVEN_FEMALE,
  GIVEN_MALE,
  GROUP_NAMES,
  INDUSTRY_FEDERATIONS,
  JOINT_KINDS,
  MOBILE_PREFIXES,
  PARK_SUFFIXES,
  PLACE_FIRST,
  PLACE_SECOND,
  PROVINCE_NAME,
  ROADS,
  SECTORS,
  SURNAMES,
  type IndustryLine,
} from './words';

/**
 * Deterministic generator of a fictional province (「江南省总工会」) for demos and benchmarks.
 *
 * - Orgs: province → cities (+ four 行业工会联合会 per city: 快递/外卖/网约车/货运) → counties/districts →
 *   towns/streets → communities, parks, joint unions → enterprise unions → branches → groups. Level
 *   sizes scale with `orgs` so that the total is close to it (100k ⇒ 21 cities, ~120 counties,
 *   ~1,500 streets, ~71k enterprises). Orgs are returned in depth-first order: every parent comes before
 *   its children, `no` is 1..n in that order and `path` is '/1/5/77/'.
 * - Members: streamed in batches (never all in memory). Every 身份证号 is valid (GB 11643 checksum, real
 *   calendar birth date 1960–2005) but uses region codes 3271xx–3291xx, which no real prefecture has,
 *   so no number can belong to a real person; (birth date, sequence) pairs are handed out by a keyed
 *   permutation, so numbers are unique without remembering them.
 * - Same seed and sizes ⇒ identical output, byte for byte.
 */

export type DemoOptions = { seed: number; orgs: number; members: number };

export type DemoOrgKind =
  | 'province'
  | 'city'
  | 'county'
  | 'street'
  | 'community'
  | 'park'
  | 'joint'
  | 'industry'
  | 'enterprise'
  | 'branch'
  | 'group';

export type DemoOrg = {
  id: string;
  no: number;
  parentId: string | null;
  path: string;
  /** 0 at the province, +1 per level */
  depth: number;
  kind: DemoOrgKind;
  name: string;
  regionCode: string | null;
  uscc: string | null;
  address: string | null;
  industryLine: IndustryLine | null;
  industryOrgId: string | null;
  /** relative share of members registered directly here (0 for province/city/county/street) */
  memberWeight: number;
  /** 6-digit county code where this org's people mostly come from (for members' id numbers) */
  homeRegion: string;
};

export type DemoMember = {
  id: string;
  orgId: string;
  orgPath: string;
  name: string;
  /** 18-character 身份证号, valid */
  idNo: string;
  phone: string | null;
  gender: 'M' | 'F';
  birthDate: string;
  status: 'active' | 'transferred' | 'retired' | 'left';
  joinedAt: string;
};

export type LevelPlan = {
  cities: number;
  industries: number;
  counties: number;
  streets: number;
  hubs: number;
  enterprises: number;
  branches: number;
  groups: number;
};

export type DemoProvince = {
  options: DemoOptions;
  plan: LevelPlan;
  /** depth-first: parents before children */
  orgs: DemoOrg[];
  province: DemoOrg;
  /** first street of the first county of the first city (the demo street cadre's scope) */
  demoStreet: DemoOrg;
  /** first enterprise under the demo street (the demo member's union) */
  demoEnterprise: DemoOrg;
  /** every county/district region code, for members from elsewhere in the province */
  countyCodes: string[];
};

export const PROVINCE_REGION_CODE = '320000';
/** fixed epochs so ids are reproducible (UUIDv7 timestamps) */
export const ORG_ID_EPOCH = Date.UTC(2025, 0, 1);
export const MEMBER_ID_EPOCH = Date.UTC(2025, 1, 1);
/** "today" for generated dates, fixed for reproducibility */
export const REFERENCE_DATE = '2026-06-30';
const BIRTH_FROM = '1960-01-01';
const BIRTH_TO = '2005-12-31';
const JOIN_FROM = '2016-07-01';
const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const BIRTH_DAY0 = dayOf(BIRTH_FROM);
const BIRTH_DAYS = dayOf(BIRTH_TO) - BIRTH_DAY0 + 1;
/** generated members use sequence numbers 000–899; 900–999 are kept for hand-made demo people */
const GENERATED_SEQS = 900;
export const MAX_MEMBERS = BIRTH_DAYS * GENERATED_SEQS;

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Level sizes for a total of about `orgs` nodes (exact total = sum of the plan + 1). */
export function planLevels(orgs: number): LevelPlan {
  const n = Math.max(60, orgs);
  const f = n / 100_000;
  const cities = clamp(Math.round(21 * f ** 0.3), 2, 21);
  const industries = cities * 4;
  const counties = clamp(Math.round(120 * f ** 0.4), cities, 8 * cities);
  const rest = Math.max(0, n - 1 - cities - industries - counties);
  const streets = clamp(Math.round(rest * 0.0152 * (1 / f) ** 0.25), counties, Math.max(counties, Math.floor(rest / 4)));
  const rest2 = Math.max(0, rest - streets);
  const hubs = Math.round(rest2 * 0.125);
  const branches = Math.round(rest2 * 0.06);
  const groups = Math.round(rest2 * 0.09);
  const enterprises = Math.max(streets, rest2 - hubs - branches - groups);
  return { cities, industries, counties, streets, hubs, enterprises, branches, groups };
}

/** Split `total` into `n` random parts of at least `min` each (when possible). */
function distribute(total: number, n: number, rng: Rng, min = 0, spread = 1): number[] {
  if (n <= 0) return [];
  const base = Math.min(min, Math.floor(total / n));
  const out = new Array<number>(n).fill(base);
  let rest = total - base * n;
  const weights = Array.from({ length: n }, () => 1 - spread / 2 + rng.next() * spread);
  const sum = weights.reduce((a, b) => a + b, 0);
  const share = rest;
  for (let i = 0; i < n; i++) {
    const k = Math.floor((share * weights[i]!) / sum);
    out[i]! += k;
    rest -= k;
  }
  while (rest > 0) {
    out[rng.int(n)]! += 1;
    rest -= 1;
  }
  return out;
}

type Draft = {
  kind: DemoOrgKind;
  name: string;
  regionCode: string | null;
  uscc: string | null;
  address: string | null;
  industryLine: IndustryLine | null;
  industryRef: Draft | null;
  memberWeight: number;
  homeRegion: string;
  children: Draft[];
  org?: DemoOrg;
};

function draft(kind: DemoOrgKind, name: string, homeRegion: string, extra: Partial<Draft> = {}): Draft {
  return {
    kind,
    name,
    regionCode: homeRegion,
    uscc: null,
    address: null,
    industryLine: null,
    industryRef: null,
    memberWeight: 0,
    homeRegion,
    children: [],
    ...extra,
  };
}

function placeName(rng: Rng, used: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = rng.pick(PLACE_FIRST);
    const second = rng.pick(PLACE_SECOND);
    if (first === second) continue;
    const name = first + second;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  // crowded: three characters
  for (;;) {
    const name = rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND) + rng.pick(PLACE_SECOND);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function address(rng: Rng, prefix: string): string {
  return `${prefix}${rng.pick(ROADS)}路${rng.range(1, 999)}号`;
}

/** Build the org tree for `options` (deterministic). Members come from `generateMembers`. */
export function generateOrgs(options: DemoOptions): DemoProvince {
  const rng = new Rng(options.seed, 'orgs');
  const plan = planLevels(options.orgs);
  const usedUscc = new Set<string>();
  const usedCompany = new Set<string>();
  const countyCodes: string[] = [];

  const newUscc = (region: string): string => {
    for (;;) {
      let code = 'MC';
      for (let i = 0; i < 7; i++) code += USCC_ALPHABET[rng.int(USCC_ALPHABET.length)];
      // 8 = 工会 registration authority, 1 = 基层工会 (a union's own legal-person code)
      const uscc = makeUscc(`81${region}${code}`);
      if (!usedUscc.has(uscc)) {
        usedUscc.add(uscc);
        return uscc;
      }
    }
  };

  const root = draft('province', `${PROVINCE_NAME}总工会`, PROVINCE_REGION_CODE);
  root.address = `${PROVINCE_NAME}${CITY_NAMES[0]}市工人路1号`;
  const sectorPicker = new WeightedPicker(SECTORS, SECTORS.map((s) => s.weight));

  const countiesPerCity = distribute(plan.counties, plan.cities, rng, 1, 0.8);
  const allStreets: Array<{ draft: Draft; city: string; cityIndex: number; county: string; code: string; prefix: string }> = [];
  const federations: Array<Record<IndustryLine, Draft>> = [];

  for (let c = 0; c < plan.cities; c++) {
    const cityShort = CITY_NAMES[c]!;
    const cityCode = `32${71 + c}00`;
    const city = draft('city', `${cityShort}市总工会`, cityCode, { address: address(rng, `${PROVINCE_NAME}${cityShort}市`) });
    root.children.push(city);

    const feds = {} as Record<IndustryLine, Draft>;
    for (const f of INDUSTRY_FEDERATIONS) {
      const fed = draft('industry', `${cityShort}市${f.name}`, cityCode, {
        industryLine: f.line,
        memberWeight: 0, // set below, once the city size is known
        address: address(rng, `${cityShort}市`),
      });
      feds[f.line] = fed;
      city.children.push(fed);
    }
    federations.push(feds);

    const nCounties = countiesPerCity[c]!;
    const usedCounty = new Set<string>();
    const districts = Math.max(1, Math.ceil(nCounties * 0.55));
    for (let k = 0; k < nCounties; k++) {
      const isDistrict = k < districts;
      const isCountyCity = !isDistrict && k === nCounties - 1 && nCounties > 3;
      const suffix = isDistrict ? '区' : isCountyCity ? '市' : '县';
      const num = isDistrict ? 2 + k : isCountyCity ? 81 : 21 + (k - districts);
      const code = `32${71 + c}${String(num).padStart(2, '0')}`;
      countyCodes.push(code);
      const cname = placeName(rng, usedCounty) + suffix;
      const county = draft('county', `${cname}总工会`, code, { address: address(rng, `${cityShort}市${cname}`) });
      city.children.push(county);
      allStreets.push({ draft: county, city: cityShort, cityIndex: c, county: cname, code, prefix: isDistrict ? 'd' : 'c' });
    }
  }

  // streets under counties
  const counties = allStreets.splice(0);
  const streetsPerCounty = distribute(plan.streets, counties.length, rng, 1, 1);
  counties.forEach((cty, i) => {
    const used = new Set<string>();
    for (let s = 0; s < streetsPerCounty[i]!; s++) {
      const nm = placeName(rng, used);
      const type = cty.prefix === 'd' ? '街道' : rng.chance(0.85) ? '镇' : '乡';
      const street = draft('street', `${nm}${type}总工会`, cty.code, {
        address: address(rng, `${cty.city}市${cty.county}${nm}${type}`),
      });
      cty.draft.children.push(street);
      allStreets.push({ draft: street, city: cty.city, cityIndex: cty.cityIndex, county: cty.county, code: cty.code, prefix: `${cty.city}市${cty.county}${nm}${type}` });
    }
  });

  // hubs (community / park / joint) and enterprises under streets
  const hubsPerStreet = distribute(plan.hubs, allStreets.length, rng, 0, 1.2);
  const entPerStreet = distribute(plan.enterprises, allStreets.length, rng, 1, 1.4);
  const enterprises: Draft[] = [];
  let demoEnterprise: Draft | null = null;
  allStreets.forEach((st, i) => {
    const used = new Set<string>();
    const hubs: Draft[] = [];
    const rural = !st.prefix.endsWith('街道');
    for (let h = 0; h < hubsPerStreet[i]!; h++) {
      const r = rng.next();
      let hub: Draft;
      if (r < 0.55) {
        const nm = placeName(rng, used);
        hub = draft('community', rural ? `${nm}村工会` : `${nm}社区工会`, st.code, { memberWeight: 1.5 });
      } else if (r < 0.72) {
        const nm = placeName(rng, used);
        hub = draft('park', `${nm}${rng.pick(PARK_SUFFIXES)}工会联合会`, st.code, { memberWeight: 3 });
      } else {
        const nm = placeName(rng, used);
        hub = draft('joint', `${nm}${rng.pick(JOINT_KINDS).suffix}`, st.code, { memberWeight: 3 });
      }
      hub.address = address(rng, st.prefix);
      hubs.push(hub);
      st.draft.children.push(hub);
    }
    for (let e = 0; e < entPerStreet[i]!; e++) {
      const sector = sectorPicker.pick(rng);
      let name = '';
      for (let attempt = 0; attempt < 20; attempt++) {
        const brand = rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
        name = `${st.city}${brand}${sector.name}有限公司`;
        if (!usedCompany.has(name)) break;
        name = `${st.city}${brand}${sector.name}有限公司${st.county.slice(0, -1)}分公司`;
        if (!usedCompany.has(name)) break;
      }
      usedCompany.add(name);
      const feds = federations[st.cityIndex]!;
      const ent = draft('enterprise', `${name}工会委员会`, st.code, {
        uscc: newUscc(st.code),
        address: address(rng, st.prefix),
        memberWeight: Math.exp(0.9 * rng.gaussian()) * (sector.big ?? 1),
        industryRef: sector.line && rng.chance(0.8) ? feds[sector.line] : null,
      });
      const parent = hubs.length > 0 && rng.chance(0.55) ? rng.pick(hubs) : st.draft;
      parent.children.push(ent);
      enterprises.push(ent);
      // the demo member's union: the first ordinary (non-platform) enterprise of the demo street
      if (i === 0 && !demoEnterprise && !sector.line) {
        demoEnterprise = ent;
        ent.memberWeight = Math.max(ent.memberWeight, 12);
      }
    }
  });

  // a few big enterprises with branches (分工会) and groups (工会小组)
  const bigCount = Math.max(1, Math.round(enterprises.length * 0.03));
  const bigIdx = rng.sample(enterprises.length, bigCount);
  const big = bigIdx.map((i) => enterprises[i]!);
  for (const b of big) b.memberWeight *= 30 + rng.next() * 90;
  const branchesPerBig = distribute(plan.branches, big.length, rng, 0, 1.5);
  const branchDrafts: Draft[] = [];
  big.forEach((b, i) => {
    const used = new Set<string>();
    for (let k = 0; k < branchesPerBig[i]!; k++) {
      let nm: string = rng.pick(BRANCH_NAMES);
      if (used.has(nm)) nm = `第${used.size + 1}事业部`;
      used.add(nm);
      const br = draft('branch', `${nm}分工会`, b.homeRegion, { memberWeight: b.memberWeight * 0.05 });
      b.children.push(br);
      branchDrafts.push(br);
    }
  });
  const groupParents = branchDrafts.length > 0 ? branchDrafts : big;
  const groupsPer = distribute(plan.groups, groupParents.length, rng, 0, 1.5);
  groupParents.forEach((p, i) => {
    for (let k = 0; k < groupsPer[i]!; k++) {
      const nm = `${rng.pick(GROUP_NAMES)}${CN_NUMBERS[k % CN_NUMBERS.length]}组工会小组`;
      p.children.push(draft('group', nm, p.homeRegion, { memberWeight: 0.8 }));
    }
  });

  // industry federations take new-form workers who have no enterprise union (about 6% of members)
  const totalWeight = [...enterprises, ...branchDrafts].reduce((a, d) => a + d.memberWeight, 0);
  for (const feds of federations) {
    for (const f of Object.values(feds)) f.memberWeight = (totalWeight * 0.06) / (federations.length * 4);
  }

  // assign numbers, ids and paths depth-first
  const idRng = new Rng(options.seed, 'org-ids');
  const orgs: DemoOrg[] = [];
  const stack: Array<{ d: Draft; parent: DemoOrg | null }> = [{ d: root, parent: null }];
  while (stack.length > 0) {
    const { d, parent } = stack.pop()!;
    const no = orgs.length + 1;
    const org: DemoOrg = {
      id: uuidv7From(ORG_ID_EPOCH + no, idRng),
      no,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${no}/`,
      depth: parent ? parent.depth + 1 : 0,
      kind: d.kind,
      name: d.name,
      regionCode: d.regionCode,
      uscc: d.uscc,
      address: d.address,
      industryLine: d.industryLine,
      industryOrgId: d.industryRef?.org?.id ?? null,
      memberWeight: d.memberWeight,
      homeRegion: d.homeRegion,
    };
    if (d.industryRef && !d.industryRef.org) throw new Error('industry federation must come before its members');
    d.org = org;
    orgs.push(org);
    for (let i = d.children.length - 1; i >= 0; i--) stack.push({ d: d.children[i]!, parent: org });
  }

  const firstStreet = counties[0]!.draft.children[0]!;
  // fallback (only possible for tiny sizes): any enterprise of the demo street
  demoEnterprise ??= enterprises.find((e) => firstStreet.children.includes(e) || firstStreet.children.some((h) => h.children.includes(e))) ?? null;
  if (!demoEnterprise) throw new Error('the demo street has no enterprise');
  return {
    options,
    plan,
    orgs,
    province: root.org!,
    demoStreet: firstStreet.org!,
    demoEnterprise: (demoEnterprise as Draft).org!,
    countyCodes,
  };
}

/** 身份证号 from its parts (region 6 digits, birth YYYY-MM-DD, 3-digit sequence). */
export function makeIdNumber(region: string, birthDate: string, seq: string): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

function phoneNumber(rng: Rng): string {
  for (;;) {
    const p = rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
    // keep the fixed demo accounts' numbers (138000000xx / 139000000xx) free
    if (!p.startsWith('1380000') && !p.startsWith('1390000')) return p;
  }
}

/**
 * Members in batches of `batchSize`. Deterministic: the i-th member depends only on the seed,
 * the sizes and i (not on the batch size).
 */
export function* generateMembers(province: DemoProvince, batchSize = 5000): Generator<DemoMember[]> {
  const total = province.options.members;
  if (total > MAX_MEMBERS) throw new Error(`at most ${MAX_MEMBERS} members`);
  const rng = new Rng(province.options.seed, 'members');
  const perm = new Permutation(MAX_MEMBERS, province.options.seed);
  const weighted = province.orgs.filter((o) => o.memberWeight > 0);
  const orgPicker = new WeightedPicker(weighted, weighted.map((o) => o.memberWeight));
  const surnamePicker = new WeightedPicker(SURNAMES, SURNAMES.map((_, i) => 1 / (i + 4)));
  const joinFrom = dayOf(JOIN_FROM);
  const joinTo = dayOf(REFERENCE_DATE);
  const codes = province.countyCodes;

  let batch: DemoMember[] = [];
  for (let i = 0; i < total; i++) {
    const org = orgPicker.pick(rng);
    const slot = perm.at(i);
    const birthDay = BIRTH_DAY0 + (slot % BIRTH_DAYS);
    const q = Math.floor(slot / BIRTH_DAYS);
    const birthDate = isoOf(birthDay);
    const region = rng.chance(0.75) ? org.homeRegion : rng.pick(codes);
    const seq = String(q).padStart(3, '0');
    const gender: 'M' | 'F' = q % 2 === 1 ? 'M' : 'F';
    const pool = gender === 'M' ? GIVEN_MALE : GIVEN_FEMALE;
    const given = rng.chance(0.3) ? rng.pick(pool) : rng.pick(pool) + rng.pick(pool);
    const phone = rng.chance(0.93) ? phoneNumber(rng) : null;
    const adult = birthDay + Math.round(18 * 365.25);
    const lo = Math.max(joinFrom, adult);
    const joinedAt = isoOf(lo + rng.int(Math.max(1, joinTo - lo + 1)));
    let status: DemoMember['status'] = 'active';
    if (rng.chance(0.04)) {
      status = birthDate < '1966-07-01' ? 'retired' : rng.chance(0.65) ? 'left' : 'transferred';
    }
    batch.push({
      id: uuidv7From(MEMBER_ID_EPOCH + i, rng),
      orgId: org.id,
      orgPath: org.path,
      name: surnamePicker.pick(rng) + given,
      idNo: makeIdNumber(region, birthDate, seq),
      phone,
      gender,
      birthDate,
      status,
      joinedAt,
    });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The hand-made demo member 张晓红's 身份证号 (sequence 9xx is never generated, so it is unique). */
export function demoMemberIdNumber(province: DemoProvince): string {
  return makeIdNumber(province.demoEnterprise.homeRegion, '1992-05-18', '902');
}
