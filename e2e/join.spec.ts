import { expect, test } from '@playwright/test';
import { adminApi, apiSend, latestSmsCode, loginAdminUi, shot } from './helpers';

/**
 * 一码入会 end to end: a cadre's join code → a worker on a phone scans it, logs in by SMS, fills the
 * real-name form → the cadre approves in the 审批中心 → the worker's electronic member card appears.
 */
const WORKER_PHONE = '13700000888';
const WORKER_ID = '110101199003070011'; // 北京东城 1990-03-07, male; checksum valid

test('工人扫码入会 → 干部审批 → 工人看到电子会员卡', async ({ browser, baseURL }) => {
  const admin = await adminApi(baseURL!);
  // the demo member's enterprise union issues the code
  const found = await (await admin.get('/api/members?q=13900000001')).json();
  const orgId: string = found.items[0].orgId;
  const orgName: string = found.items[0].orgName;
  const link = await apiSend(admin, 'post', `/api/orgs/${orgId}/join-links`);

  // ---- the worker, on a phone ----
  const phone = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' });
  const worker = await phone.newPage();
  await worker.goto(link.path);
  await expect(worker.getByText(orgName).first()).toBeVisible();
  await worker.getByRole('button', { name: '手机号验证登录' }).click();
  await worker.waitForURL(/\/login/);
  await worker.getByPlaceholder('请输入手机号').fill(WORKER_PHONE);
  await worker.getByRole('button', { name: '获取验证码' }).click();
  await expect(worker.getByRole('button', { name: /秒后重发/ })).toBeVisible();
  await worker.getByPlaceholder('6 位验证码').fill(await latestSmsCode(admin, WORKER_PHONE));
  await worker.locator('.gh-m-agree .adm-checkbox').click();
  await worker.getByRole('button', { name: '登录', exact: true }).click();
  await worker.waitForURL((u) => u.pathname === link.path);

  await worker.getByPlaceholder('请输入姓名').fill('周新会');
  await worker.getByPlaceholder('请输入身份证号').fill(WORKER_ID.toLowerCase());
  await expect(worker.getByText('1990-03-07').first()).toBeVisible(); // derived from the number as it is typed
  await worker.getByPlaceholder('请输入手机号').fill(WORKER_PHONE);
  await worker.getByRole('checkbox', { name: '我已阅读并同意' }).click();
  await shot(worker, 'e2e-join-form');
  await worker.getByRole('button', { name: '提交入会申请' }).click();
  await worker.waitForURL(/\/progress/);
  await expect(worker.getByText('待审批').first()).toBeVisible();
  await shot(worker, 'e2e-join-progress');

  // ---- the cadre approves in the inbox ----
  const console = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const cadre = await console.newPage();
  await loginAdminUi(cadre);
  await cadre.goto('/admin/approvals');
  const row = cadre.getByRole('row').filter({ hasText: '周新会' });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('sla')).toBeVisible();
  await row.click();
  await expect(cadre.getByTestId('application-drawer-title')).toContainText('周新会');
  await shot(cadre, 'e2e-approvals-drawer');
  await cadre.getByTestId('decision-approve').click();
  await expect(cadre.getByTestId('application-drawer').getByTestId('application-status')).toContainText('已通过');

  // ---- the worker is told and carries the card ----
  await worker.goto('/card');
  const card = worker.getByTestId('member-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('周新会');
  await expect(card).toContainText(orgName);
  await expect(worker.getByTestId('card-qr').locator('img, canvas').first()).toBeVisible();
  await shot(worker, 'e2e-member-card');

  // the card's QR opens the public verify page, which shows the member as valid (masked)
  const card_ = await (await worker.request.get('/api/me/card')).json();
  const venue = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await venue.goto(`${baseURL}/verify#${card_.token}`);
  await expect(venue.getByText('有效会员')).toBeVisible();
  await expect(venue.getByText('周**')).toBeVisible();

  await admin.dispose();
  await phone.close();
  await console.close();
  await venue.close();
});
