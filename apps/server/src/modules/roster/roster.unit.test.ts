import { randomBytes } from 'node:crypto';
import { idNumberCheckChar, realNameSchema } from '@gonghui/contracts';
import { describe, expect, it } from 'vitest';
import { PiiCipher } from '../../platform/crypto/pii';
import { detectTextEncoding, safeFileName, sniffUpload } from '../../platform/files/store';
import { BulkPii } from './bulk-crypto';
import { countNewlines, findRecordBoundary, parseCsv } from './csv';
import { KeyRowSet } from './keyset';
import { checkRow, fieldOfHeader, idKey, mapHeader } from './validate';

const TODAY = '2026-06-30';
const id = (first17: string) => first17 + idNumberCheckChar(first17);

describe('CSV', () => {
  it('parses quotes, doubled quotes, commas and newlines inside quotes, CRLF and blank lines', () => {
    expect(parseCsv('a,b\r\n\r\n"x,1","say ""hi""","two\nlines"\nlast,')).toEqual([['a', 'b'], [], ['x,1', 'say "hi"', 'two\nlines'], ['last', '']]);
    expect(parseCsv('a,b\n\nc,d\n')).toEqual([['a', 'b'], [], ['c', 'd']]);
  });

  it('cuts byte chunks only between records, never inside a quoted newline', () => {
    const buf = Buffer.from('a,"1\n2"\nb,3\nc,"4\n');
    const { cut, inQuoteAtEnd } = findRecordBoundary(buf, false);
    expect(buf.subarray(0, cut).toString()).toBe('a,"1\n2"\nb,3\n');
    expect(inQuoteAtEnd).toBe(true);
    expect(findRecordBoundary(Buffer.from('no newline'), false).cut).toBe(-1);
    expect(countNewlines(buf)).toBe(4);
  });
});

