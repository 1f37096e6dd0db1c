import { App, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { parseUscc, type Enterprise, type OrgKind } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { PHONE_RE } from '../../lib/validators';
import { applyServerErrors } from '../components/forms';
import { useSaveEnterprise, type EnterpriseValues } from './api';
import { OrgPicker } from '../components/OrgPicker';
import { E } from './strings';

type FormValues = {
  areaOrgId?: string;
  name: string;
  uscc: string;
  headcount: number;
  industry?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  unionOrgId?: string;
};

const AREA_KINDS: readonly OrgKind[] = ['province', 'city', 'county', 'street', 'community', 'park', 'joint', 'industry'];

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Create (editing = null) or edit a register entry. */
export function EnterpriseModal({ open, editing, defaultAreaId, onClose }: { open: boolean; editing: Enterprise | null; defaultAreaId?: string | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveEnterprise();
  const f = E.form;

  const initial: Partial<FormValues> = editing
    ? {
        areaOrgId: editing.areaOrgId,
        name: editing.name,
        uscc: editing.uscc,
        headcount: editing.headcount,
        industry: editing.industry ?? undefined,
        address: editing.address ?? undefined,
        contactName: editing.contactName ?? undefined,
        unionOrgId: editing.unionOrg?.id,
      }
    : { areaOrgId: defaultAreaId };

  const submit = (v: FormValues) => {
    const values: Partial<EnterpriseValues> = {
      areaOrgId: v.areaOrgId!,
      name: v.name.trim(),
      uscc: v.uscc,
      headcount: v.headcount,
      industry: blank(v.industry),
      address: blank(v.address),
      contactName: blank(v.contactName),
      unionOrgId: v.unionOrgId ?? null,
    };
    // the stored phone is never sent back to the page: an empty field keeps it
    if (blank(v.contactPhone)) values.contactPhone = v.contactPhone!.trim();
    else if (!editing) values.contactPhone = null;
    save.mutate(
      { id: editing?.id, values },
      {
        onSuccess: () => {
          message.success(E.savedOk);
          onClose();
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) message.error(errorMessage(e));
        },
      },
    );
  };

  return (
    <Modal
      title={editing ? E.editTitle : E.createTitle}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<FormValues> form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={initial} onFinish={submit} requiredMark="optional">
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="areaOrgId" label={f.area} extra={f.areaHelp} rules={[{ required: true, message: '请选择所属区域工会' }]}>
              <OrgPicker allowClear={false} placeholder="请选择或搜索区域工会" initial={editing ? { id: editing.areaOrgId, name: editing.areaOrgName } : null} kinds={AREA_KINDS} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="name" label={f.name} rules={[{ required: true, whitespace: true, message: '请填写企业名称' }, { min: 2, max: 100, message: '企业名称为 2–100 个字' }]}>
              <Input placeholder="与营业执照一致" maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="headcount" label={f.headcount} tooltip={f.headcountHelp} rules={[{ required: true, message: '请填写职工人数' }]}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} suffix="人" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="uscc"
              label={f.uscc}
              normalize={(v: string) => v.toUpperCase()}
              rules={[
                { required: true, message: '请填写统一社会信用代码' },
                {
                  validator: async (_, v: string | undefined) => {
                    if (!v) return;
                    const r = parseUscc(v);
                    if (!r.ok) throw new Error(r.reason);
                  },
                },
              ]}
            >
              <Input placeholder="18 位代码" maxLength={24} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="industry" label={f.industry}>
              <Input placeholder="例如：制造业" maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={f.address}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="contactName" label={f.contactName} rules={[{ min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="contactPhone"
              label={f.contactPhone}
              extra={editing?.contactPhoneMasked ? f.contactPhoneKeep(editing.contactPhoneMasked) : undefined}
              rules={[{ pattern: PHONE_RE, message: '请输入正确的 11 位手机号' }]}
            >
              <Input maxLength={11} inputMode="numeric" placeholder={editing?.contactPhoneMasked ?? '11 位手机号'} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="unionOrgId" label={f.union} extra={f.unionHelp}>
              <OrgPicker placeholder={f.unionPlaceholder} initial={editing?.unionOrg ?? null} kinds={['enterprise']} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
