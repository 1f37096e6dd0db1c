/**
 * The cases bench dataset, on top of a demo province already loaded into the bench database:
 * handler teams and routing rules, the appeal categories, members with accounts (for the HTTP
 * submissions), N historical cases spread over three years (set-based: one INSERT … SELECT over
 * generate_series per chunk) and the open cases (computed here with the SLA functions of the
 * server — stage deadlines in working time, the reminder point, the timers a sweep would already
 * have fired — and inserted in batches), so `next_timer_at` is what the server itself would hold.
 */
import { CASE_STATUSES, CASE_TYPES, canBeAnonymous, canBePublic, caseFieldsSchema, type CaseStatus, type CaseType } from '@gonghui/contracts';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { cachedOverrides, endOfChinaDay, chinaDay } from '../../apps/server/src/platform/calendar/workdays';
import type { Database } from '../../apps/server/src/db/connect';
import { maskName, maskPhone, type PiiCipher } from '../../apps/server/src/platform/crypto/pii';
import { AUTO_CLOSE_MS, dueTimers, nextTimerAt, stageTimes, type TimerState } from '../../apps/server/src/modules/cases/sla';
import { caseWords } from '../../apps/server/src/modules/cases/words';
import { Rng, WeightedPicker } from '../demo/prng';
import { APPEAL_CATEGORIES, caseText, personName, pickType, TYPE_MIX } from './cases-texts';

export type CasesDataOptions = {
  seed: number;
  /** closed / resolved / rejected / withdrawn cases over the last three years */
  historical: number;
  /** open cases (submitted … in_progress) */
  open: number;
  /** resolved cases whose 7-day auto-close is due now */
  dueResolved: number;
  /** open cases whose next timer is due now (approximately: the sweep history is chosen to give it) */
  dueOpen: number;
  /** handlers with a heavy load, and their extra open cases each */
  heavyHandlers: number;
  heavyLoad: number;
  /** members given an account and a session (HTTP submissions) */
  submitters: number;
  /** texts per type in the pool the historical cases draw from */
  textsPerType?: number;
  log?: (line: string) => void;
};

export type Handler = { userId: string; orgId: string; orgPath: string; teamId: string; heavy: boolean };
export type CasesDataset = {
  handlers: Handler[];
  countyCadres: Array<{ userId: string; orgId: string; orgPath: string }>;
  submitters: string[];
  counts: { historical: number; open: number; resolvedDue: number; due: number; byStatus: Record<string, number>; teams: number; routingRules: number };
  /** open cases per handler (assigned + in_progress) */
  handlerLoad: { handlers: number; mean: number; p50: number; max: number; heavy: number[] };
  /** the timers due at load time, by kind */
  dueKinds: Record<string, number>;
  timings: Record<string, number>;
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SLOTS = 20_000;
const YEARS3_S = 3 * 365 * 86_400;

type OrgRow = { id: string; path: string; kind: string; parent_id: string | null; name: string };
type Slot = { originId: string; originPath: string; street: Team | null; county: Team | null };
type Team = { orgId: string; orgPath: string; teamId: string; handlers: string[] };

function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(`/${parts.slice(0, i).join('/')}/`);
  return out;
}

