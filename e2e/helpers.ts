import { request, type APIRequestContext, type Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN = { phone: '13800000001', password: 'Gonghui@2026' };
export const STREET_CADRE = { phone: '13800000002', password: 'Gonghui@2026' };
export const MEMBER_PHONE = '13900000001';

const here = dirname(fileURLToPath(import.meta.url));

/** Screenshots humans look at; kept under e2e/screenshots/. */
export async function shot(page: Page, name: string, fullPage = false) {
  // let fonts and antd motion settle so the picture is what a person sees
  await page.evaluate('document.fonts.ready.then(() => true)');
  // antd toasts fade after ~3 s; don't photograph them over the page
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(here, 'screenshots', `${name}.png`), fullPage });
}

/** A separate API session logged in as the province admin (does not touch the page's cookies). */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post('/api/auth/login/password', { data: ADMIN });
  if (!res.ok()) throw new Error(`admin API login failed: ${res.status()} ${await res.text()}`);
  return ctx;
}

export async function loginAdminUi(page: Page, who: { phone: string; password: string } = ADMIN) {
  await page.goto('/admin/login');
  await page.getByPlaceholder('请输入 11 位手机号').fill(who.phone);
  await page.getByPlaceholder('请输入密码').fill(who.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/admin\/orgs/);
}

/** POST/PUT through an API context with the CSRF header the SPA would send. */
export async function apiSend(ctx: APIRequestContext, method: 'post' | 'put', url: string, data?: unknown) {
  const csrf = (await ctx.storageState()).cookies.find((c) => c.name === 'gh_csrf')?.value ?? '';
  const res = await ctx[method](url, { data: data ?? {}, headers: { 'x-csrf-token': csrf } });
  if (!res.ok()) throw new Error(`${method.toUpperCase()} ${url} failed: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** The latest SMS code the development driver recorded for a phone (read as the province admin). */
export async function latestSmsCode(admin: APIRequestContext, phone: string): Promise<string> {
  const res = await admin.get(`/api/sms-outbox?phone=${phone}&limit=5`);
  const outbox = (await res.json()) as { items: Array<{ body: string }> };
  const code = outbox.items.map((i) => /验证码为 (\d{6})/.exec(i.body)?.[1]).find(Boolean);
  if (!code) throw new Error(`no SMS code for ${phone}`);
  return code;
}
