/**
 * Member-registry query bench (issue 3): on the loaded bench database, time the service functions
 * the API calls — exact lookup by 身份证号 (blind index) and the first page of a subtree roster —
 * at several levels. Called from tools/bench/run.ts after the org-subtree suite, same database.
 */
import type { Actor } from '../../apps/server/src/platform/access/actor';
import type { Database } from '../../apps/server/src/db/connect';
import type { PiiCipher } from '../../apps/server/src/platform/crypto/pii';
import type { AppDeps } from '../../apps/server/src/platform/http/context';
import { listMembers } from '../../apps/server/src/modules/members/service';
import { Rng } from '../demo/prng';

export type Stats = { n: number; p50: number; p95: number; p99: number; mean: number; max: number };
export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(q(0.5)), p95: r(q(0.95)), p99: r(q(0.99)), mean: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)), max: r(s[s.length - 1] ?? NaN) };
}

export const ID_LOOKUP_P95_MS = 5;
export const FIRST_PAGE_P95_MS = 50;

export type MemberBenchResult = {
  idLookup: Stats & { found: number };
  firstPage: Array<{ level: string; scopeMembersAvg: number; stats: Stats }>;
  targets: Array<{ target: string; result: 'PASS' | 'FAIL' }>;
};

function superActor(): Actor {
  return { userId: '00000000-0000-7000-8000-000000000000', name: 'bench', isSuperAdmin: true, roles: [], sessionId: 'bench', csrfToken: 'bench' };
}

/** A cadre holding member.read at one node: the scope filter is the same one real requests use. */
function cadreAt(org: { id: string; path: string }): Actor {
  return { ...superActor(), isSuperAdmin: false, roles: [{ assignmentId: 'bench', orgId: org.id, orgPath: org.path, role: 'admin' }] };
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

export async function benchMemberQueries(
  database: Database, cipher: PiiCipher, opts: { seed: number; samples: number; log?: (s: string) => void },
): Promise<MemberBenchResult> {
  const log = opts.log ?? (() => {});
  const deps = { database, cipher } as unknown as AppDeps;
  const rng = new Rng(opts.seed, 'bench-members');
  const { db } = database;

  // exact lookup by 身份证号: the number is typed in, normalised, blind-indexed, matched by index
  const sampleRows = await db.selectFrom('members').select('id_no_enc').where('status', '=', 'active').orderBy('id').limit(5000).execute();
  const idNumbers = sampleRows.map((r) => cipher.decrypt(r.id_no_enc));
  const actor = superActor();
  for (let i = 0; i < 50; i++) await listMembers(deps, actor, { q: rng.pick(idNumbers), limit: 20 });
  const lookupMs: number[] = [];
  let found = 0;
  for (let i = 0; i < opts.samples; i++) {
    const r = await time(() => listMembers(deps, actor, { q: rng.pick(idNumbers).toLowerCase(), limit: 20 }));
    lookupMs.push(r.ms);
    if (r.value.items.length === 1) found++;
  }
  const idLookup = { ...stats(lookupMs), found };
  log(`  id lookup p50 ${idLookup.p50}ms p95 ${idLookup.p95}ms (found ${found}/${opts.samples})`);

  // first page of a subtree roster, as a cadre at that node sees it (newest first, 20 rows)
  const orgs = await db.selectFrom('orgs').innerJoin('org_counters as c', 'c.org_id', 'orgs.id').select(['orgs.id', 'orgs.path', 'orgs.kind', 'c.members_total']).execute();
  const levels: Array<{ level: string; kinds: string[] }> = [
    { level: 'province', kinds: ['province'] },
    { level: 'city', kinds: ['city'] },
    { level: 'county', kinds: ['county'] },
    { level: 'street', kinds: ['street'] },
    { level: 'enterprise', kinds: ['enterprise'] },
  ];
  const firstPage: MemberBenchResult['firstPage'] = [];
  for (const L of levels) {
    const nodes = orgs.filter((o) => L.kinds.includes(o.kind) && o.members_total > 0);
    if (nodes.length === 0) continue;
    for (let i = 0; i < 10; i++) {
      const o = rng.pick(nodes);
      await listMembers(deps, cadreAt(o), { limit: 20 });
    }
    const ms: number[] = [];
    let members = 0;
    for (let i = 0; i < opts.samples; i++) {
      const o = rng.pick(nodes);
      members += o.members_total;
      const r = await time(() => listMembers(deps, cadreAt(o), { status: 'active', limit: 20 }));
      ms.push(r.ms);
    }
    const s = stats(ms);
    firstPage.push({ level: L.level, scopeMembersAvg: Math.round(members / opts.samples), stats: s });
    log(`  first page ${L.level.padEnd(10)} p50 ${s.p50}ms p95 ${s.p95}ms (avg ${Math.round(members / opts.samples)} members in scope)`);
  }
  const targets: MemberBenchResult['targets'] = [
    { target: `lookup by 身份证号 p95 < ${ID_LOOKUP_P95_MS} ms`, result: idLookup.p95 < ID_LOOKUP_P95_MS && found === opts.samples ? 'PASS' : 'FAIL' },
    { target: `first page of a subtree member list p95 < ${FIRST_PAGE_P95_MS} ms at every level`, result: firstPage.every((l) => l.stats.p95 < FIRST_PAGE_P95_MS) ? 'PASS' : 'FAIL' },
  ];
  return { idLookup, firstPage, targets };
}
