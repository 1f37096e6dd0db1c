/**
 * Synthetic appeal texts for the cases bench (诉求文本): per case type, topic templates with slots
 * (company, months, amounts, people, hospital …) and a few optional extra sentences, so texts vary
 * in length and wording the way real submissions do. Everything is made up; any resemblance to a
 * real firm or person is accidental.
 */
import type { CaseType } from '@gonghui/contracts';
import type { Rng } from '../demo/prng';
import { BRAND_CHARS, CITY_NAMES, GIVEN_FEMALE, GIVEN_MALE, SECTORS, SURNAMES } from '../demo/words';

export type CaseText = {
  type: CaseType;
  /** a category name (matched by name against case_categories) or null */
  category: string | null;
  title: string;
  content: string;
  /** the type's fields as a member would submit them (money in 元) */
  fields: Record<string, unknown>;
};

/** Historical type mix of a provincial platform (shares sum to 1). */
export const TYPE_MIX: ReadonlyArray<[CaseType, number]> = [
  ['appeal', 0.5],
  ['legal_consult', 0.12],
  ['wage_arrears', 0.1],
  ['suggestion', 0.08],
  ['legal_aid', 0.06],
  ['mediation', 0.05],
  ['counselling', 0.05],
  ['injury_visit', 0.04],
];

/** The appeal categories the bench configures (诉求分类). */
export const APPEAL_CATEGORIES = ['工资待遇', '劳动合同', '社会保险', '休息休假', '食堂宿舍', '安全生产', '新就业形态', '其他'] as const;

type Slots = { c: string; n: number; m: number; m2: number; p: number; h: number; d: number; city: string; hosp: string; name: string };
type Template = { category?: (typeof APPEAL_CATEGORIES)[number]; title: string; content: string };

