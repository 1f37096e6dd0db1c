import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { STOPWORDS } from './stopwords';

/**
 * High-frequency words of appeals (诉求高频词). Each case stores its distinct keywords in
 * `cases.words` at submission, so the hot-word list of any subtree is one GROUP BY over unnest(words)
 * and never re-segments old texts.
 *
 * Segmenter: jieba (native, @node-rs/jieba) rather than Intl.Segmenter. ICU's general dictionary
 * breaks the labour vocabulary apart (社|保, 入|职, 外|卖, 骑|手, 调|休, 劳动|合同) and was ~3x slower
 * on appeal texts; jieba keeps them whole and accepts the small domain dictionary below.
 */

/** At most this many words are kept per case (most frequent first). */
export const MAX_CASE_WORDS = 30;

/**
 * Domain dictionary in jieba's "word freq [tag]" format. Frequency 0 removes a compound from the
 * dictionary so its parts are counted (拖欠工资 → 拖欠 + 工资: "工资" is what the chair looks for).
 */
const USER_DICT = `
拖欠工资 0
实际工资 0
资金周转 0
卫生条件 0
休息时间 0
工会组织 0
被迫辞职 0
按规定 0
讨薪 3000 v
欠薪 3000 n
跑路 3000 v
年假 3000 n
五险一金 3000 n
公积金 3000 n
防暑降温费 3000 n
高温补贴 3000 n
网约车 3000 n
快递员 3000 n
外卖员 3000 n
骑手 3000 n
倒班 3000 v
夜班 3000 n
调岗 3000 v
降薪 3000 v
`;

let jieba: Jieba | undefined;
/** Loading the 5 MB dictionary takes ~0.3 s, so it happens on first use, not at import. */
function segmenter(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    jieba = Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
    jieba.loadDict(Buffer.from(USER_DICT.trim()));
  }
  return jieba;
}

const HAN = /\p{Script=Han}/u;
const LETTER_OR_HAN = /^[\p{Script=Han}\p{L}]+$/u;
// Quantities written in Chinese numerals (三个, 十几天, 两千元, 一间) are numbers, not topics.
const CHINESE_QUANTITY = /^[零〇一二三四五六七八九十百千万亿两几半多数每]+[个天年月日号次件位名元块岁周时分秒期间条单点]*$/u;

function keep(word: string): boolean {
  if ([...word].length < 2) return false;
  if (!LETTER_OR_HAN.test(word)) return false; // punctuation, digits, mixed "3个月"
  if (HAN.test(word) && CHINESE_QUANTITY.test(word)) return false;
  return !STOPWORDS.has(word);
}

/**
 * The distinct meaningful words of an appeal text: ≥ 2 characters, no stopwords, punctuation or
 * numbers, at most {@link MAX_CASE_WORDS}, most frequent first (ties: first occurrence first).
 */
export function caseWords(text: string): string[] {
  // NFKC folds full-width letters (ＡＰＰ → APP); lower-case so "App" and "APP" count once.
  const normalized = text.normalize('NFKC').toLowerCase();
  if (!normalized.trim()) return [];
  const counts = new Map<string, number>();
  // HMM on: unknown words (new slang, company names) are still joined rather than split to characters.
  for (const token of segmenter().cut(normalized, true)) {
    if (!keep(token)) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  // Map iteration order is first occurrence, and Array.prototype.sort is stable.
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_CASE_WORDS)
    .map(([word]) => word);
}
