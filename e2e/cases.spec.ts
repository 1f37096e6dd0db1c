import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { adminApi, latestSmsCode, loginAdminUi, shot } from './helpers';

/**
 * 诉求 end to end: a member on a phone files an appeal → the router assigns it to the on-duty handler
 * of their union's team → the handler replies in the console (办结答复) → the member reads the reply
 * and rates it 5 stars → 已关闭. Then the appeal is on the 诉求广场 with its reply.
 */
const WORKER = { name: '林秀梅', phone: '13700000661', idNumber: '110101198808150049' }; // 1988-08-15, female; checksum valid
const HANDLER = { name: '赵承办', phone: '13700000662', password: 'Handler@2026' };
const INJURY_VISITOR = '13700000663';

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' } as const;

type Team = { id: string; skill: string; members: { userId: string; onDuty: boolean }[] };

async function apiCall(ctx: APIRequestContext, method: 'post' | 'patch', url: string, data?: unknown) {
  const csrf = (await ctx.storageState()).cookies.find((c) => c.name === 'gh_csrf')?.value ?? '';
  const res = await ctx[method](url, { data: data ?? {}, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${method.toUpperCase()} ${url} failed: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** antd-mobile toasts (已提交, 感谢您的评价) fade after 2 s; don't photograph them over the page. */
async function phoneShot(page: Page, name: string, fullPage = false) {
  await page.locator('.adm-toast-main').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  await shot(page, name, fullPage);
}

/** SMS login on the member login page (the code is read from the dev outbox). */
async function smsLogin(page: Page, admin: APIRequestContext, phone: string) {
  await page.getByPlaceholder('请输入手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('button', { name: /秒后重发/ })).toBeVisible();
  await page.getByPlaceholder('6 位验证码').fill(await latestSmsCode(admin, phone));
  await page.locator('.gh-m-agree .adm-checkbox').click();
}

test('职工提交诉求 → 自动派给在岗承办人 → 办结答复 → 职工评价 5 星 → 已关闭', async ({ browser, baseURL }) => {
  const admin = await adminApi(baseURL!);
  // the demo member's enterprise union handles appeals of its members (default routing: origin, 综合服务 team)
  const found = await (await admin.get('/api/members?q=13900000001')).json();
  const orgId: string = found.items[0].orgId;
  const orgName: string = found.items[0].orgName;

  // a worker registered by the union (the SMS login claims the record) …
  await apiCall(admin, 'post', '/api/members', { ...WORKER, orgId });
  // … and a cadre of that union, on duty in its 综合服务 team: the only one a new case can go to
  const handler = await apiCall(admin, 'post', '/api/users', { ...HANDLER, orgId, role: 'cadre' });
  const handlerId: string = handler.id ?? handler.user?.id;
  const teams = ((await (await admin.get(`/api/case-teams?orgId=${orgId}`)).json()) as Team[]).filter((t) => t.skill === 'general');
  if (teams.length === 0) teams.push(await apiCall(admin, 'post', '/api/case-teams', { orgId, name: '职工服务站', skill: 'general' }));
  for (const team of teams) {
    for (const m of team.members) if (m.onDuty) await apiCall(admin, 'patch', `/api/case-teams/${team.id}/members/${m.userId}`, { onDuty: false });
    await apiCall(admin, 'post', `/api/case-teams/${team.id}/members`, { userId: handlerId, onDuty: true });
  }

  // ---- the worker, on a phone ----
  const phone = await browser.newContext({ baseURL, ...PHONE });
  const worker = await phone.newPage();
  await worker.goto('/');
  await worker.waitForURL(/\/login/);
  await smsLogin(worker, admin, WORKER.phone);
  await worker.getByRole('button', { name: '登录', exact: true }).click();
  await worker.waitForURL((u) => u.pathname === '/');
  const services = worker.getByTestId('home-cases');
  await expect(services.getByText('诉求广场')).toBeVisible();
  await services.getByTestId('entry-case-appeal').click();
  await worker.waitForURL(/\/cases\/new\?type=appeal/);

  const form = worker.getByTestId('member-case-new');
  await expect(form.getByText('诉求信息')).toBeVisible();
  // too short: the same message the server would give, under the field
  await form.getByPlaceholder(/请描述您遇到的问题/).fill('太热');
  await form.getByTestId('case-submit').click();
  await expect(form.getByText('请至少用 5 个字描述您的诉求')).toBeVisible();
  await form.getByPlaceholder('请填写所在单位').fill(orgName.replace(/工会.*$/, ''));
  await form.getByPlaceholder('一句话概括（选填）').fill('车间高温没有防暑降温措施');
  await form
    .getByPlaceholder(/请描述您遇到的问题/)
    .fill('七月以来二号车间温度经常超过 35 度，没有发放防暑降温用品，也没有调整作业时间，希望工会督促单位落实高温津贴和防暑措施。');
  await form.getByRole('switch', { name: '公开到诉求广场' }).click();
  await phoneShot(worker, 'e2e-case-submit', true);
  await form.getByTestId('case-submit').click();

  await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = new URL(worker.url()).pathname.split('/').pop()!;
  const detail = worker.getByTestId('member-case-detail');
  await expect(detail.getByTestId('case-title')).toHaveText('车间高温没有防暑降温措施');
  // routed and auto-assigned in the same transaction: 待办理, with the handler's name
  await expect(detail.getByTestId('case-status').first()).toHaveText('待办理');
  await expect(detail.getByText(HANDLER.name).first()).toBeVisible();
  await expect(detail.getByText(/预计 .*前办结/).first()).toBeVisible();
  await phoneShot(worker, 'e2e-case-assigned');

  // ---- the handler replies in the console ----
  const desk = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const cadre = await desk.newPage();
  await loginAdminUi(cadre, HANDLER);
  await cadre.goto(`/admin/cases/${caseId}`);
  await expect(cadre.getByText('车间高温没有防暑降温措施').first()).toBeVisible();
  await cadre.getByTestId('case-action-resolve').click();
  const dialog = cadre.getByRole('dialog');
  await dialog.getByLabel('答复内容').fill('已约谈单位负责人：即日起发放防暑降温用品，高温时段调整为早晚作业，7 月起按规定补发高温津贴。');
  await shot(cadre, 'e2e-case-handler-reply');
  await dialog.getByTestId('case-action-ok').click();
  await expect(dialog).toBeHidden();
  await expect(cadre.getByText('已办结').first()).toBeVisible();

  // ---- the worker reads the reply and rates it ----
  await worker.reload();
  await expect(detail.getByTestId('case-status').first()).toHaveText('已办结');
  await expect(detail.getByTestId('case-reply')).toContainText('高温津贴');
  await worker.getByRole('button', { name: '评价', exact: true }).click();
  const sheet = worker.locator('.gh-m-sheet');
  await sheet.getByRole('radio', { name: '5', exact: true }).tap(); // the stars listen to touch, as on a phone
  await expect(sheet.getByText('非常满意')).toBeVisible();
  await sheet.getByPlaceholder('说说您的感受（选填）').fill('答复及时，措施已经落实，谢谢工会！');
  await phoneShot(worker, 'e2e-case-rate');
  await sheet.getByRole('button', { name: '提交评价' }).click();
  await expect(detail.getByTestId('case-status').first()).toHaveText('已关闭');
  await expect(detail.getByTestId('case-rating').getByRole('radio', { checked: true })).toHaveCount(5);
  await expect(worker.getByRole('button', { name: '评价', exact: true })).toHaveCount(0);
  await phoneShot(worker, 'e2e-case-closed');

  // 我的诉求 lists it as closed and rated; the 诉求广场 shows it with the reply, and it can be liked
  await worker.goto('/cases');
  const mine = worker.getByTestId('my-case').filter({ hasText: '车间高温没有防暑降温措施' });
  await expect(mine.getByTestId('case-status')).toHaveText('已关闭');
  await expect(mine.getByText('已评价')).toBeVisible();
  await worker.goto('/cases/square');
  const pub = worker.getByTestId('public-case').filter({ hasText: '车间高温没有防暑降温措施' });
  await expect(pub).toContainText('高温津贴');
  await pub.getByTestId('like').click();
  await expect(pub.getByTestId('like')).toHaveAttribute('aria-pressed', 'true');
  await expect(pub.getByTestId('like')).toContainText('1');
  await phoneShot(worker, 'e2e-case-square');

  await admin.dispose();
  await phone.close();
  await desk.close();
});

test('医院扫码：手机号验证后填写工伤探视申请', async ({ browser, baseURL }) => {
  const admin = await adminApi(baseURL!);
  const found = await (await admin.get('/api/members?q=13900000001')).json();
  const link = await apiCall(admin, 'post', '/api/case-intake-links', { orgId: found.items[0].orgId, purpose: 'injury', label: '江南省人民医院' });

  const phone = await browser.newContext({ baseURL, ...PHONE });
  const visitor = await phone.newPage();
  await visitor.goto(`/c/${link.token}`);
  const page = visitor.getByTestId('member-case-intake');
  await expect(page.getByText('工伤探视申请')).toBeVisible();
  await expect(page.getByText('江南省人民医院')).toBeVisible();
  // not logged in: the phone is verified right here, then the form appears in place
  await expect(visitor.getByTestId('case-intake-login')).toBeVisible();
  await phoneShot(visitor, 'e2e-case-intake-login');
  await smsLogin(visitor, admin, INJURY_VISITOR);
  await visitor.getByRole('button', { name: '验证并继续' }).click();
  await expect(page.getByText('工伤探视信息')).toBeVisible();

  await page.getByPlaceholder('请填写受伤职工姓名').fill('钱师傅');
  await page.getByPlaceholder('请填写所在医院').fill('江南省人民医院');
  await page.getByPlaceholder('请填写科室床号').fill('骨科 12 床');
  await page.getByText('受伤日期').click();
  await visitor.getByRole('button', { name: '确定' }).click(); // today
  await page.getByPlaceholder('请填写用人单位').fill('江南建工集团');
  await page.getByPlaceholder('请填写受伤情况').fill('搬运钢材时右腿被砸伤，骨折住院。');
  await page.getByPlaceholder(/请补充受伤经过/).fill('家属希望工会了解工伤认定流程并协助与单位沟通。');
  // a hospital code files 工伤探视 only, never anonymously
  await expect(page.getByText('匿名提交')).toHaveCount(0);
  await phoneShot(visitor, 'e2e-case-intake-form', true);
  await page.getByRole('button', { name: '提交探视申请' }).click();

  await visitor.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const detail = visitor.getByTestId('member-case-detail');
  await expect(detail.getByText('工伤探视').first()).toBeVisible();
  await expect(detail.getByTestId('case-title')).toHaveText('钱师傅工伤探视（江南省人民医院）');
  await expect(detail.getByTestId('case-status')).toHaveText('待受理'); // 工伤探视 waits for the eligibility check
  await phoneShot(visitor, 'e2e-case-intake-submitted');

  await admin.dispose();
  await phone.close();
});