const APPEAL: Template[] = [
  { category: '工资待遇', title: '公司拖欠工资{n}个月', content: '我们{c}已经{n}个月没有发工资了，一共{p}个人，每人被拖欠{m}元左右，老板说资金周转困难，一直拖着不给，希望工会帮忙讨薪。' },
  { category: '工资待遇', title: '加班费没有按规定发放', content: '公司每天要求加班{h}个小时，周末也经常加班，但是加班费一直没有按规定发放，工资条上看不到加班工资，想问问怎么维权。' },
  { category: '工资待遇', title: '单方面降薪', content: '今年开始{c}单方面降薪，基本工资从{m}元降到{m2}元，也没有和职工协商，很多同事都有意见，请工会帮忙了解情况。' },
  { category: '工资待遇', title: '绩效工资被无故扣发', content: '车间主管以产量不达标为由扣发绩效工资，每个月扣{m2}元，考核标准从来没有公示过，工友们觉得不公平。' },
  { category: '工资待遇', title: '工资低于最低工资标准', content: '我在{c}做保洁，每个月到手工资只有一千多元，扣除社保以后低于最低工资标准，请工会帮忙核实。' },
  { category: '劳动合同', title: '入职{n}个月不签劳动合同', content: '入职{c}已经{n}个月了，公司一直不签劳动合同，问了人事说试用期过了再签，这样合法吗？担心以后发生纠纷没有证据。' },
  { category: '劳动合同', title: '被强制调岗降薪', content: '公司要求我们签一份新的劳动合同，把岗位从技术员调岗为操作工，工资也降了，不同意就让我们走人，请工会帮忙。' },
  { category: '劳动合同', title: '试用期被随意延长', content: '试用期本来是三个月，到期以后公司说考核不合格又延长{n}个月，试用期工资只发八成，想知道公司这样做是否违法。' },
  { category: '劳动合同', title: '公司以劳务派遣名义逃避责任', content: '我们在{c}干了好几年，合同却签在劳务派遣公司，同工不同酬，福利待遇也比正式工差很多。' },
  { category: '社会保险', title: '单位不缴社保', content: '单位没有给我们缴纳社保和公积金，入职快一年了，社保查询一直是空的，请帮忙督促{c}补缴。' },
  { category: '社会保险', title: '社保缴费基数偏低', content: '公司按最低基数缴纳社保，和实际工资差很多，职工以后退休吃亏，医保报销也受影响，希望工会和公司沟通。' },
  { category: '社会保险', title: '离职后社保未转移', content: '我从{c}离职已经{d}天了，公司一直不给办理社保减员和转移手续，新单位没办法给我缴纳社保。' },
  { category: '休息休假', title: '长期加班没有休息', content: '我们车间实行两班倒，每个月只休息两天，年假从来没有休过，申请调休也不批，身体吃不消。' },
  { category: '休息休假', title: '节假日加班没有补休', content: '春节期间安排值班{d}天，没有安排补休也没有三倍工资，想咨询一下法定节假日加班工资怎么计算。' },
  { category: '休息休假', title: '产假期间被降薪', content: '我休完产假回来，公司把我调到别的岗位，工资也降了，哺乳期每天一小时的哺乳时间也不给。' },
  { category: '食堂宿舍', title: '宿舍空调坏了没人修', content: '宿舍八个人一间，空调坏了{d}天没人修，夏天太热晚上睡不着，热水器也经常没有热水，希望尽快维修。' },
  { category: '食堂宿舍', title: '食堂饭菜贵质量差', content: '食堂饭菜价格越来越贵，分量少，卫生条件也不好，有工友吃了以后拉肚子，希望工会反映一下改善伙食。' },
  { category: '食堂宿舍', title: '宿舍用电不安全', content: '宿舍私拉电线给电动车充电的情况很多，楼道堆满杂物，存在消防隐患，希望物业和公司加强管理。' },
  { category: '安全生产', title: '车间粉尘大无防护', content: '车间粉尘很大，公司不发口罩和防护用品，有几个工友已经咳嗽很久了，担心得职业病，希望安排职业健康体检。' },
  { category: '安全生产', title: '高温作业没有降温措施', content: '夏天高温天气还在户外作业，没有防暑降温措施，高温补贴也没有发放，已经有工友中暑。' },
  { category: '安全生产', title: '设备老化存在安全隐患', content: '生产线上的冲压设备老化严重，安全防护装置经常失灵，上个月有人差点受伤，反映给主管也没有处理。' },
  { category: '新就业形态', title: '外卖平台超时罚款', content: '我是外卖骑手，平台派单超时就罚款，一单罚二十元，有时候是商家出餐慢也算我们超时，申诉也没用。' },
  { category: '新就业形态', title: '网约车平台抽成过高', content: '网约车平台抽成越来越高，每单抽成超过三成，司机收入下降，还要自己承担车辆保险和油费，希望工会帮我们反映。' },
  { category: '新就业形态', title: '快递员派件量大丢件自赔', content: '快递员派件量太大，每天工作十二个小时以上，丢件还要自己赔偿，站点也不给买意外保险。' },
  { category: '新就业形态', title: '骑手没有休息的地方', content: '夏天中午骑手没有地方休息喝水，希望工会在商圈附近多建几个户外劳动者驿站，提供饮水和充电。' },
  { category: '其他', title: '希望组织文体活动', content: '希望工会组织一些职工文体活动，比如篮球比赛、读书会和亲子活动，丰富大家的业余生活。' },
  { category: '其他', title: '职工子女入学难', content: '我们是外地职工，子女上学难，希望工会协调{city}附近学校解决职工子女入学问题。' },
  { category: '其他', title: '通勤班车太少', content: '园区上下班班车太少，早上排队要等半个小时，希望工会和园区沟通增加班车班次。' },
];

