import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import { maskPhone, type PiiCipher } from '../crypto/pii';

export type SmsMessage = { phone: string; template: 'login_code' | string; params: Record<string, string> };

/** Where SMS goes. A real provider (Aliyun/Tencent SMS) implements this; development records to an outbox. */
export interface SmsProvider {
  send(trx: Db, message: SmsMessage): Promise<void>;
}

const TEMPLATES: Record<string, (p: Record<string, string>) => string> = {
  login_code: (p) => `【智慧工会】您的验证码为 ${p.code}，5 分钟内有效。如非本人操作，请忽略本短信。`,
  application_decided: (p) => `【智慧工会】您的${p.kind}已${p.result}${p.reason ? `，原因：${p.reason}` : ''}。详情请登录智慧工会查看。`,
  application_reminder: (p) => `【智慧工会】${p.org}有${p.count}件申请将于${p.due}前到期，请及时审批。`,
  application_escalated: (p) => `【智慧工会】${p.org}有申请超过审批时限，已提交贵单位督办，请及时处理。`,
  case_assigned: (p) => `【智慧工会】您有新的${p.type}工单 ${p.no} 待办理，请于${p.due}前办结。`,
  case_reminder: (p) => `【智慧工会】工单 ${p.no} 将于${p.due}到期，请及时办理。`,
  case_overdue: (p) => `【智慧工会】${p.org}的工单 ${p.no} 已超过办理时限，请督促办理。`,
  case_stale: (p) => `【智慧工会】工单 ${p.no} 已超过 3 天没有进展，请及时办理并更新进度。`,
  case_supervised: (p) => `【智慧工会】工单 ${p.no} 已列入督办，请于${p.due}前办结。`,
  case_resolved: (p) => `【智慧工会】您的${p.type}（${p.no}）已办结，请登录智慧工会查看答复并评价。`,
};

export function renderSms(m: SmsMessage): string {
  const t = TEMPLATES[m.template];
  return t ? t(m.params) : `【智慧工会】${Object.values(m.params).join(' ')}`;
}

/** Development driver: writes what it would send into sms_outbox (readable by province admins). */
export class OutboxSmsProvider implements SmsProvider {
  constructor(private readonly cipher: PiiCipher) {}
  async send(trx: Db, m: SmsMessage): Promise<void> {
    await trx
      .insertInto('sms_outbox')
      .values({
        id: uuidv7(),
        phone_enc: this.cipher.encrypt(m.phone),
        phone_hash: this.cipher.blindIndex('phone', m.phone),
        phone_masked: maskPhone(m.phone),
        template: m.template,
        body: renderSms(m),
      })
      .execute();
  }
}
