import { generateOrgs, generateMembers } from './generate';
import { parseIdNumber, parseUscc } from '../../packages/contracts/src/validation/index';
for (const [o, m] of [[200, 1000], [3000, 20000], [100000, 1000000]] as const) {
  const t0 = performance.now();
  const p = generateOrgs({ seed: 1, orgs: o, members: m });
  const t1 = performance.now();
  const kinds: Record<string, number> = {};
  for (const x of p.orgs) kinds[x.kind] = (kinds[x.kind] ?? 0) + 1;
  let n = 0; let bad = 0; const perOrg = new Map<string, number>();
  for (const b of generateMembers(p)) for (const mm of b) { n++; if (!parseIdNumber(mm.idNo).ok) bad++; perOrg.set(mm.orgId, (perOrg.get(mm.orgId) ?? 0) + 1); }
  const t2 = performance.now();
  const badU = p.orgs.filter((x) => x.uscc && !parseUscc(x.uscc).ok).length;
  const sorted = [...perOrg.values()].sort((a, b) => b - a);
  console.log(o, m, p.orgs.length, kinds, p.plan, 'orgsMs', (t1 - t0).toFixed(0), 'membersMs', (t2 - t1).toFixed(0), n, bad, badU, 'top', sorted.slice(0, 5), 'streetEnt', p.demoStreet.name, p.demoEnterprise.name, perOrg.get(p.demoEnterprise.id));
}
const p = generateOrgs({ seed: 1, orgs: 3000, members: 20000 });
console.log(p.orgs.slice(0, 12).map((o) => [o.no, o.path, o.kind, o.name, o.regionCode, o.uscc, o.address, o.industryOrgId?.slice(0, 8)]));
console.log(p.orgs.filter((o) => o.industryOrgId).slice(0, 3).map((o) => o.name), p.orgs.filter((o) => o.kind === 'branch').slice(0, 3).map((o) => o.name), p.orgs.filter((o) => ['park','joint','community','group'].includes(o.kind)).slice(0, 8).map((o) => o.name));
console.log(generateMembers(p, 5).next().value);
