import type { Migration } from 'kysely';
import * as m001 from './001_foundation';
import * as m002 from './002_members';
import * as m003 from './003_roster';
import * as m004 from './004_member_indexes';
import * as m005 from './005_cases';

/** Forward-only migrations, in order. Add new files here. */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_members': m002,
  '003_roster': m003,
  '004_member_indexes': m004,
  '005_cases': m005,
};