/** Users with encrypted phones (notifications and SMS read them); phones from a range no demo account uses. */
async function insertUsers(client: pg.Client, cipher: PiiCipher, rng: Rng, n: number, phoneBase: number): Promise<string[]> {
  const ids: string[] = [];
  const a = { id: [] as string[], name: [] as string[], enc: [] as string[], hash: [] as string[], masked: [] as string[] };
  for (let i = 0; i < n; i++) {
    const phone = `176${String(phoneBase + i).padStart(8, '0')}`;
    const id = uuidv7();
    ids.push(id);
    a.id.push(id);
    a.name.push(personName(rng));
    a.enc.push(cipher.encrypt(phone));
    a.hash.push(cipher.blindIndex('phone', phone));
    a.masked.push(maskPhone(phone));
  }
  for (let i = 0; i < n; i += 5000) {
    const s = (xs: string[]) => xs.slice(i, i + 5000);
    await client.query(
      `INSERT INTO users (id, name, phone_enc, phone_hash, phone_masked) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [s(a.id), s(a.name), s(a.enc), s(a.hash), s(a.masked)],
    );
  }
  return ids;
}

export async function loadCasesDataset(database: Database, url: string, cipher: PiiCipher, o: CasesDataOptions): Promise<CasesDataset> {
  const log = o.log ?? (() => {});
  const timings: Record<string, number> = {};
  const rng = new Rng(o.seed, 'cases-bench');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    const orgs = (await client.query<OrgRow>('SELECT id, path, kind, parent_id, name FROM orgs')).rows;
    const byPath = new Map(orgs.map((x) => [x.path, x]));
    const root = orgs.find((x) => x.parent_id === null)!;
    const streets = orgs.filter((x) => x.kind === 'street');
    const counties = orgs.filter((x) => x.kind === 'county');

    // ---- people and teams: a 综合服务 team of two at every street, a 法律服务 partner at every county
    const handlerIds = await insertUsers(client, cipher, rng, streets.length * 2 + counties.length, 0);
    const chairIds = await insertUsers(client, cipher, rng, counties.length, 100_000);
    const submitterIds = await insertUsers(client, cipher, rng, o.submitters, 200_000);
    const teams = new Map<string, Team>(); // by org id + skill
    const roleRows: Array<[string, string, string, string]> = [];
    const teamRows: Array<[string, string, string, string, string]> = [];
    const memberRows: Array<[string, string, boolean]> = [];
    let h = 0;
    for (const s of streets) {
      const team: Team = { orgId: s.id, orgPath: s.path, teamId: uuidv7(), handlers: [handlerIds[h++]!, handlerIds[h++]!] };
      teams.set(`${s.id}:general`, team);
      teamRows.push([team.teamId, s.id, s.path, `${s.name}综合服务团队`, 'general']);
      team.handlers.forEach((u, i) => {
        roleRows.push([uuidv7(), u, s.id, s.path]);
        memberRows.push([team.teamId, u, i === 0]);
      });
    }
    for (const c of counties) {
      const team: Team = { orgId: c.id, orgPath: c.path, teamId: uuidv7(), handlers: [handlerIds[h++]!] };
      teams.set(`${c.id}:legal`, team);
      teamRows.push([team.teamId, c.id, c.path, `${c.name}法律服务团队`, 'legal']);
      memberRows.push([team.teamId, team.handlers[0]!, true]);
    }
    const cols = <T extends unknown[]>(rows: T[], i: number) => rows.map((r) => r[i]);
    await client.query(`INSERT INTO case_teams (id, org_id, org_path, name, skill) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
      [cols(teamRows, 0), cols(teamRows, 1), cols(teamRows, 2), cols(teamRows, 3), cols(teamRows, 4)]);
    await client.query(`INSERT INTO case_team_members (team_id, user_id, on_duty, is_leader) SELECT t, u, true, l FROM unnest($1::uuid[], $2::uuid[], $3::bool[]) AS x(t, u, l)`,
      [cols(memberRows, 0), cols(memberRows, 1), cols(memberRows, 2)]);
    // street handlers are cadres of the street; county lawyers are partners; each county has a chair
    const partnerRows = counties.map((c) => [uuidv7(), teams.get(`${c.id}:legal`)!.handlers[0]!, c.id, c.path, 'partner']);
    const chairRows = counties.map((c, i) => [uuidv7(), chairIds[i]!, c.id, c.path, 'chair']);
    const allRoles = [...roleRows.map((r) => [...r, 'cadre']), ...partnerRows, ...chairRows];
    await client.query(`INSERT INTO role_assignments (id, user_id, org_id, org_path, role) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])`,
      [cols(allRoles, 0), cols(allRoles, 1), cols(allRoles, 2), cols(allRoles, 3), cols(allRoles, 4)]);

    // routing (分派规则) at the province: legal aid and mediation go to the county's 法律服务 team,
    // everything else to the street's 综合服务 team
    const rules = TYPE_MIX.map(([type]) => (type === 'legal_aid' || type === 'mediation' ? [type, 'county', 'legal'] : [type, 'street', 'general']));
    await client.query(
      `INSERT INTO case_routing_rules (id, org_id, org_path, case_type, target_kind, team_skill) SELECT gen_random_uuid(), $1, $2, t, k, s FROM unnest($3::text[], $4::text[], $5::text[]) AS x(t, k, s)`,
      [root.id, root.path, cols(rules, 0), cols(rules, 1), cols(rules, 2)],
    );
    // the bench's appeal categories next to whatever defaults the installation has
    await client.query(`INSERT INTO case_categories (id, type, name, sort) SELECT gen_random_uuid(), 'appeal', n, i FROM unnest($1::text[]) WITH ORDINALITY AS x(n, i) ON CONFLICT (type, name) DO NOTHING`, [[...APPEAL_CATEGORIES]]);
    timings.teamsMs = Math.round(performance.now() - t0);

    // ---- where cases come from: orgs weighted by their active members
    const weights = (await client.query<{ org_id: string; n: number }>(`SELECT org_id, count(*)::int AS n FROM members WHERE status = 'active' GROUP BY org_id`)).rows;
    const orgById = new Map(orgs.map((x) => [x.id, x]));
    const slotOf = (origin: OrgRow): Slot => {
      const anc = ancestorsOf(origin.path).map((p) => byPath.get(p)!).concat(origin);
      const street = anc.find((x) => x.kind === 'street');
      const county = anc.find((x) => x.kind === 'county');
      return {
        originId: origin.id,
        originPath: origin.path,
        street: street ? teams.get(`${street.id}:general`)! : null,
        county: county ? teams.get(`${county.id}:legal`)! : null,
      };
    };
    const origins = weights.map((w) => slotOf(orgById.get(w.org_id)!));
    const picker = new WeightedPicker(origins, weights.map((w) => w.n));
    const slots = Array.from({ length: SLOTS }, () => picker.pick(rng));

    // ---- members with accounts: active members under a street (their cases are auto-assigned)
    const candidates = (await client.query<{ id: string; org_id: string }>(
      `SELECT id, org_id FROM members WHERE status = 'active' AND user_id IS NULL ORDER BY id LIMIT $1`, [Math.max(5000, o.submitters * 20)],
    )).rows.filter((m) => slotOf(orgById.get(m.org_id)!).street);
    if (candidates.length < o.submitters) throw new Error(`only ${candidates.length} members under a street for ${o.submitters} submitters`);
    const chosen = rng.sample(candidates.length, o.submitters).map((i) => candidates[i]!.id);
    await client.query(`UPDATE members m SET user_id = x.u FROM unnest($1::uuid[], $2::uuid[]) AS x(m, u) WHERE m.id = x.m`, [chosen, submitterIds]);

    // ---- the text pool: segmented once with the server's caseWords (as at submission)
    const t1 = performance.now();
    const K = o.textsPerType ?? 400;
    const pool = { type: [] as string[], k: [] as number[], title: [] as string[], content: [] as string[], fields: [] as string[], category: [] as (string | null)[], words: [] as string[] };
    const textRng = new Rng(o.seed, 'cases-bench-texts');
    const poolByType = new Map<CaseType, Array<{ title: string; content: string; fields: string; category: string | null; words: string[] }>>();
    for (const [type] of TYPE_MIX) {
      const list = [];
      for (let k = 0; k < K; k++) {
        const t = caseText(textRng, type);
        const words = caseWords(`${t.title} ${t.content}`);
        const fields = JSON.stringify(caseFieldsSchema(type).parse(t.fields));
        list.push({ title: t.title, content: t.content, fields, category: t.category, words });
        pool.type.push(type); pool.k.push(k); pool.title.push(t.title); pool.content.push(t.content); pool.fields.push(fields); pool.category.push(t.category);
        pool.words.push(JSON.stringify(words));
      }
      poolByType.set(type, list);
    }
    await client.query('CREATE UNLOGGED TABLE bench_texts (type text, k int, title text, content text, fields jsonb, category text, words text[], PRIMARY KEY (type, k))');
    await client.query(
      `INSERT INTO bench_texts SELECT t, k, ti, c, f::jsonb, cat, ARRAY(SELECT jsonb_array_elements_text(w::jsonb))
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(t, k, ti, c, f, cat, w)`,
      [pool.type, pool.k, pool.title, pool.content, pool.fields, pool.category, pool.words],
    );
    await client.query(`CREATE UNLOGGED TABLE bench_slots (slot int PRIMARY KEY, origin_id uuid, origin_path text, street_id uuid, street_path text, street_team uuid, street_handlers uuid[],
      county_id uuid, county_path text, county_team uuid, county_handlers uuid[])`);
    const sl = (f: (s: Slot) => unknown) => slots.map(f);
    await client.query(
      `INSERT INTO bench_slots SELECT i - 1, o, op, si, sp, st, CASE WHEN sh IS NULL THEN NULL ELSE string_to_array(sh, ',')::uuid[] END, ci, cp, ct, CASE WHEN ch IS NULL THEN NULL ELSE string_to_array(ch, ',')::uuid[] END
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::uuid[], $10::text[]) WITH ORDINALITY AS x(o, op, si, sp, st, sh, ci, cp, ct, ch, i)`,
      [sl((s) => s.originId), sl((s) => s.originPath), sl((s) => s.street?.orgId ?? null), sl((s) => s.street?.orgPath ?? null), sl((s) => s.street?.teamId ?? null),
        sl((s) => s.street?.handlers.join(',') ?? null), sl((s) => s.county?.orgId ?? null), sl((s) => s.county?.orgPath ?? null), sl((s) => s.county?.teamId ?? null),
        sl((s) => s.county?.handlers.join(',') ?? null)],
    );
    timings.textsMs = Math.round(performance.now() - t1);
    log(`  teams ${teamRows.length}, handlers ${handlerIds.length}, county chairs ${chairIds.length}, submitters ${o.submitters}; text pool ${pool.type.length} (${timings.textsMs} ms)`);

    // ---- historical cases, set-based; the indexes are rebuilt afterwards (bulk-load practice)
    const now = new Date();
    const h0 = performance.now();
    const indexDefs = (await client.query<{ name: string; def: string }>(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = 'cases'::regclass AND NOT indisprimary`,
    )).rows;
    for (const ix of indexDefs) await client.query(`DROP INDEX ${ix.name}`);
    await client.query(`CREATE FUNCTION bench_u(g bigint, k int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (hashint8extended(g, k) & 2147483647)::float8 / 2147483648 $$`);
    // a UUIDv7 for the creation instant (ids sort by time, as the server's do)
    await client.query(`CREATE FUNCTION bench_uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
      SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM ts) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`);
    // the rows are consistent by construction: skip the per-row foreign-key triggers while loading
    await client.query(`SET session_replication_role = replica`);
    const typeCase = (() => {
      let acc = 0;
      const parts = TYPE_MIX.map(([type, share]) => {
        acc += share;
        return `WHEN u_type < ${acc.toFixed(4)} THEN '${type}'`;
      });
      return `CASE ${parts.join(' ')} ELSE 'appeal' END`;
    })();
    const CHUNK = 100_000;
    for (let lo = 1; lo <= o.historical; lo += CHUNK) {
      const hi = Math.min(o.historical, lo + CHUNK - 1);
      await client.query(historicalSql(typeCase, K), [lo, hi, now, YEARS3_S, SLOTS]);
      log(`  historical ${hi.toLocaleString('en')}/${o.historical.toLocaleString('en')} [${((performance.now() - h0) / 1000).toFixed(1)} s]`);
    }
    await client.query(`RESET session_replication_role`);
    timings.historicalInsertMs = Math.round(performance.now() - h0);

    // ---- open cases and the sweep's backlog, with the server's SLA functions
    const o0 = performance.now();
    const overrides = await cachedOverrides(database.db, now);
    const settings = new Map((await client.query<{ type: string; accept_workdays: number; resolve_workdays: number }>('SELECT type, accept_workdays, resolve_workdays FROM case_type_settings')).rows.map((r) => [r.type, r]));
    const heavy = rng.sample(streets.length, Math.min(o.heavyHandlers, streets.length)).map((i) => teams.get(`${streets[i]!.id}:general`)!);
    const openRows: OpenCase[] = [];
    const openRng = new Rng(o.seed, 'cases-bench-open');
    const slotsByStreet = new Map<string, Slot[]>();
    for (const s of slots) if (s.street) (slotsByStreet.get(s.street.orgId) ?? slotsByStreet.set(s.street.orgId, []).get(s.street.orgId)!).push(s);
    const mk = (slot: Slot, forced?: { assignee: string; team: Team }) => {
      const type = forced ? 'appeal' : pickType(openRng);
      openRows.push(openCase(openRng, now, type, slot, settings.get(type)!, overrides, poolByType.get(type)!, forced, chairIds));
    };
    // the heavy handlers' cases are part of the open total
    const heavyTotal = Math.min(o.open, heavy.length * o.heavyLoad);
    for (let i = 0; i < o.open - heavyTotal; i++) mk(openRng.pick(slots));
    for (const team of heavy) {
      const local = slotsByStreet.get(team.orgId) ?? [{ originId: team.orgId, originPath: team.orgPath, street: team, county: null }];
      for (let i = 0; i < o.heavyLoad; i++) mk(openRng.pick(local), { assignee: team.handlers[0]!, team });
    }
    // The sweep's history: every timer up to now has fired as the sweep would have, except on a
    // random sample of dueOpen cases whose latest timer was missed (as after an outage): those are
    // due, with the natural mix of timer kinds (an outage window would hold only the kinds that
    // fall into it — on a weekend, no working-time deadlines at all).
    const missable = openRows.map((c, i) => ({ i, last: simulate(c, now).lastFired })).filter((x) => x.last !== null);
    const missed = new Set(rng.sample(missable.length, Math.min(o.dueOpen, missable.length)).map((k) => missable[k]!.i));
    const dueKinds: Record<string, number> = {};
    openRows.forEach((c, i) => {
      const upTo = missed.has(i) ? new Date(simulate(c, now).lastFired!.getTime() - 1) : now;
      const r = simulate(c, upTo);
      Object.assign(c.state, r.fired);
      c.next = r.next;
      if (c.next && c.next <= now) for (const kind of dueTimers(c.state, now)) dueKinds[kind] = (dueKinds[kind] ?? 0) + 1;
    });
    const resolvedRows: OpenCase[] = [];
    for (let i = 0; i < o.dueResolved; i++) {
      const type = pickType(openRng);
      resolvedRows.push(resolvedCase(openRng, now, type, openRng.pick(slots), settings.get(type)!, overrides, poolByType.get(type)!));
    }
    dueKinds.auto_close = resolvedRows.length;
    const allRows = [...openRows, ...resolvedRows];
    for (let i = 0; i < allRows.length; i += 2000) await insertOpen(client, allRows.slice(i, i + 2000));
    timings.openInsertMs = Math.round(performance.now() - o0);

    const r0 = performance.now();
    await client.query(`SET maintenance_work_mem = '256MB'`);
    for (const ix of indexDefs) await client.query(ix.def);
    timings.indexBuildMs = Math.round(performance.now() - r0);
    await client.query('DROP TABLE bench_texts, bench_slots');
    const v0 = performance.now();
    await client.query('VACUUM ANALYZE');
    timings.vacuumAnalyzeMs = Math.round(performance.now() - v0);
    log(`  loaded: historical ${(timings.historicalInsertMs / 1000).toFixed(1)} s, open ${(timings.openInsertMs / 1000).toFixed(1)} s, ${indexDefs.length} indexes ${(timings.indexBuildMs / 1000).toFixed(1)} s, VACUUM ANALYZE ${(timings.vacuumAnalyzeMs / 1000).toFixed(1)} s`);

    const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<string, number>;
    for (const r of (await client.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM cases GROUP BY status')).rows) byStatus[r.status] = r.n;
    const due = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE next_timer_at <= $1', [now])).rows[0]!.n;
    const loads = (await client.query<{ assignee_id: string; n: number }>(
      `SELECT assignee_id, count(*)::int AS n FROM cases WHERE status IN ('assigned','in_progress') AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    )).rows;
    const loadOf = new Map(loads.map((l) => [l.assignee_id, l.n]));
    const sorted = loads.map((l) => l.n).sort((a, b) => a - b);
    const heavyIds = new Set(heavy.map((t) => t.handlers[0]!));
    const handlers: Handler[] = [];
    for (const t of teams.values()) for (const u of t.handlers) handlers.push({ userId: u, orgId: t.orgId, orgPath: t.orgPath, teamId: t.teamId, heavy: heavyIds.has(u) });
    return {
      handlers,
      countyCadres: counties.map((c, i) => ({ userId: chairIds[i]!, orgId: c.id, orgPath: c.path })),
      submitters: submitterIds,
      counts: { historical: o.historical, open: openRows.length, resolvedDue: resolvedRows.length, due, byStatus, teams: teamRows.length, routingRules: rules.length },
      handlerLoad: {
        handlers: loads.length,
        mean: Math.round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
        p50: sorted[Math.floor(sorted.length / 2)] ?? 0,
        max: sorted[sorted.length - 1] ?? 0,
        heavy: [...heavyIds].map((u) => loadOf.get(u) ?? 0),
      },
      dueKinds,
      timings,
    };
  } finally {
    await client.end();
  }
}

