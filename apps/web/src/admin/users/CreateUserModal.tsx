import { App, Divider, Form, Input, Modal } from 'antd';
import type { Role } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';
import { PASSWORD_RE, PHONE_RE } from '../../lib/validators';
import { applyServerErrors } from '../components/forms';
import { useCreateUser } from './api';
import { AppointmentFields } from './AppointmentFields';

type Values = { name: string; phone: string; password?: string; role: Role; orgId: string };
const f = t.admin.users.form;

export function CreateUserModal({ open, defaultOrgId, onClose }: { open: boolean; defaultOrgId?: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();

  return (
    <Modal
      title={t.admin.users.createTitle}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.create}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ role: 'cadre', orgId: defaultOrgId }}
        onFinish={(v) =>
          create.mutate(
            { name: v.name.trim(), phone: v.phone, password: v.password || undefined, role: v.role, orgId: v.orgId },
            {
              onSuccess: () => {
                message.success(t.admin.users.createdOk);
                onClose();
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) message.error(errorMessage(e));
              },
            },
          )
        }
      >
        <Form.Item name="name" label={f.name} rules={[{ required: true, whitespace: true, message: t.validation.nameRequired }, { min: 2, max: 30, message: t.validation.nameLength }]}>
          <Input placeholder="例如：王建国" maxLength={30} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={f.phone}
          rules={[
            { required: true, message: t.validation.phoneRequired },
            { pattern: PHONE_RE, message: t.validation.phoneInvalid },
          ]}
        >
          <Input placeholder="11 位手机号" maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="password" label={f.password} extra={f.passwordHelp} rules={[{ pattern: PASSWORD_RE, message: t.validation.passwordWeak }]}>
          <Input.Password placeholder="至少 8 位，包含字母和数字" autoComplete="new-password" />
        </Form.Item>
        <Divider titlePlacement="start" plain style={{ margin: '4px 0 16px', fontSize: 13, color: '#8c8c8c' }}>
          {f.appointment}
        </Divider>
        <AppointmentFields />
      </Form>
    </Modal>
  );
}
