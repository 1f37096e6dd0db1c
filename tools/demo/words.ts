/**
 * Word lists for the fictional 江南省. Place names are made up from common characters; any
 * resemblance to a real place or firm is accidental. People's names are drawn from common 姓 and
 * given-name characters.
 */

export const PROVINCE_NAME = '江南省';

/** 21 fictional prefecture-level cities (short names, "市" is appended). */
export const CITY_NAMES = [
  '青溪', '云港', '临泽', '安澜', '鹤洲', '枫桥', '明湖', '嘉汀', '瑞阳', '清源', '丰岚',
  '望澜', '桐川', '澄州', '南屏', '北塘', '东篱', '西岭', '白沙', '翠屏', '兰汀',
] as const;

/** characters for county / street / community names */
export const PLACE_FIRST = [
  '长', '新', '永', '安', '平', '福', '兴', '和', '东', '西', '南', '北', '金', '玉', '青', '白', '龙', '凤',
  '云', '星', '江', '河', '湖', '海', '山', '石', '松', '柳', '桃', '梅', '竹', '兰', '春', '秋', '东', '双',
  '三', '五', '高', '宝', '仁', '德', '文', '武', '太', '华', '瑞', '祥', '嘉', '泰', '顺', '光', '明', '清',
] as const;
export const PLACE_SECOND = [
  '宁', '乐', '丰', '阳', '泉', '桥', '塘', '港', '湾', '溪', '岭', '林', '田', '口', '坊', '庄', '园', '洲',
  '浦', '川', '源', '城', '关', '峰', '亭', '滨', '苑', '河', '湖', '山', '安', '平', '兴', '和', '华', '盛',
  '泽', '岗', '坪', '埠', '渡', '墩', '沟', '陂', '垸', '圩',
] as const;

export const ROADS = [
  '人民', '解放', '建设', '中山', '和平', '文化', '工业', '科技', '创业', '新华', '长江', '黄河', '滨江',
  '湖滨', '环城', '迎宾', '学府', '振兴', '光明', '胜利', '友谊', '团结', '朝阳', '青年', '幸福', '金桥',
  '银杏', '梧桐', '香樟', '桂花',
] as const;

export const PARK_SUFFIXES = ['高新技术产业园', '经济开发区', '工业园', '科技园', '物流园', '电商产业园', '智能制造产业园'] as const;
export const JOINT_KINDS = [
  { suffix: '商务楼宇联合工会' },
  { suffix: '商贸城联合工会' },
  { suffix: '村联合工会' },
  { suffix: '农贸市场联合工会' },
  { suffix: '产业链联合工会' },
  { suffix: '小微企业联合工会' },
] as const;

/** brand-name characters for company names */
export const BRAND_CHARS = [
  '恒', '达', '鑫', '盛', '华', '瑞', '丰', '泰', '德', '康', '源', '通', '宏', '远', '信', '诚', '博', '睿',
  '锦', '荣', '安', '佳', '嘉', '祥', '润', '鸿', '益', '昌', '腾', '飞', '创', '新', '科', '凯', '晟', '卓',
  '越', '汇', '金', '银', '联', '合', '众', '海', '天', '宇', '正', '明', '光', '辉', '永', '立', '中', '兴',
] as const;

export type IndustryLine = 'express' | 'delivery' | 'ridehailing' | 'freight';