/**
 * One chunk [$1, $2] of historical cases. Every random choice is a hash of (row, stream), so a run
 * is reproducible. Times: created uniformly over three years before $3 (now); accepted within
 * hours; resolution time log-normal (median 30 h); 65% rated within days, the rest closed by the
 * 7-day auto-close. A case whose closing lies after now is still `resolved` (its auto-close timer
 * pending in next_timer_at); a case rated later than now is not rated yet.
 */
const PUBLIC_TYPES = CASE_TYPES.filter(canBePublic);
const ANONYMOUS_TYPES = CASE_TYPES.filter(canBeAnonymous);
const sqlList = (xs: readonly string[]) => `(${xs.map((x) => `'${x}'`).join(', ')})`;

function historicalSql(typeCase: string, textsPerType: number): string {
  return `
    INSERT INTO cases (id, case_no, type, category_id, title, content, fields, channel, status, origin_org_id, origin_path, org_id, org_path,
      team_id, assignee_id, submitter_key, anonymous, is_public, contact_name_masked, contact_phone_masked, accept_due_at, resolve_due_at,
      stage_started_at, remind_at, reminded_at, overdue_at, last_step_at, next_timer_at, accepted_at, assigned_at, resolved_at, closed_at,
      reply, reject_reason, rating, rated_at, likes, words, created_at, updated_at)
    WITH x AS (
      SELECT g, bench_u(g, 1) AS u_slot, bench_u(g, 2) AS u_type, bench_u(g, 3) AS u_text, bench_u(g, 4) AS u_time, bench_u(g, 5) AS u_status,
        bench_u(g, 6) AS u_acc, bench_u(g, 7) AS u_d1, bench_u(g, 8) AS u_d2, bench_u(g, 9) AS u_rate, bench_u(g, 10) AS u_stars,
        bench_u(g, 11) AS u_rtime, bench_u(g, 12) AS u_chan, bench_u(g, 13) AS u_hand, bench_u(g, 14) AS u_flags, bench_u(g, 15) AS u_like
      FROM generate_series($1::bigint, $2::bigint) AS g
    ), a AS (
      SELECT x.*, ${typeCase} AS type,
        $3::timestamptz - make_interval(secs => 3600 + u_time * ($4::float8 - 3600)) AS created_at
      FROM x
    ), b AS (
      SELECT a.*, s.origin_id, s.origin_path, t.title, t.content, t.fields, t.words, cat.id AS category_id,
        (a.type IN ('legal_aid', 'mediation') AND s.county_id IS NOT NULL) AS to_county,
        s.street_id, s.street_path, s.street_team, s.street_handlers, s.county_id, s.county_path, s.county_team, s.county_handlers,
        CASE WHEN u_status < 0.04 THEN 'rejected' WHEN u_status < 0.07 THEN 'withdrawn' ELSE 'done' END AS outcome,
        make_interval(secs => 600 + u_acc * 12 * 3600) AS acc_delay,
        -- resolution hours: log-normal, median 30 h, clipped to [1 h, 40 days]
        least(960, greatest(1, exp(ln(30) + sqrt(-2 * ln(1 - u_d1)) * cos(2 * pi() * u_d2)))) AS dur_h
      FROM a
      JOIN bench_slots s ON s.slot = floor(a.u_slot * $5::int)::int
      JOIN bench_texts t ON t.type = a.type AND t.k = floor(a.u_text * ${textsPerType})::int
      LEFT JOIN case_categories cat ON cat.type = t.type AND cat.name = t.category
    ), c AS (
      SELECT b.*,
        CASE WHEN to_county THEN county_id WHEN street_id IS NOT NULL THEN street_id ELSE origin_id END AS org_id,
        CASE WHEN to_county THEN county_path WHEN street_id IS NOT NULL THEN street_path ELSE origin_path END AS org_path,
        CASE WHEN to_county THEN county_team ELSE street_team END AS team_id,
        CASE WHEN to_county THEN county_handlers ELSE street_handlers END AS handlers,
        created_at + least(acc_delay, ($3::timestamptz - created_at) * 0.3) AS acc_at,
        created_at + least(make_interval(secs => dur_h * 3600), ($3::timestamptz - created_at) * 0.95) AS res_at
      FROM b
    ), d AS (
      SELECT c.*,
        CASE WHEN outcome = 'done' AND u_rate < 0.65 THEN res_at + make_interval(secs => 600 + u_rtime * 6 * 86400) END AS rate_at,
        CASE WHEN outcome = 'done' THEN acc_at + interval '4 days' END AS res_due,
        created_at + interval '1 day 12 hours' AS acc_due
      FROM c
    ), e AS (
      SELECT d.*,
        CASE
          WHEN outcome <> 'done' THEN outcome
          WHEN coalesce(rate_at, res_at + interval '7 days') <= $3::timestamptz THEN 'closed'
          ELSE 'resolved' END AS status,
        CASE WHEN outcome = 'rejected' THEN created_at + (acc_at - created_at) * 2
             WHEN outcome = 'withdrawn' THEN created_at + (acc_at - created_at) * 1.5 END AS ended_at
      FROM d
    )
    SELECT bench_uuid7(created_at),
      'GH' || to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(nextval('case_no_seq')::text, 8, '0'),
      type, category_id, title, content, fields,
      CASE WHEN type = 'injury_visit' AND u_chan < 0.8 THEN 'hospital' WHEN u_chan < 0.55 THEN 'app' WHEN u_chan < 0.70 THEN 'qr'
           WHEN u_chan < 0.87 THEN 'hotline' WHEN u_chan < 0.97 THEN 'proxy' ELSE 'referral' END,
      status, origin_id, origin_path, org_id, org_path,
      CASE WHEN outcome = 'done' THEN team_id END,
      CASE WHEN outcome = 'done' AND handlers IS NOT NULL THEN handlers[1 + floor(u_hand * array_length(handlers, 1))::int] END,
      'h:' || g, u_flags < 0.08 AND type IN ${sqlList(ANONYMOUS_TYPES)}, u_flags > 0.9 AND type IN ${sqlList(PUBLIC_TYPES)},
      CASE WHEN u_flags < 0.08 AND type IN ${sqlList(ANONYMOUS_TYPES)} THEN NULL ELSE '王*' END, '138****' || lpad((g % 10000)::text, 4, '0'),
      acc_due, res_due,
      CASE WHEN outcome = 'done' THEN acc_at ELSE created_at END,
      CASE WHEN outcome = 'done' THEN res_due - interval '19 hours' ELSE created_at + interval '1 day' END,
      CASE WHEN outcome = 'done' AND res_at > res_due - interval '19 hours' THEN res_due - interval '19 hours' END,
      CASE WHEN outcome = 'done' AND res_at > res_due THEN res_due END,
      coalesce(ended_at, CASE WHEN status = 'closed' THEN coalesce(rate_at, res_at + interval '7 days') ELSE res_at END),
      CASE WHEN status = 'resolved' THEN res_at + interval '7 days' END,
      CASE WHEN outcome = 'done' THEN acc_at END,
      CASE WHEN outcome = 'done' THEN acc_at + interval '5 minutes' END,
      CASE WHEN outcome = 'done' THEN res_at END,
      CASE WHEN status = 'closed' THEN coalesce(rate_at, res_at + interval '7 days') WHEN outcome <> 'done' THEN ended_at END,
      CASE WHEN outcome = 'done' THEN '经与企业协调，问题已按规定处理，职工已确认。' END,
      CASE WHEN outcome = 'rejected' THEN '不属于工会受理范围，已告知职工向劳动监察部门反映。' END,
      CASE WHEN rate_at <= $3::timestamptz THEN (CASE WHEN u_stars < 0.55 THEN 5 WHEN u_stars < 0.8 THEN 4 WHEN u_stars < 0.9 THEN 3 WHEN u_stars < 0.95 THEN 2 ELSE 1 END) END,
      CASE WHEN rate_at <= $3::timestamptz THEN rate_at END,
      CASE WHEN u_flags > 0.9 AND type IN ${sqlList(PUBLIC_TYPES)} THEN floor(u_like * 40)::int ELSE 0 END,
      words, created_at,
      coalesce(ended_at, CASE WHEN status = 'closed' THEN coalesce(rate_at, res_at + interval '7 days') ELSE res_at END)
    FROM e`;
}

