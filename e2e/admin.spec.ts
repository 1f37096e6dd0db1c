import { expect, test } from '@playwright/test';
import type { OrgSummary, Page as ApiPage } from '@gonghui/contracts';
import { ADMIN, STREET_CADRE, loginAdminUi, shot } from './helpers';

test.describe('管理后台', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('登录失败时显示接口返回的中文错误', async ({ page }) => {
    await page.goto('/admin/login');
    await expect(page.getByText('工会·智慧工会管理平台')).toBeVisible();
    await shot(page, 'admin-login');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByText('请输入手机号')).toBeVisible();

    await page.getByPlaceholder('请输入 11 位手机号').fill(ADMIN.phone);
    await page.getByPlaceholder('请输入密码').fill('wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const error = page.getByTestId('login-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText(/[\u4e00-\u9fa5]/);
  });

  test('省总管理员登录，在组织架构中搜索组织并查看详情', async ({ page }) => {
    await loginAdminUi(page);
    await expect(page.getByTestId('current-user')).toBeVisible();
    const tree = page.getByTestId('org-tree');
    await expect(tree.locator('.ant-tree-title').first()).toBeVisible();

    // pick a real org two levels down through the API the page itself uses (shares the page's session)
    const roots = (await (await page.request.get('/api/orgs/roots')).json()) as { items: OrgSummary[] };
    const root = roots.items[0]!;
    const kids = (await (await page.request.get(`/api/orgs/${root.id}/children?limit=20`)).json()) as ApiPage<OrgSummary>;
    const parent = kids.items.find((o) => o.childCount > 0) ?? kids.items[0]!;
    const grand = (await (await page.request.get(`/api/orgs/${parent.id}/children?limit=20`)).json()) as ApiPage<OrgSummary>;
    const target = grand.items.at(-1) ?? parent;

    // expand the root lazily, as a person would
    await tree.locator('.ant-tree-switcher').first().click();
    await expect(tree.getByText(kids.items[0]!.name, { exact: true })).toBeVisible();

    await page.getByPlaceholder('搜索组织名称').fill(target.name);
    const hit = page.getByTestId('org-search-hit').filter({ hasText: target.name }).first();
    await expect(hit).toBeVisible();
    await hit.click();

    const detail = page.getByTestId('org-detail');
    await expect(detail.getByTestId('org-detail-name')).toHaveText(target.name);
    await expect(detail.locator('.ant-statistic-title', { hasText: '会员总数' })).toBeVisible();
    await expect(detail.getByText('统一社会信用代码')).toBeVisible();
    // the tree revealed the path down to the hit and selected it
    await expect(tree.locator('.ant-tree-node-selected')).toContainText(target.name);
    await shot(page, 'admin-orgs');
  });

  test('用户与角色、审计日志、短信发件箱', async ({ page, request }) => {
    // something to show in the outbox: a login code for a phone nobody else uses in these tests
    const sent = await request.post('/api/auth/sms/send', { data: { phone: '13912345678' } });
    expect(sent.ok()).toBe(true);
    await loginAdminUi(page);

    await page.getByRole('menuitem', { name: '用户与角色' }).click();
    await expect(page.getByRole('heading', { name: '用户与角色' })).toBeVisible();
    await expect(page.locator('.ant-table-row').first()).toBeVisible();

    // create a cadre account with an initial appointment, add a second role, revoke it
    const phone = `137${String(Date.now()).slice(-8)}`;
    await page.getByRole('button', { name: '新建用户' }).click();
    const create = page.getByRole('dialog').filter({ hasText: '新建干部账号' });
    await create.getByLabel('姓名').fill('周新华');
    await create.getByLabel('手机号').fill(phone);
    await create.getByLabel('初始密码').fill('Gonghui2026x');
    await shot(page, 'admin-users-create');
    await create.getByRole('button', { name: /新\s*建/ }).click();
    await expect(page.getByText('用户已创建')).toBeVisible();
    const row = page.locator('.ant-table-row', { hasText: '周新华' });
    await expect(row).toContainText('工会干部');

    await row.getByRole('button', { name: '分配角色' }).click();
    const assign = page.getByRole('dialog').filter({ hasText: '分配角色' });
    await assign.getByLabel('角色').click();
    await page.locator('.ant-select-item-option[title="审计督查员"]').click();
    await assign.getByRole('button', { name: '分配角色' }).click();
    await expect(page.getByText('角色已分配')).toBeVisible();
    await expect(row).toContainText('审计督查员');
    await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 8000 });
    await shot(page, 'admin-users');

    await row.locator('.gh-role-line', { hasText: '审计督查员' }).getByRole('button', { name: '撤销' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /撤\s*销/ }).click();
    await expect(page.getByText('角色已撤销')).toBeVisible();
    await expect(row).not.toContainText('审计督查员');

    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await expect(page.locator('.ant-table-row').first()).toBeVisible();
    await page.getByRole('button', { name: '校验哈希链' }).click();
    await expect(page.getByTestId('audit-verify-result')).toContainText('哈希链完整');
    await shot(page, 'admin-audit');

    await page.getByRole('menuitem', { name: '短信发件箱' }).click();
    await expect(page.getByRole('heading', { name: '短信发件箱' })).toBeVisible();
    await expect(page.getByText('139****5678').first()).toBeVisible();
    await shot(page, 'admin-sms-outbox');
  });

  test('街道干部只能看到本街道的组织子树', async ({ page }) => {
    await loginAdminUi(page, STREET_CADRE);
    const tree = page.getByTestId('org-tree');
    await expect(tree.locator('.ant-tree-title').first()).toBeVisible();
    const roots = (await (await page.request.get('/api/orgs/roots')).json()) as { items: OrgSummary[] };
    expect(roots.items).toHaveLength(1);
    expect(roots.items[0]!.kind).toBe('street');
    await expect(page.getByTestId('org-detail-name')).toHaveText(roots.items[0]!.name);
    await expect(page.getByTestId('current-role')).toContainText(roots.items[0]!.name);

    // small pages so the street's children need "加载更多" (the UI asks for 100 at a time)
    await page.route('**/api/orgs/*/children?*', (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '5');
      return route.continue({ url: url.toString() });
    });
    const rootTitle = tree.locator('.ant-tree-treenode', { hasText: roots.items[0]!.name });
    await rootTitle.locator('.ant-tree-switcher').click();
    const more = tree.getByText(/加载更多（已显示 5 个）/);
    await expect(more).toBeVisible();
    await more.click();
    await expect(tree.getByText(/加载更多（已显示 10 个）/)).toBeVisible();
    await shot(page, 'admin-orgs-street-cadre');

    // an org outside the subtree is not found by search
    await page.getByPlaceholder('搜索组织名称').fill('江南省总工会');
    await expect(page.getByText('未找到匹配的组织')).toBeVisible();
  });
});
