import { App, Col, DatePicker, Divider, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_FORMS,
  ETHNICITIES,
  POLITICAL_STATUSES,
  parseIdNumber,
  parsePhone,
  type MemberDetail,
  type RealNameInput,
} from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../lib/api';
import { t } from '../../lib/i18n';
import { OrgPicker } from '../components/OrgPicker';
import { applyServerErrors } from '../components/forms';
import { useCreateMember, useUpdateMember } from './api';

type Values = {
  name: string;
  idNumber?: string;
  phone?: string;
  orgId?: string;
  joinedAt?: Dayjs;
  ethnicity?: NonNullable<RealNameInput['ethnicity']>;
  education?: NonNullable<RealNameInput['education']>;
  politicalStatus?: NonNullable<RealNameInput['politicalStatus']>;
  employer?: string;
  occupation?: string;
  industry?: string;
  employmentForm?: NonNullable<RealNameInput['employmentForm']>;
  address?: string;
};

const f = t.admin.members.form;
const opts = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));

type Props =
  | { mode: 'create'; open: boolean; defaultOrgId?: string; onClose: () => void; onSaved?: (m: MemberDetail) => void }
  | { mode: 'edit'; open: boolean; member: MemberDetail; onClose: () => void; onSaved?: (m: MemberDetail) => void };

/** 新增会员 / 编辑资料: the real-name fields of `realNameSchema`; the server's field errors land on the items. */
export function MemberFormModal(props: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateMember();
  const update = useUpdateMember(props.mode === 'edit' ? props.member.id : '');
  const editing = props.mode === 'edit' ? props.member : null;
  const pending = create.isPending || update.isPending;

  const initialValues: Partial<Values> = editing
    ? {
        name: editing.name,
        ethnicity: (editing.ethnicity ?? undefined) as Values['ethnicity'],
        education: (editing.education ?? undefined) as Values['education'],
        politicalStatus: (editing.politicalStatus ?? undefined) as Values['politicalStatus'],
        employer: editing.employer ?? undefined,
        occupation: editing.occupation ?? undefined,
        industry: editing.industry ?? undefined,
        employmentForm: (editing.employmentForm ?? undefined) as Values['employmentForm'],
      }
    : { orgId: props.mode === 'create' ? props.defaultOrgId : undefined, joinedAt: dayjs() };

  const onError = (e: unknown) => {
    if (isApiError(e, 'ALREADY_MEMBER')) {
      const orgName = (e.details as { orgName?: string } | undefined)?.orgName ?? '';
      form.setFields([{ name: 'idNumber', errors: [f.alreadyMember(orgName)] }]);
      return;
    }
    if (!applyServerErrors(form, e)) message.error(errorMessage(e));
  };

  const onFinish = (v: Values) => {
    const common = {
      name: v.name.trim(),
      ethnicity: v.ethnicity ?? null,
      education: v.education ?? null,
      politicalStatus: v.politicalStatus ?? null,
      employer: v.employer?.trim() || null,
      occupation: v.occupation?.trim() || null,
      industry: v.industry?.trim() || null,
      employmentForm: v.employmentForm ?? null,
    } as const;
    const done = (m: MemberDetail) => {
      message.success(editing ? f.savedOk : f.createdOk);
      props.onClose();
      props.onSaved?.(m);
    };
    if (editing) {
      // phone and address are shown masked: an empty box means "keep the stored value"
      update.mutate(
        { ...common, ...(v.phone ? { phone: v.phone } : {}), ...(v.address ? { address: v.address } : {}) },
        { onSuccess: done, onError },
      );
    } else {
      create.mutate(
        {
          ...common,
          idNumber: v.idNumber!,
          phone: v.phone!,
          address: v.address?.trim() || null,
          orgId: v.orgId!,
          joinedAt: v.joinedAt?.format('YYYY-MM-DD'),
        },
        { onSuccess: done, onError },
      );
    }
  };

  const checkId = (_: unknown, value?: string) => {
    if (!value) return Promise.reject(new Error(f.idRequired));
    const r = parseIdNumber(value);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.reason));
  };
  const checkPhone = (_: unknown, value?: string) => {
    if (!value) return editing ? Promise.resolve() : Promise.reject(new Error(t.validation.phoneRequired));
    const r = parsePhone(value);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.reason));
  };

  return (
    <Modal
      title={editing ? f.editTitle(editing.name) : f.createTitle}
      open={props.open}
      width={760}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={editing ? t.common.save : t.common.create}
      confirmLoading={pending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<Values> form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={initialValues} onFinish={onFinish}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={f.name} rules={[{ required: true, whitespace: true, message: t.validation.nameRequired }, { min: 2, max: 30, message: t.validation.nameLength }]}>
              <Input placeholder="例如：李秀英" maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={12}>
            {editing ? (
              <Form.Item label={f.idNumber} extra={f.idLocked}>
                <Input value={editing.idNumberMasked} disabled />
              </Form.Item>
            ) : (
              <Form.Item name="idNumber" label={f.idNumber} rules={[{ validator: checkId }]} validateTrigger="onBlur" required>
                <Input placeholder={f.idPlaceholder} maxLength={18} />
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={f.phone} rules={[{ validator: checkPhone }]} validateTrigger="onBlur" required={!editing}>
              <Input placeholder={editing ? f.keepPlaceholder(editing.phoneMasked ?? t.common.none) : f.phonePlaceholder} maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {editing ? (
              <Form.Item label={f.org} extra={f.orgLocked}>
                <Input value={editing.orgName} disabled />
              </Form.Item>
            ) : (
              <Form.Item name="orgId" label={f.org} rules={[{ required: true, message: t.validation.orgRequired }]}>
                <OrgPicker placeholder={f.orgPlaceholder} />
              </Form.Item>
            )}
          </Col>
          {!editing && (
            <Col span={12}>
              <Form.Item name="joinedAt" label={f.joinedAt}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Divider titlePlacement="start" plain style={{ margin: '0 0 16px', fontSize: 13, color: '#8c8c8c' }}>
          {f.more}
        </Divider>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="ethnicity" label={f.ethnicity}>
              <Select allowClear showSearch options={opts(ETHNICITIES)} placeholder={f.select} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="education" label={f.education}>
              <Select allowClear options={opts(EDUCATION_LEVELS)} placeholder={f.select} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="politicalStatus" label={f.politicalStatus}>
              <Select allowClear options={opts(POLITICAL_STATUSES)} placeholder={f.select} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="employer" label={f.employer} rules={[{ max: 100, message: f.tooLong(100) }]}>
              <Input placeholder={f.employerPlaceholder} maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="employmentForm" label={f.employmentForm}>
              <Select allowClear options={opts(EMPLOYMENT_FORMS)} placeholder={f.select} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="occupation" label={f.occupation} rules={[{ max: 50, message: f.tooLong(50) }]}>
              <Input placeholder={f.occupationPlaceholder} maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="industry" label={f.industry} rules={[{ max: 50, message: f.tooLong(50) }]}>
              <Input placeholder={f.industryPlaceholder} maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={f.address} rules={[{ max: 200, message: f.tooLong(200) }]}>
              <Input placeholder={editing ? f.keepPlaceholder(editing.addressMasked ?? t.common.none) : f.addressPlaceholder} maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
