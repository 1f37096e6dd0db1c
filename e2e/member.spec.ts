import { expect, test } from '@playwright/test';
import type { Page as ApiPage, SmsOutboxItem } from '@gonghui/contracts';
import { MEMBER_PHONE, adminApi, shot } from './helpers';

test.describe('会员端 H5', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('会员用短信验证码登录，查看首页和我的', async ({ page, baseURL }) => {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await expect(page.getByText('会员登录')).toBeVisible();
    await shot(page, 'member-login');

    await page.getByPlaceholder('请输入手机号').fill(MEMBER_PHONE);
    const sent = page.waitForResponse((r) => r.url().includes('/api/auth/sms/send'));
    await page.getByRole('button', { name: '获取验证码' }).click();
    expect((await sent).ok()).toBe(true);
    await expect(page.getByRole('button', { name: /秒后重发/ })).toBeVisible();

    // read the code the dev SMS driver recorded, through the admin API in its own session
    const admin = await adminApi(baseURL!);
    const res = await admin.get(`/api/sms-outbox?phone=${MEMBER_PHONE}&limit=5`);
    expect(res.ok()).toBe(true);
    const outbox = (await res.json()) as ApiPage<SmsOutboxItem>;
    const code = /\b(\d{6})\b/.exec(outbox.items[0]?.body ?? '')?.[1];
    expect(code, 'a 6-digit code in the latest SMS').toBeTruthy();
    await admin.dispose();

    await page.getByPlaceholder('6 位验证码').fill(code!);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    // without consent the login is refused with a hint
    await expect(page.getByText('请先阅读并同意《隐私政策》')).toBeVisible();
    await page.locator('.gh-m-agree .adm-checkbox').click();
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await page.waitForURL((u) => u.pathname === '/');
    const home = page.getByTestId('member-home');
    await expect(home).toBeVisible();
    await expect(home.getByText('会员服务')).toBeVisible();
    await expect(home.getByText('入会', { exact: true })).toBeVisible();
    await expect(home.getByText(/所属工会|还没有加入工会/)).toBeVisible();
    await shot(page, 'member-home');

    await page.getByText('我的', { exact: true }).click();
    const profile = page.getByTestId('member-profile');
    await expect(profile).toBeVisible();
    await expect(profile.getByText('我的会籍')).toBeVisible();
    await expect(profile.getByText(/\*{4,}/).first()).toBeVisible(); // masked phone / 身份证号
    await shot(page, 'member-profile');
  });
});
