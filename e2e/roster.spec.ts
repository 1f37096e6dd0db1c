import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { STREET_CADRE, loginAdminUi, shot } from './helpers';

/** A messy roster, as unions really send them: full-width digits, spaces, lower-case x, typos. */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNo(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * W[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

test.use({ viewport: { width: 1440, height: 900 } });

test('干部导入一份不规范的名册：有效行入库，错误行给出逐格原因的错误报告', async ({ page }) => {
  const unique = String(Date.now()).slice(-3);
  const withX = (() => {
    for (let n = 100; n < 999; n++) {
      const id = idNo(`11010119850101${String(n).padStart(3, '0')}`);
      if (id.endsWith('X')) return id;
    }
    throw new Error('no X id');
  })();
  const good = idNo(`11010119920815${unique}`);
  const badChecksum = idNo(`11010119930101${unique}`).slice(0, 17) + (idNo(`11010119930101${unique}`).endsWith('1') ? '2' : '1');
  const csv = [
    '姓名*,身份证号*,手机号*,民族,学历,政治面貌,工作单位,职业/岗位,行业,就业形式,居住地址,入会日期 (YYYY-MM-DD)',
    `刘 一,${fullWidth(good)},${fullWidth('137 0000 1001')},汉族,本科,群众,甲公司,快递员,,新就业形态,,2026-11-01`,
    `陈二,${withX.toLowerCase()},13700001002,汉族,,,,,,,,`,
    `张三,${badChecksum},13700001003,汉族,,,,,,,,`,
    `李四,${idNo(`11010119940202${unique}`)},1370000100,汉族,,,,,,,,`,
    `王五,${good},13700001005,汉族,,,,,,,,`,
  ].join('\n');

  await loginAdminUi(page, STREET_CADRE);
  await page.goto('/admin/roster/import');
  await expect(page.getByTestId('roster-template')).toBeVisible();
  await page.getByRole('button', { name: '已有填好的名册，下一步' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: '名册-不规范.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`, 'utf8') });
  await page.getByTestId('roster-start').click();

  const result = page.getByTestId('roster-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toContainText('名册-不规范.csv');
  await shot(page, 'e2e-roster-result');

  const download = page.waitForEvent('download');
  await page.getByTestId('roster-report').click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const text = wb.worksheets.map((ws) => ws.getSheetValues().map((r) => JSON.stringify(r)).join('\n')).join('\n');
  // the three bad rows come back with the original cells and a Chinese reason for each bad cell
  expect(text).toContain('张三');
  expect(text).toContain('校验位');
  expect(text).toContain('李四');
  expect(text).toContain('手机号');
  expect(text).toContain('王五');
  expect(text).toMatch(/重复/);
  expect(text).not.toContain('陈二');
});