describe('row checks', () => {
  const good = id('11010519900307001');

  it('agree with realNameSchema on names, 身份证号, phones and the code tables', () => {
    const cases = [
      { name: '王 建国', idNumber: good.toLowerCase(), phone: '+86 138 0013 8000', education: '本科' },
      { name: '李', idNumber: good, phone: '13800138000' },
      { name: '阿依古丽．买买提', idNumber: good, phone: '13800138000' },
      { name: '张三1', idNumber: good, phone: '13800138000' },
      { name: '张三', idNumber: `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`, phone: '13800138000' },
      { name: '张三', idNumber: '１１０１０５１９４９１２３１００２Ｘ', phone: '１３８００１３８０００' },
      { name: '张三', idNumber: good, phone: '12345' },
      { name: '张三', idNumber: good, phone: '13800138000', politicalStatus: '无党派' },
    ];
    for (const c of cases) {
      const mine = checkRow(c, TODAY);
      const theirs = realNameSchema.safeParse(c);
      expect(mine.row !== null, JSON.stringify(c)).toBe(theirs.success);
      if (theirs.success) expect(mine.row).toMatchObject({ name: theirs.data.name, idNumber: theirs.data.idNumber, phone: theirs.data.phone });
      else {
        // the same reason, prefixed with the column name
        for (const issue of theirs.error.issues) {
          const msg = issue.message.replace(/^(身份证号|手机号|姓名)(中的|的)?/, '');
          if (/[\u4e00-\u9fa5]/.test(issue.message) && !issue.message.startsWith('请选择')) {
            expect(mine.issues.some((x) => x.message.endsWith(msg)), `${issue.message} in ${JSON.stringify(mine.issues)}`).toBe(true);
          }
        }
      }
    }
  });

  it('names every bad cell in Chinese, column first', () => {
    const r = checkRow({ name: '', idNumber: '123', phone: '', joinedAt: '2030-01-01', education: '研究生', employer: 'x'.repeat(101) }, TODAY);
    expect(r.row).toBeNull();
    expect(r.issues.map((x) => x.message)).toEqual([
      '姓名：必填，不能为空',
      '身份证号：应为 18 位',
      '手机号：必填，不能为空',
      '学历：「研究生」不在可选范围内，请从下拉列表选择',
      '工作单位：不能超过 100 个字',
      '入会日期：不能晚于今天',
    ]);
  });

  it('accepts common spellings of dates and code-table values', () => {
    const r = checkRow({ name: '张三', idNumber: good, phone: '13800138000', ethnicity: '回', education: '大学本科', politicalStatus: '党员', employmentForm: '全职', joinedAt: '2020年3月1日' }, TODAY);
    expect(r.row).toMatchObject({ ethnicity: '回族', education: '本科', politicalStatus: '中共党员', employmentForm: '全日制', joinedAt: '2020-03-01', gender: 'M', birthDate: '1990-03-07' });
    expect(checkRow({ name: '张三', idNumber: good, phone: '13800138000', joinedAt: '1989-01-01' }, TODAY).issues[0]!.message).toBe('入会日期：早于身份证号中的出生日期');
  });

  it('dedupe keys: equal for equal numbers, distinct otherwise, exact doubles', () => {
    const a = id('32710119600101910');
    expect(idKey(a)).toBe(idKey(a.toLowerCase().toUpperCase()));
    expect(idKey(id('32710119600101911'))).not.toBe(idKey(a));
    expect(idKey(id('65290120501231999'))).toBeLessThan(2 ** 53);
    // the table grows from 4 slots and still finds every key with its first row
    const set = new KeyRowSet(4);
    const keys = Array.from({ length: 5000 }, (_, i) => idKey(id(`327101${19600101 + (i % 28)}${String(Math.floor(i / 28)).padStart(3, '0')}`)));
    expect(new Set(keys).size).toBe(5000);
    keys.forEach((k, i) => expect(set.getOrAdd(k, i + 2)).toBe(0));
    keys.forEach((k, i) => expect(set.getOrAdd(k, 99_999)).toBe(i + 2));
    expect(set.size).toBe(5000);
  });

  it('maps template, alias and decorated headers; a data row is not a header', () => {
    expect(fieldOfHeader('身份证号*')).toBe('idNumber');
    expect(fieldOfHeader(' 身份证号码 ')).toBe('idNumber');
    expect(fieldOfHeader('入会日期 (YYYY-MM-DD)')).toBe('joinedAt');
    expect(fieldOfHeader('入会日期（YYYY-MM-DD）')).toBe('joinedAt');
    expect(mapHeader(['张三', id('11010519900307001'), '13800138000'])).toBeNull();
    expect(mapHeader(['行号', '姓名*', '身份证号*', '手机号*', '错误原因'])).toEqual({ map: [null, 'name', 'idNumber', 'phone', null], missing: [] });
    expect(mapHeader(['姓名', '身份证号'])!.missing).toEqual(['手机号']);
  });
});

describe('bulk PII crypto', () => {
  it('writes what PiiCipher reads, with the same blind index', () => {
    const keys = { activeKeyId: 'k9', keys: { k9: randomBytes(32) }, hmacKey: randomBytes(32) };
    const bulk = new BulkPii(keys);
    const cipher = new PiiCipher(keys);
    for (const v of ['11010519491231002X', '13800138000', '江南省青溪市人民路 1 号']) {
      const enc = bulk.encrypt(v);
      expect(enc.startsWith('k9:')).toBe(true);
      expect(cipher.decrypt(enc)).toBe(v);
      expect(bulk.encrypt(v)).not.toBe(enc);
      expect(bulk.blindIndex('idno', v)).toBe(cipher.blindIndex('idno', v));
    }
  });
});

describe('upload sniffing', () => {
  it('tells xlsx, UTF-8 (BOM or not), GBK and binary apart by content', () => {
    expect(sniffUpload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ type: 'xlsx' });
    expect(sniffUpload(Buffer.from('\ufeff姓名,身份证号\n'))).toEqual({ type: 'csv', encoding: 'utf-8' });
    expect(detectTextEncoding(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c]))).toBe('gb18030'); // 姓名, in GBK
    expect(sniffUpload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0x00, 0x00]))).toBeNull(); // old .xls
    // a character cut at the end of the sample is still UTF-8
    expect(detectTextEncoding(Buffer.from('姓名').subarray(0, 4))).toBe('utf-8');
  });

  it('keeps display names safe', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\名册"<1>".csv')).toBe('名册1.csv');
    expect(safeFileName('')).toBe('upload');
    expect(safeFileName(`${'长'.repeat(200)}.xlsx`)).toHaveLength(120);
  });
});
