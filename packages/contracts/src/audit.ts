import { z } from 'zod';

export const auditRowSchema = z.object({
  id: z.string(), // sequence number in the chain
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  action: z.string(), // e.g. auth.login.password, org.create, role.assign
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.string().nullable(),
  verifiedAt: z.string(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;
