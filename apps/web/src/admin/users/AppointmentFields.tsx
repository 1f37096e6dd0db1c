import { Form, Select } from 'antd';
import { ROLES, ROLE_LABELS } from '@gonghui/contracts';
import { t } from '../../lib/i18n';
import { OrgPicker } from '../components/OrgPicker';

const f = t.admin.users.form;

/** Role + org of an appointment (任职): shared by "create user" and "assign role". */
export function AppointmentFields() {
  return (
    <>
      <Form.Item name="role" label={f.role} rules={[{ required: true, message: t.validation.roleRequired }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      </Form.Item>
      <Form.Item name="orgId" label={f.org} extra={f.orgHelp} rules={[{ required: true, message: t.validation.orgRequired }]}>
        <OrgPicker allowClear={false} />
      </Form.Item>
    </>
  );
}
