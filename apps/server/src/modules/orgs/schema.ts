import { INDUSTRY_LINES, orgKindSchema } from '@gonghui/contracts';
import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination';

export const orgIdParams = z.object({ id: z.uuid() });
export const childrenQuery = z.object({ cursor: pageQuery.cursor, limit: z.coerce.number().int().min(1).max(200).default(100) });
export const searchQuery = z.object({ q: z.string().trim().min(1).max(50), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const createOrgBody = z.object({
  parentId: z.uuid(),
  name: z.string().trim().min(2).max(100),
  kind: orgKindSchema,
  regionCode: z.string().regex(/^\d{6}$/).optional(),
  uscc: z.string().max(40).optional(),
  address: z.string().trim().max(200).optional(),
  industryLine: z.enum(INDUSTRY_LINES).optional(),
  industryOrgId: z.uuid().optional(),
});
export type CreateOrgInput = z.infer<typeof createOrgBody>;
