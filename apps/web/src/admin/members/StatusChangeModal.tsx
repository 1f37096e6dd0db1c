import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { MEMBER_STATUS_LABELS, type MemberDetail } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';
import { applyServerErrors } from '../components/forms';
import { useChangeStatus, type StatusChange } from './api';

export type StatusTarget = StatusChange['status'];
type Values = { reason: string; date?: Dayjs };
const d = t.admin.members.detail;

/** 退休 / 退会 / 已故 / 恢复: a reason and the effective date are kept in the membership file. */
export function StatusChangeModal({ member, target, onClose }: { member: MemberDetail; target: StatusTarget | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeStatus(member.id);

  return (
    <Modal
      title={target ? d.statusTitle(d.statusAction[target], member.name) : ''}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.confirm}
      okButtonProps={{ danger: target !== 'active' }}
      confirmLoading={change.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      {target && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {d.statusHint(MEMBER_STATUS_LABELS[member.status], MEMBER_STATUS_LABELS[target])}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs() }}
        onFinish={(v) =>
          change.mutate(
            { status: target!, reason: v.reason.trim(), date: v.date?.format('YYYY-MM-DD') },
            {
              onSuccess: () => {
                message.success(d.statusOk);
                onClose();
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) message.error(errorMessage(e));
              },
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={d.reason}
          rules={[
            { required: true, whitespace: true, message: d.reasonRequired },
            { min: 2, max: 200, message: d.reasonLength },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={d.reasonPlaceholder} />
        </Form.Item>
        <Form.Item name="date" label={d.effectiveDate}>
          <DatePicker style={{ width: '100%' }} disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