const LEGAL_CONSULT: Array<Template & { topic: string }> = [
  { topic: '劳动合同', title: '劳动合同到期不续签有没有补偿', content: '我的劳动合同下个月到期，公司说不续签了，想咨询一下合同到期终止能不能拿到经济补偿，怎么计算。' },
  { topic: '工资报酬', title: '加班工资计算基数', content: '公司按最低工资作为加班工资计算基数，实际工资比这个高很多，想问这样计算合法吗？' },
  { topic: '社会保险', title: '自愿放弃社保协议是否有效', content: '入职时公司让我签了自愿放弃缴纳社保的协议，每个月多发{m2}元，现在想让公司补缴，这个协议有效吗？' },
  { topic: '工伤', title: '上下班途中受伤算不算工伤', content: '下班骑电动车回家路上被汽车撞了，对方全责，想问这种情况能不能认定工伤，需要准备什么材料。' },
  { topic: '休息休假', title: '年休假天数怎么算', content: '我工作满{n}年了，换了新单位，公司说年假要重新计算工龄，我应该有几天带薪年假？' },
  { topic: '解除劳动关系', title: '被辞退能拿多少赔偿', content: '公司以经营困难为由辞退我，只给一个月工资，我在{c}工作了{n}年，想知道应该拿多少经济补偿。' },
  { topic: '其他', title: '竞业限制协议问题', content: '离职时公司要求签竞业限制协议，但是没有约定补偿金，这样的协议对我有约束力吗？' },
];

const OTHERS: Record<Exclude<CaseType, 'appeal' | 'legal_consult'>, Template[]> = {
  legal_aid: [
    { title: '违法解除劳动合同申请法律援助', content: '{c}违法解除劳动合同，拒绝支付经济补偿，涉及金额{m}元，我是困难职工，想申请法律援助打官司。' },
    { title: '工伤赔偿纠纷申请援助', content: '去年在工地受伤被认定为九级伤残，公司一直不支付一次性伤残补助金，申请法律援助帮忙仲裁。' },
    { title: '确认劳动关系申请援助', content: '在{c}干了{n}个月，公司不承认劳动关系，没有合同只有微信聊天记录和考勤照片，想申请律师帮忙。' },
  ],
  counselling: [
    { title: '工作压力大失眠', content: '最近工作压力很大，经常失眠焦虑，和同事关系也不好，情绪低落，想找心理咨询师聊一聊。' },
    { title: '夫妻两地分居情绪问题', content: '长期在外地打工，和家人两地分居，孩子教育问题让我很焦虑，晚上经常睡不着。' },
    { title: '受伤后心理负担重', content: '工伤以后一直在家休养，担心以后找不到工作，心理负担很重，家里人也很担心。' },
  ],
  injury_visit: [
    { title: '工友受伤住院', content: '工友{name}在车间操作机器时手指受伤，已送到{hosp}住院治疗，家里比较困难，希望工会来探望。' },
    { title: '工地高处坠落受伤', content: '{name}在工地高处作业时坠落，腿部骨折，目前在{hosp}骨科住院，公司只垫付了部分医疗费。' },
  ],
  mediation: [
    { title: '加班工资争议申请调解', content: '和{c}因为加班工资和经济补偿发生争议，协商几次都没有结果，申请工会组织调解。' },
    { title: '离职补偿争议', content: '公司以我严重违纪为由解除劳动合同，不给补偿，我认为理由不成立，希望通过调解解决。' },
  ],
  wage_arrears: [
    { title: '工地拖欠农民工工资', content: '工地包工头拖欠我们{p}个农民工工资{n}个月，总共{m}元，项目已经完工，老板联系不上，快过年了大家都很着急。' },
    { title: '公司倒闭欠薪', content: '{c}突然停产，老板跑路了，拖欠全体职工{n}个月工资，大家不知道该找谁，请工会帮忙。' },
    { title: '装修队拖欠工钱', content: '给装修公司干了{d}天活，说好的工钱一直不给，老板总说甲方没有结账，一共欠{m}元。' },
  ],
  suggestion: [
    { title: '增加电动车充电桩', content: '建议在厂区增加电动车充电桩，现在下班排队充电很不方便，乱拉电线也存在安全隐患。' },
    { title: '改进班组排班方式', content: '建议车间实行弹性排班，让有小孩的职工可以错峰上下班，既能照顾家庭也不影响生产。' },
    { title: '开展技能培训', content: '建议工会联合企业开展数控和电工技能培训，帮助职工考取职业资格证书，提高收入。' },
  ],
};