/** company sectors: name part, relative frequency, industry line (新就业形态) if any */
export const SECTORS: ReadonlyArray<{ name: string; weight: number; line?: IndustryLine; big?: number }> = [
  { name: '科技', weight: 10 },
  { name: '电子科技', weight: 6, big: 2 },
  { name: '机械制造', weight: 7, big: 2 },
  { name: '精密制造', weight: 4, big: 2 },
  { name: '纺织', weight: 4, big: 1.5 },
  { name: '服饰', weight: 4 },
  { name: '食品', weight: 5 },
  { name: '建筑工程', weight: 6, big: 1.5 },
  { name: '建材', weight: 3 },
  { name: '餐饮管理', weight: 6 },
  { name: '商贸', weight: 8 },
  { name: '医药', weight: 3, big: 1.5 },
  { name: '新材料', weight: 3 },
  { name: '汽车零部件', weight: 3, big: 2 },
  { name: '化工', weight: 2 },
  { name: '印刷包装', weight: 2 },
  { name: '家具', weight: 2 },
  { name: '物业管理', weight: 4 },
  { name: '信息技术', weight: 4 },
  { name: '环保科技', weight: 2 },
  { name: '酒店管理', weight: 2 },
  { name: '物流', weight: 4 },
  { name: '供应链管理', weight: 2 },
  { name: '快递服务', weight: 2.5, line: 'express' },
  { name: '速递', weight: 1, line: 'express' },
  { name: '即时配送服务', weight: 2, line: 'delivery' },
  { name: '外卖配送', weight: 1, line: 'delivery' },
  { name: '出行科技', weight: 1.2, line: 'ridehailing' },
  { name: '网约车服务', weight: 1, line: 'ridehailing' },
  { name: '道路运输', weight: 1.5, line: 'freight' },
  { name: '货运代理', weight: 1, line: 'freight' },
];

export const INDUSTRY_FEDERATIONS: ReadonlyArray<{ line: IndustryLine; name: string }> = [
  { line: 'express', name: '快递行业工会联合会' },
  { line: 'delivery', name: '外卖行业工会联合会' },
  { line: 'ridehailing', name: '网约车行业工会联合会' },
  { line: 'freight', name: '货运行业工会联合会' },
];

export const BRANCH_NAMES = [
  '生产部', '技术中心', '销售部', '行政部', '财务部', '质量部', '研发中心', '物流部', '采购部', '后勤服务部',
  '第一车间', '第二车间', '第三车间', '第四车间', '总装车间', '机加车间', '动力车间', '仓储中心', '客服中心', '工程部',
] as const;
export const GROUP_NAMES = ['装配', '检验', '维修', '包装', '调度', '仓管', '设备', '安全', '班组', '质检'] as const;
export const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

/** common surnames, most frequent first (used with Zipf-like weights) */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高',
  '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡',
  '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢', '姚', '沈', '钟', '姜', '崔', '谭', '陆',
  '范', '汪', '廖', '石', '金', '韦', '贾', '夏', '付', '方', '邹', '熊', '白', '孟', '秦', '邱', '侯', '江', '尹',
  '薛', '闫', '段', '雷', '龙', '黎', '史', '陶', '贺', '毛', '郝', '顾', '龚', '邵', '万', '覃', '武', '钱', '戴',
  '严', '欧阳', '诸葛', '司马',
] as const;

export const GIVEN_MALE = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇',
  '浩', '凯', '健', '俊', '帆', '帅', '旭', '宁', '龙', '林', '洋', '峰', '亮', '建', '国', '志', '文', '博', '成',
  '东', '海', '晨', '阳', '振', '忠', '雄', '毅', '彬', '昊', '然', '轩', '子', '睿', '哲', '航', '泽', '诚', '立',
] as const;
export const GIVEN_FEMALE = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀', '燕', '玲', '桂', '丹', '萍', '红', '玉', '兰', '英', '梅',
  '琳', '雪', '倩', '婷', '慧', '颖', '洁', '佳', '欣', '怡', '悦', '蕾', '薇', '晶', '璐', '瑶', '琪', '晓', '月',
  '春', '思', '雨', '诗', '梦', '雯', '菲', '岚', '琴', '淑', '彤', '萱',
] as const;

/** mobile prefixes in use (1[3-9]x) */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '166', '170', '172', '173', '175', '176', '177', '178', '180', '181', '182', '183',
  '184', '185', '186', '187', '188', '189', '191', '193', '195', '198', '199',
] as const;
