import type { OrgKind } from '@gonghui/contracts';
import type { Actor } from '../../platform/access/actor';
import { can, scopePrefixes } from '../../platform/access/permissions';

/** Nodes that keep an enterprise register: areas, not unions of one enterprise. */
const AREA_KINDS: readonly OrgKind[] = ['province', 'city', 'county', 'street', 'community', 'park', 'joint', 'industry'];

/** 非公企业数据库: read with the coverage figures, write with enterprise.manage. */
export const enterprisePolicy = {
  /** read the register of an area: stats.read there or above */
  read: (actor: Actor, area: { path: string }) => can(actor, 'stats.read', area.path),
  listScope: (actor: Actor) => scopePrefixes(actor, 'stats.read'),
  /** add/edit/delete entries of an area: enterprise.manage there or above */
  manage: (actor: Actor, area: { path: string }) => can(actor, 'enterprise.manage', area.path),
  /** the org may hold a register (not an enterprise union, branch or group) */
  holdsRegister: (org: { kind: string }) => AREA_KINDS.includes(org.kind as OrgKind),
  /** link a union: the actor must be able to see it */
  linkUnion: (actor: Actor, union: { path: string }) => can(actor, 'org.read', union.path),
};
