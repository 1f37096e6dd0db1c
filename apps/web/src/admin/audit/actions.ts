/** Chinese names of audit actions; unknown actions show their code. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login.password': '密码登录',
  'auth.login.sms': '短信登录',
  'auth.login.failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.locked': '账号锁定',
  'sms.outbox.read': '查看短信发件箱',
  'user.create': '创建用户',
  'role.assign': '分配角色',
  'role.revoke': '撤销角色',
  'org.create': '创建组织',
  'org.update': '修改组织',
  'member.create': '登记会员',
  'member.pii.view': '查看敏感信息',
  'demo.load': '加载演示数据',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