const EXTRA = [
  '之前向主管反映过几次，都没有结果。',
  '很多工友都有同样的问题。',
  '希望工会能帮我们说句话。',
  '麻烦尽快处理，谢谢！',
  '怕被打击报复，请不要透露我的姓名。',
  '相关的聊天记录和照片我都保存着。',
  '人事部门说这是公司规定，没有办法。',
  '已经打过12345热线，让我们找工会。',
  '家里还有老人和孩子要养，实在没有办法了。',
  '公司最近效益不好，很多人都想辞职。',
];

const AREAS = ['生产经营', '安全生产', '职工生活', '工会工作', '其他'];
const DISPUTES = ['劳动报酬', '经济补偿', '工伤赔偿', '社会保险', '确认劳动关系', '其他'];

function companyName(rng: Rng): string {
  const sector = rng.pick(SECTORS).name;
  return `${rng.pick(BRAND_CHARS)}${rng.pick(BRAND_CHARS)}${sector}有限公司`;
}

export function personName(rng: Rng): string {
  const pool = rng.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE;
  return rng.pick(SURNAMES) + rng.pick(pool) + (rng.chance(0.6) ? rng.pick(pool) : '');
}

function fill(s: string, v: Slots): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k as keyof Slots]));
}

function slots(rng: Rng): Slots {
  return {
    c: companyName(rng),
    n: rng.range(2, 8),
    m: rng.range(3, 90) * 1000,
    m2: rng.range(3, 20) * 100,
    p: rng.range(3, 60),
    h: rng.range(2, 5),
    d: rng.range(3, 30),
    city: `${rng.pick(CITY_NAMES)}市`,
    hosp: `${rng.pick(CITY_NAMES)}市第${rng.range(1, 9)}人民医院`,
    name: personName(rng),
  };
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** One synthetic submission of a type. */
export function caseText(rng: Rng, type: CaseType): CaseText {
  const v = slots(rng);
  let t: Template;
  let fields: Record<string, unknown> = {};
  switch (type) {
    case 'appeal':
      t = rng.pick(APPEAL);
      if (rng.chance(0.5)) fields = { employer: v.c };
      break;
    case 'legal_consult': {
      const lc = rng.pick(LEGAL_CONSULT);
      t = lc;
      fields = { topic: lc.topic, ...(rng.chance(0.5) ? { employer: v.c } : {}) };
      break;
    }
    default:
      t = rng.pick(OTHERS[type]);
      if (type === 'legal_aid') fields = { employer: v.c, disputeKind: rng.pick(DISPUTES), amountFen: v.m, hardship: rng.chance(0.4) ? '是' : '否' };
      if (type === 'counselling') fields = { mode: rng.pick(['电话', '线上', '面谈']), urgency: rng.pick(['一般', '一般', '较急', '紧急']) };
      if (type === 'injury_visit') fields = { injuredName: v.name, hospital: v.hosp, ward: `骨科${rng.range(1, 60)}床`, injuredOn: daysAgo(rng.range(1, 20)), employer: v.c, injury: '手部外伤，住院观察' };
      if (type === 'mediation') fields = { employer: v.c, claim: '支付拖欠的加班工资和经济补偿', amountFen: v.m };
      if (type === 'wage_arrears') fields = { employer: v.c, amountFen: v.m, months: v.n, people: v.p };
      if (type === 'suggestion') fields = { area: rng.pick(AREAS) };
  }
  let content = fill(t.content, v);
  const extras = rng.int(3);
  for (let i = 0; i < extras; i++) content += rng.pick(EXTRA);
  // a legal consultation is filed under its topic when a category of that name exists
  const category = t.category ?? (type === 'legal_consult' ? String(fields.topic) : null);
  return { type, category, title: fill(t.title, v), content, fields };
}

/** A type drawn from {@link TYPE_MIX}. */
export function pickType(rng: Rng): CaseType {
  let x = rng.next();
  for (const [type, share] of TYPE_MIX) {
    x -= share;
    if (x < 0) return type;
  }
  return 'appeal';
}
