import { z } from 'zod';
import { orgKindSchema } from './orgs';

/** Roles a user holds *at an org node* (DOMAIN §3). Power is always "this action, in this subtree". */
export const ROLES = [
  'chair', // 工会主席
  'vice_chair', // 副主席
  'admin', // 系统管理员 (org-level console admin)
  'cadre', // 工会干部 / 社会化工会工作者
  'auditor', // 审计/督办: read-only incl. audit log
  'operator', // 12351 热线坐席: files cases for callers
  'partner', // 承办人员 (律师、社工、心理咨询师): sees only the cases assigned to them
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);
export const ROLE_LABELS: Record<Role, string> = {
  chair: '工会主席',
  vice_chair: '工会副主席',
  admin: '系统管理员',
  cadre: '工会干部',
  auditor: '审计督查员',
  operator: '热线坐席',
  partner: '承办人员（律师/社工/心理咨询师）',
};

export const passwordLoginSchema = z.object({ phone: z.string(), password: z.string() });
export const smsSendSchema = z.object({ phone: z.string() });
export const smsLoginSchema = z.object({ phone: z.string(), code: z.string() });

export const roleAssignmentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: orgKindSchema,
  role: roleSchema,
  createdAt: z.string(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const meSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), phoneMasked: z.string() }),
  isSuperAdmin: z.boolean(),
  isMember: z.boolean(),
  roles: z.array(roleAssignmentSchema),
  /** permissions held at some node (see server platform/access/permissions.ts) */
  permissions: z.array(z.string()),
  /** permissions held at a province-level node */
  rootPermissions: z.array(z.string()),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const userListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string(),
  hasPassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  roles: z.array(roleAssignmentSchema),
  createdAt: z.string(),
});
export type UserListItem = z.infer<typeof userListItemSchema>;

/** Create a cadre account and appoint it at an org node in one step. */
export const createUserSchema = z.object({
  name: z.string(),
  phone: z.string(),
  password: z.string().optional(),
  orgId: z.string(),
  role: roleSchema,
});
export const assignRoleSchema = z.object({ userId: z.string(), orgId: z.string(), role: roleSchema });

export const smsOutboxItemSchema = z.object({
  id: z.string(),
  phoneMasked: z.string(),
  template: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type SmsOutboxItem = z.infer<typeof smsOutboxItemSchema>;

export const memberProfileSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), phoneMasked: z.string() }),
  memberships: z.array(
    z.object({
      id: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      orgPathNames: z.array(z.string()),
      status: z.string(),
      cardNo: z.string(),
      employer: z.string().nullable(),
      occupation: z.string().nullable(),
      idNumberMasked: z.string(),
      gender: z.enum(['M', 'F']),
      birthDate: z.string(),
      joinedAt: z.string(),
    }),
  ),
});
export type MemberProfile = z.infer<typeof memberProfileSchema>;
