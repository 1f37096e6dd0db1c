/**
 * Words left out of appeal keyword statistics (诉求高频词): Chinese function words, pronouns,
 * generic verbs/adverbs and the boilerplate nearly every appeal contains ("希望工会帮忙解决问题").
 * Kept deliberately short: domain nouns (工资, 食堂, 宿舍, 社保 …) stay in. 公司/单位 are out: nearly
 * every appeal is about "the company", so it topped every cloud and said nothing.
 * The statistics filter stored words through this list again, so an edit here applies to old cases too.
 */
const FUNCTION_WORDS = `
的 了 着 过 地 得 之 和 与 及 或 而 且 并 但 却 就 都 也 还 又 再 才 只 很 太 更 最 已 已经 曾经 正在 一直 一下 一些 一点 一个 一次 一样
这 那 这个 那个 这些 那些 这样 那样 这么 那么 这里 那里 这种 那种 这次 那次 这边 那边 此 其 其中 其他 其它 各 每 某 某些 各种
我 你 他 她 它 我们 你们 他们 她们 它们 咱们 大家 自己 本人 人家 别人 有人 没人 谁 什么 怎么 怎样 怎么办 为什么 为何 哪 哪里 哪些 多少 几 如何
是 不是 有 没有 没 无 在 不在 要 不要 会 不会 能 不能 能够 可以 可能 应该 应当 需要 必须 得到 给 让 把 被 对 对于 关于 由 从 向 往 到 于 以 以及 按 按照 根据 通过 为 为了 因为 所以 因此 如果 虽然 但是 然而 而且 并且 或者 还是 还有 以后 以前 之后 之前 后来 然后 同时 时候 现在 目前 当时 已 每次 每天 一般 一定 非常 特别 比较 十分 真的 确实 实在 完全 总是 经常 常常 老是 一起 一共 全部 所有 任何 不 别 没法 无法 不得不
啊 吧 呢 吗 呀 哦 嗯 哈 么 嘛 啦 哎 唉 喔 哇
个 些 次 件 位 名 天 年 月 日 号 点 种 样 家 们
一 二 三 四 五 六 七 八 九 十 百 千 万 两 半 几个 多个 好几 上 下 里 内 外 中 前 后 左右 等 等等 之类
说 问 做 去 来 看 想 知道 觉得 认为 表示 发现 出现 进行 造成 导致 存在 开始 继续 情况 方面 时间 地方 东西 事情 事 问题 情形 原因 结果 方式 相关 有关 具体 一直没 至今 仍然 依然
`;

/** Words every appeal carries that say nothing about its subject (希望工会帮忙解决 …). */
const APPEAL_BOILERPLATE = `
希望 请求 恳请 请 麻烦 帮忙 帮助 帮 解决 处理 反映 反应 诉求 投诉 举报 建议 咨询 求助 申请 要求 请问 谢谢 感谢 您好 你好 领导 工会 上级 有关部门 相关部门 部门 单位领导
我们 员工 职工 工人 同事 大家伙 本人 我司 尽快 及时 早日 给予 予以 落实 关注 重视 协调 沟通 维护 权益 合法权益 合理 正常 一下子 急需 急 非常感谢
解决问题 帮忙解决 尽快解决 及时处理 你们好 大家好 工会领导 工会主席 得到 重视 持续 很久 一线 匿名 我想 我是 不肯 只能 越来越 越来越多 越来越少 情况属实 根本 好几个 一分钱 上周 下来 下去 起来 出来
公司 有限公司 单位 工作 最近 长期 连续 多次 明显 影响 增加 提高 减少 不足 不够 是否 能否 应该 怎么样 照常 很大 很多 太多
`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  `${FUNCTION_WORDS} ${APPEAL_BOILERPLATE}`.split(/\s+/).filter(Boolean),
);