type OpenCase = {
  id: string;
  type: CaseType;
  text: { title: string; content: string; fields: string; category: string | null; words: string[] };
  channel: string;
  origin: { id: string; path: string };
  org: { id: string; path: string };
  teamId: string | null;
  assigneeId: string | null;
  anonymous: boolean;
  isPublic: boolean;
  createdAt: Date;
  acceptedAt: Date | null;
  assignedAt: Date | null;
  stageStartedAt: Date;
  supervisedBy: string | null;
  state: TimerState;
  next: Date | null;
};

/** Where the router would send it: legal aid / mediation to the county's legal team, the rest to the street's team. */
function routeOf(type: CaseType, slot: Slot): { org: { id: string; path: string }; team: Team | null } {
  const t = (type === 'legal_aid' || type === 'mediation') && slot.county ? slot.county : slot.street;
  return t ? { org: { id: t.orgId, path: t.orgPath }, team: t } : { org: { id: slot.originId, path: slot.originPath }, team: null };
}

function openCase(
  rng: Rng, now: Date, type: CaseType, slot: Slot, s: { accept_workdays: number; resolve_workdays: number }, overrides: Map<string, boolean>,
  pool: OpenCase['text'][], forced: { assignee: string; team: Team } | undefined, supervisors: string[],
): OpenCase {
  const route = forced ? { org: { id: forced.team.orgId, path: forced.team.orgPath }, team: forced.team } : routeOf(type, slot);
  // age: most open cases are days old, a tail is weeks old
  const created = new Date(now.getTime() - Math.min(30 * DAY, -Math.log(1 - rng.next()) * 3 * DAY) - 10 * 60_000);
  let status: CaseStatus;
  const x = rng.next();
  if (forced) status = x < 0.4 ? 'assigned' : 'in_progress';
  else if (!route.team) status = x < 0.8 ? 'submitted' : 'accepted';
  else status = x < 0.08 ? 'submitted' : x < 0.14 ? 'accepted' : x < 0.44 ? 'assigned' : 'in_progress';
  const accept = stageTimes(created, s.accept_workdays, overrides);
  const acceptedAt = status === 'submitted' ? null : new Date(created.getTime() + rng.next() * Math.min(8 * HOUR, (now.getTime() - created.getTime()) * 0.3));
  const assigned = status === 'assigned' || status === 'in_progress';
  const assignedAt = assigned ? new Date(acceptedAt!.getTime() + rng.next() * Math.min(2 * HOUR, (now.getTime() - acceptedAt!.getTime()) * 0.3)) : null;
  const resolve = acceptedAt ? stageTimes(acceptedAt, s.resolve_workdays, overrides) : null;
  const lastStep = status === 'in_progress' ? new Date(assignedAt!.getTime() + rng.next() * (now.getTime() - assignedAt!.getTime())) : (assignedAt ?? acceptedAt ?? created);
  const supervised = !forced && rng.chance(0.03) && status !== 'submitted';
  const supervisedAt = supervised ? new Date(lastStep.getTime() - rng.next() * (lastStep.getTime() - created.getTime())) : null;
  const assignee = forced ? forced.assignee : assigned && route.team ? rng.pick(route.team.handlers) : null;
  const state: TimerState = {
    status,
    parent_id: null,
    accept_due_at: accept.due,
    resolve_due_at: resolve?.due ?? null,
    remind_at: (resolve ?? accept).remindAt,
    reminded_at: null,
    overdue_at: null,
    last_step_at: lastStep,
    stale_reminded_at: null,
    supervised_at: supervisedAt,
    supervise_due_at: supervisedAt ? endOfChinaDay(chinaDay(new Date(supervisedAt.getTime() + rng.range(2, 10) * DAY))) : null,
    supervise_overdue_at: null,
    resolved_at: null,
  };
  return {
    id: uuidv7At(created),
    type,
    text: rng.pick(pool),
    channel: type === 'injury_visit' ? 'hospital' : rng.pick(['app', 'app', 'app', 'qr', 'hotline', 'proxy']),
    origin: { id: slot.originId, path: slot.originPath },
    org: route.org,
    teamId: route.team?.teamId ?? null,
    assigneeId: assignee,
    anonymous: canBeAnonymous(type) && rng.chance(0.08),
    isPublic: canBePublic(type) && rng.chance(0.1),
    createdAt: created,
    acceptedAt,
    assignedAt,
    stageStartedAt: acceptedAt ?? created,
    supervisedBy: supervised ? rng.pick(supervisors) : null,
    state,
    next: null,
  };
}

