import { describe, expect, it } from 'vitest';
import { caseWords, MAX_CASE_WORDS } from './words';
import { STOPWORDS } from './stopwords';

describe('caseWords (诉求高频词)', () => {
  it('keeps the topic words of a wage-arrears appeal and drops particles and boilerplate', () => {
    const words = caseWords('公司拖欠工资三个月了，希望工会帮忙讨薪');
    expect(words).toContain('拖欠');
    expect(words).toContain('工资');
    for (const dropped of ['的', '了', '希望', '工会', '帮忙', '三个月', '，']) expect(words).not.toContain(dropped);
  });

  it('keeps labour vocabulary whole and splits compounds that hide a topic word', () => {
    const words = caseWords('入职一年没有缴纳社保，也没签劳动合同；外卖骑手派单超时被罚款，周末加班不给调休，公司拖欠工资');
    for (const w of ['入职', '社保', '劳动合同', '外卖', '骑手', '调休', '拖欠', '工资']) expect(words).toContain(w);
    expect(words).not.toContain('拖欠工资');
  });

  it('returns distinct words, most frequent first, ties in order of appearance', () => {
    const words = caseWords('宿舍空调坏了。宿舍热水器也坏了，宿舍没有空调根本睡不着，食堂');
    expect(new Set(words).size).toBe(words.length);
    expect(words[0]).toBe('宿舍'); // 3 times
    expect(words[1]).toBe('空调'); // 2 times
    expect(words.indexOf('热水器')).toBeLessThan(words.indexOf('食堂')); // both once, 热水器 first
  });

  it('drops punctuation, digits, single characters and Chinese quantities', () => {
    const words = caseWords('2024年3月 加班 36 小时！！ 十几天 两千元 ... ~~ 《劳动合同法》');
    expect(words).toContain('加班');
    expect(words).toContain('小时');
    for (const w of words) {
      expect([...w].length).toBeGreaterThanOrEqual(2);
      expect(w).not.toMatch(/[\d\p{P}\p{S}]/u);
    }
    expect(words).not.toContain('十几天');
    expect(words).not.toContain('两千元');
  });

  it('folds full-width and upper-case latin words', () => {
    expect(caseWords('ＡＰＰ打卡失败，App 又打卡失败')).toEqual(expect.arrayContaining(['app', '打卡', '失败']));
    expect(caseWords('ＡＰＰ打卡失败，App 又打卡失败').filter((w) => w === 'app')).toHaveLength(1);
  });

  it('caps the list', () => {
    const text = Array.from({ length: 80 }, (_, i) => ['食堂', '宿舍', '班车', '停车', '培训', '社保', '工伤', '合同'][i % 8] + '反映' + '饭菜空调司机车位课程医保鉴定续签绩效奖金补贴年假体检保险厕所电梯门禁网络外卖快递押金罚款考勤排班夜班高温口罩'.slice((i * 2) % 60, ((i * 2) % 60) + 2)).join('，');
    const words = caseWords(text);
    expect(words.length).toBe(MAX_CASE_WORDS);
  });

  it('returns nothing for empty or boilerplate-only text', () => {
    expect(caseWords('')).toEqual([]);
    expect(caseWords('希望工会帮忙解决问题，谢谢！')).toEqual([]);
  });

  it('the stopword list keeps domain nouns', () => {
    for (const w of ['工资', '食堂', '宿舍', '加班', '社保', '拖欠', '工伤']) expect(STOPWORDS.has(w)).toBe(false);
    expect(STOPWORDS.has('公司')).toBe(true); // every appeal names the company: no signal
  });
});
