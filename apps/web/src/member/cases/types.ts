import type { CaseType } from '@gonghui/contracts';

/** What to write in 详细描述, per type. */
export const CONTENT_PLACEHOLDER: Record<CaseType, string> = {
  appeal: '请描述您遇到的问题：发生时间、涉及单位、目前情况和您希望工会帮助解决的事项',
  legal_consult: '请描述您想咨询的法律问题，越具体越好',
  legal_aid: '请描述纠纷经过、目前进展（如是否已申请仲裁）和您的请求',
  counselling: '请简单说说您的困扰和希望的咨询时间，咨询内容严格保密',
  injury_visit: '请补充受伤经过、目前治疗情况和需要工会帮助的事项',
  mediation: '请描述争议经过、双方分歧和已经协商的情况',
  wage_arrears: '请描述欠薪经过：工作起止时间、约定工资、已讨要的情况',
  suggestion: '请写下您的建议或金点子',
};

export { canBeAnonymous, canBePublic } from '@gonghui/contracts';
