import { Steps, TextArea } from 'antd-mobile';
import { transferRequestSchema } from '@gonghui/contracts';
import { zodRule } from '../join/forms';
import './transfer.css';

/**
 * Days the old union has to answer before the transfer is released automatically. The server reads
 * it from TRANSFER_AUTO_RELEASE_DAYS (default 7); once an application exists its `dueAt` is exact.
 */
export const TRANSFER_AUTO_RELEASE_DAYS = 7;

export const TRANSFER_REASON_PRESETS = ['更换工作单位', '单位内部调动', '居住地变更', '原单位撤销或合并'] as const;

export const transferReasonRule = zodRule(transferRequestSchema.shape.reason, '请填写转会原因');

/** 转会原因: tap a common reason or type one (2–200 characters). */
export function TransferReasonInput({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return (
    <div className="gh-m-reason">
      <div className="gh-m-reason-chips">
        {TRANSFER_REASON_PRESETS.map((p) => (
          <button key={p} type="button" className={value === p ? 'is-active' : undefined} onClick={() => onChange?.(p)}>
            {p}
          </button>
        ))}
      </div>
      <TextArea
        value={value ?? ''}
        onChange={(v) => onChange?.(v)}
        placeholder="请简要说明转会原因，如：已入职新单位"
        rows={3}
        maxLength={200}
        showCount
      />
    </div>
  );
}

/** How a transfer runs (原单位同意转出 → 新单位接收), told before the member starts. */
export function TransferStepsExplainer({ current = 0 }: { current?: number }) {
  return (
    <div className="gh-m-transfer-steps">
      <Steps current={current}>
        <Steps.Step title="提交申请" />
        <Steps.Step title="原单位转出" />
        <Steps.Step title="新单位接收" />
        <Steps.Step title="转移完成" />
      </Steps>
      <div className="gh-m-hint">
        提交后先由原单位工会同意转出，再由新单位工会接收；原单位 {TRANSFER_AUTO_RELEASE_DAYS} 天内未答复的，系统将自动转出。转移完成后，您的入会时间和会籍档案连续保留。
      </div>
    </div>
  );
}