/** A case resolved a little more than 7 days ago and not rated: its auto-close is due. */
function resolvedCase(rng: Rng, now: Date, type: CaseType, slot: Slot, s: { accept_workdays: number; resolve_workdays: number }, overrides: Map<string, boolean>, pool: OpenCase['text'][]): OpenCase {
  const route = routeOf(type, slot);
  const resolvedAt = new Date(now.getTime() - AUTO_CLOSE_MS - rng.next() * 2 * HOUR);
  const created = new Date(resolvedAt.getTime() - (2 + rng.next() * 48) * HOUR);
  const acceptedAt = new Date(created.getTime() + HOUR);
  const accept = stageTimes(created, s.accept_workdays, overrides);
  const resolve = stageTimes(acceptedAt, s.resolve_workdays, overrides);
  const state: TimerState = {
    status: 'resolved', parent_id: null, accept_due_at: accept.due, resolve_due_at: resolve.due, remind_at: resolve.remindAt, reminded_at: null,
    overdue_at: null, last_step_at: resolvedAt, stale_reminded_at: null, supervised_at: null, supervise_due_at: null, supervise_overdue_at: null, resolved_at: resolvedAt,
  };
  return {
    id: uuidv7At(created), type, text: rng.pick(pool), channel: 'app', origin: { id: slot.originId, path: slot.originPath }, org: route.org,
    teamId: route.team?.teamId ?? null, assigneeId: route.team ? rng.pick(route.team.handlers) : null, anonymous: false, isPublic: false,
    createdAt: created, acceptedAt, assignedAt: acceptedAt, stageStartedAt: acceptedAt, supervisedBy: null, state, next: nextTimerAt(state),
  };
}

