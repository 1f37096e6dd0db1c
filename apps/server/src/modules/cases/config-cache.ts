import type { Db } from '../../db/connect';

/**
 * Per-type settings and routing rules are read on every submission and change a few times a year:
 * each process keeps them for 30 s (per database), and a change through the settings API clears
 * them at once in the process that made it. Pass the root handle (not a transaction): it is the key.
 */
const TTL_MS = 30_000;

type TypeSettings = { type: string; enabled: boolean; accept_workdays: number; resolve_workdays: number; followup_percent: number };
export type RoutingRule = { org_path: string; case_type: string; category_id: string | null; target_kind: string; team_skill: string | null };
type Entry = { loadedAt: number; settings: Map<string, TypeSettings>; rules: RoutingRule[] };

const cache = new WeakMap<Db, Entry>();

async function load(db: Db): Promise<Entry> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit;
  const [settings, rules] = await Promise.all([
    db.selectFrom('case_type_settings').select(['type', 'enabled', 'accept_workdays', 'resolve_workdays', 'followup_percent']).execute(),
    db.selectFrom('case_routing_rules').select(['org_path', 'case_type', 'category_id', 'target_kind', 'team_skill']).where('enabled', '=', true).execute(),
  ]);
  const entry = { loadedAt: Date.now(), settings: new Map(settings.map((s) => [s.type, s])), rules };
  cache.set(db, entry);
  return entry;
}

export async function cachedTypeSettings(db: Db, type: string): Promise<TypeSettings> {
  const s = (await load(db)).settings.get(type);
  if (!s) throw new Error(`unknown case type ${type}`);
  return s;
}

export async function cachedRoutingRules(db: Db): Promise<RoutingRule[]> {
  return (await load(db)).rules;
}

export function forgetCaseConfig(db: Db): void {
  cache.delete(db);
}
