import { App, Form, Modal } from 'antd';
import type { Role, UserListItem } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';
import { applyServerErrors } from '../components/forms';
import { useAssignRole } from './api';
import { AppointmentFields } from './AppointmentFields';

type Values = { role: Role; orgId: string };

export function AssignRoleModal({ user, defaultOrgId, onClose }: { user: UserListItem | null; defaultOrgId?: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const assign = useAssignRole();

  return (
    <Modal
      title={user ? t.admin.users.assignTitle(user.name) : ''}
      open={!!user}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.admin.users.assign}
      confirmLoading={assign.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ role: 'cadre', orgId: defaultOrgId }}
        onFinish={(v) =>
          user &&
          assign.mutate(
            { userId: user.id, orgId: v.orgId, role: v.role },
            {
              onSuccess: () => {
                message.success(t.admin.users.assignedOk);
                onClose();
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) message.error(errorMessage(e));
              },
            },
          )
        }
      >
        <AppointmentFields />
      </Form>
    </Modal>
  );
}