/** Fire, as the sweep would have, every timer of the case up to `upTo`; the next one is what is left. */
function simulate(c: OpenCase, upTo: Date): { fired: Partial<TimerState>; next: Date | null; lastFired: Date | null } {
  const st: TimerState = { ...c.state };
  let lastFired: Date | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const next = nextTimerAt(st);
    if (!next || next > upTo) break;
    for (const kind of dueTimers(st, next)) {
      if (kind === 'remind') st.reminded_at = next;
      if (kind === 'overdue') st.overdue_at = next;
      if (kind === 'stale') st.stale_reminded_at = next;
      if (kind === 'supervise_overdue') st.supervise_overdue_at = next;
    }
    lastFired = next;
  }
  const { reminded_at, overdue_at, stale_reminded_at, supervise_overdue_at } = st;
  return { fired: { reminded_at, overdue_at, stale_reminded_at, supervise_overdue_at }, next: nextTimerAt(st), lastFired };
}

function uuidv7At(at: Date): string {
  const id = uuidv7();
  return at.getTime().toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2') + id.slice(13);
}

async function insertOpen(client: pg.Client, rows: OpenCase[]): Promise<void> {
  const json = rows.map((c) => ({
    id: c.id, type: c.type, title: c.text.title, content: c.text.content, fields: JSON.parse(c.text.fields) as unknown, category: c.text.category,
    channel: c.channel, status: c.state.status, origin_org_id: c.origin.id, origin_path: c.origin.path, org_id: c.org.id, org_path: c.org.path,
    team_id: c.teamId, assignee_id: c.assigneeId, submitter_key: `o:${c.id}`, anonymous: c.anonymous, is_public: c.isPublic,
    contact_name_masked: c.anonymous ? null : maskName('李明'), contact_phone_masked: '139****0000',
    accept_due_at: c.state.accept_due_at, resolve_due_at: c.state.resolve_due_at, stage_started_at: c.stageStartedAt, remind_at: c.state.remind_at,
    reminded_at: c.state.reminded_at, overdue_at: c.state.overdue_at, last_step_at: c.state.last_step_at, stale_reminded_at: c.state.stale_reminded_at,
    supervised_at: c.state.supervised_at, supervised_by: c.supervisedBy, supervise_due_at: c.state.supervise_due_at, supervise_note: c.supervisedBy ? '请加快办理' : null,
    supervise_overdue_at: c.state.supervise_overdue_at, next_timer_at: c.next, accepted_at: c.acceptedAt, assigned_at: c.assignedAt,
    resolved_at: c.state.resolved_at, reply: c.state.resolved_at ? '已协调处理。' : null, words: c.text.words, created_at: c.createdAt,
    updated_at: c.state.last_step_at,
  }));
  await client.query(
    `INSERT INTO cases (id, case_no, type, category_id, title, content, fields, channel, status, origin_org_id, origin_path, org_id, org_path, team_id,
       assignee_id, submitter_key, anonymous, is_public, contact_name_masked, contact_phone_masked, accept_due_at, resolve_due_at, stage_started_at,
       remind_at, reminded_at, overdue_at, last_step_at, stale_reminded_at, supervised_at, supervised_by, supervise_due_at, supervise_note,
       supervise_overdue_at, next_timer_at, accepted_at, assigned_at, resolved_at, reply, words, created_at, updated_at)
     SELECT r.id, 'GH' || to_char(r.created_at AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(nextval('case_no_seq')::text, 8, '0'),
       r.type, cat.id, r.title, r.content, r.fields, r.channel, r.status, r.origin_org_id, r.origin_path, r.org_id, r.org_path, r.team_id,
       r.assignee_id, r.submitter_key, r.anonymous, r.is_public, r.contact_name_masked, r.contact_phone_masked, r.accept_due_at, r.resolve_due_at,
       r.stage_started_at, r.remind_at, r.reminded_at, r.overdue_at, r.last_step_at, r.stale_reminded_at, r.supervised_at, r.supervised_by,
       r.supervise_due_at, r.supervise_note, r.supervise_overdue_at, r.next_timer_at, r.accepted_at, r.assigned_at, r.resolved_at, r.reply,
       r.words, r.created_at, r.updated_at
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, type text, title text, content text, fields jsonb, category text, channel text, status text,
       origin_org_id uuid, origin_path text, org_id uuid, org_path text, team_id uuid, assignee_id uuid, submitter_key text, anonymous bool,
       is_public bool, contact_name_masked text, contact_phone_masked text, accept_due_at timestamptz, resolve_due_at timestamptz,
       stage_started_at timestamptz, remind_at timestamptz, reminded_at timestamptz, overdue_at timestamptz, last_step_at timestamptz,
       stale_reminded_at timestamptz, supervised_at timestamptz, supervised_by uuid, supervise_due_at timestamptz, supervise_note text,
       supervise_overdue_at timestamptz, next_timer_at timestamptz, accepted_at timestamptz, assigned_at timestamptz, resolved_at timestamptz,
       reply text, words text[], created_at timestamptz, updated_at timestamptz)
     LEFT JOIN case_categories cat ON cat.type = r.type AND cat.name = r.category`,
    [JSON.stringify(json)],
  );
}

