import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { CASE_TYPES, CASE_TYPE_FIELDS, CASE_TYPE_LABELS, type CaseType } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';
import { OrgPicker } from '../components/OrgPicker';
import { PageContainer } from '../components/PageContainer';
import { useCurrentRole } from '../layout/currentRole';
import { newClientKey, useCaseMeta, useFileCase } from './api';
import { AttachmentUpload } from './Attachments';
import { TypeFields, applyCaseErrors, fieldsToBody } from './TypeFields';
import './cases.css';

const c = t.admin.cases;
const f = c.form;
const FEDERATION_KINDS = new Set(['province', 'city', 'county']);

type Values = {
  channel: 'hotline' | 'proxy';
  orgId?: string;
  callerName: string;
  callerPhone: string;
  type?: CaseType;
  categoryId?: string;
  title?: string;
  content: string;
  fields?: Record<string, unknown>;
  attachmentIds?: string[];
  isPublic: boolean;
};

/** /admin/cases/new — 代为登记: a 12351 operator or a cadre files a case for a caller. */
export default function CaseNewPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const current = useCurrentRole();
  const meta = useCaseMeta();
  const file = useFileCase();
  const [form] = Form.useForm<Values>();
  // one key per form: a double click or a retry after a network error files the case once
  const [clientKey] = useState(newClientKey);
  const type = Form.useWatch('type', form);
  // a grassroots cadre files for their own workers; a hotline seat at a federation picks the caller's union
  const ownOrg = current && !FEDERATION_KINDS.has(current.orgKind) ? current : null;

  const typeOptions = useMemo(() => {
    const enabled = meta.data?.types.filter((x) => x.enabled) ?? CASE_TYPES.map((x) => ({ type: x, label: CASE_TYPE_LABELS[x] }));
    return enabled.map((x) => ({ value: x.type, label: x.label }));
  }, [meta.data]);
  const metaType = meta.data?.types.find((x) => x.type === type);
  const defs = type ? (metaType?.fields ?? CASE_TYPE_FIELDS[type]) : [];
  const categories = metaType?.categories ?? [];

  const submit = (v: Values) =>
    file
      .mutateAsync({
        channel: v.channel,
        orgId: v.orgId!,
        callerName: v.callerName.trim(),
        callerPhone: v.callerPhone.trim(),
        type: v.type!,
        categoryId: v.categoryId ?? null,
        title: v.title?.trim() || undefined,
        content: v.content.trim(),
        fields: fieldsToBody(defs, v.fields),
        // a caller who phones in is on record: the server files these cases as not anonymous
        anonymous: false,
        isPublic: v.isPublic,
        attachmentIds: v.attachmentIds ?? [],
        clientKey,
      })
      .then(
        (d) => {
          void message.success(f.createdOk(d.caseNo));
          navigate(`/admin/cases/${d.id}`, { replace: true });
        },
        (e: unknown) => {
          if (!applyCaseErrors(form, e, defs.map((d) => d.key))) void message.error(errorMessage(e));
        },
      );

  return (
    <PageContainer
      title={f.title}
      subtitle={f.subtitle}
      extra={
        <Link to="/admin/cases">
          <Button icon={<ArrowLeftOutlined />}>{c.back}</Button>
        </Link>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ channel: ownOrg ? 'proxy' : 'hotline', orgId: ownOrg?.orgId, isPublic: false, attachmentIds: [] }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<Values>) => {
          // another type has other fields and categories
          if ('type' in changed) form.setFieldsValue({ fields: {}, categoryId: undefined });
        }}
        data-testid="case-new-form"
      >
        <Row gutter={16}>
          <Col xs={24} xl={9}>
            <Card variant="borderless" title={f.caller}>
              <Form.Item name="channel" label={f.channel} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: 'hotline', label: f.channels.hotline },
                    { value: 'proxy', label: f.channels.proxy },
                  ]}
                />
              </Form.Item>
              <Form.Item name="orgId" label={f.org} extra={f.orgHelp} rules={[{ required: true, message: t.validation.orgRequired }]}>
                <OrgPicker initial={ownOrg ? { id: ownOrg.orgId, name: ownOrg.orgName } : null} placeholder={f.orgPlaceholder} />
              </Form.Item>
              <Form.Item
                name="callerName"
                label={f.callerName}
                rules={[
                  { required: true, whitespace: true, message: t.validation.nameRequired },
                  { min: 2, max: 30, message: t.validation.nameLength },
                ]}
              >
                <Input maxLength={30} style={{ maxWidth: 240 }} />
              </Form.Item>
              <Form.Item
                name="callerPhone"
                label={f.callerPhone}
                rules={[
                  { required: true, message: t.validation.phoneRequired },
                  { pattern: /^\s*1[3-9]\d{9}\s*$/, message: t.validation.phoneInvalid },
                ]}
              >
                <Input maxLength={11} inputMode="numeric" placeholder={f.callerPhonePlaceholder} style={{ maxWidth: 240 }} />
              </Form.Item>
              <Form.Item name="isPublic" label={f.isPublic} extra={f.isPublicHelp} valuePropName="checked" style={{ marginBottom: 0 }}>
                <Switch />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={15}>
            <Card variant="borderless" title={f.matter}>
              <Space size={16} wrap align="start">
                <Form.Item name="type" label={f.type} rules={[{ required: true, message: f.typeRequired }]}>
                  <Select placeholder={f.select} options={typeOptions} style={{ width: 220 }} loading={meta.isPending} data-testid="case-type" />
                </Form.Item>
                <Form.Item name="categoryId" label={f.category}>
                  <Select
                    allowClear
                    placeholder={f.categoryPlaceholder}
                    disabled={categories.length === 0}
                    options={categories.map((x) => ({ value: x.id, label: x.name }))}
                    style={{ width: 220 }}
                  />
                </Form.Item>
              </Space>
              {type && defs.length > 0 && (
                <div className="gh-case-typefields">
                  <Typography.Text strong style={{ display: 'block', marginBottom: 12 }}>
                    {f.typeFields(CASE_TYPE_LABELS[type])}
                  </Typography.Text>
                  <Row gutter={16}>
                    <TypeFieldsGrid defs={defs} />
                  </Row>
                </div>
              )}
              <Form.Item name="title" label={f.titleLabel} rules={[{ max: 60, message: f.tooLong(f.titleLabel, 60) }]}>
                <Input maxLength={60} showCount placeholder={f.titlePlaceholder} />
              </Form.Item>
              <Form.Item
                name="content"
                label={f.content}
                rules={[
                  { required: true, whitespace: true, message: f.contentRequired },
                  { min: 5, message: f.contentRequired },
                  { max: 5000, message: f.tooLong(f.content, 5000) },
                ]}
              >
                <Input.TextArea rows={6} maxLength={5000} showCount placeholder={f.contentPlaceholder} />
              </Form.Item>
              <Form.Item name="attachmentIds" label={f.attachments} extra={f.attachmentsHelp}>
                <AttachmentUpload />
              </Form.Item>
              <Form.Item style={{ marginBottom: 0 }}>
                <Space>
                  <Button type="primary" htmlType="submit" loading={file.isPending} data-testid="case-new-submit">
                    {f.submit}
                  </Button>
                  <Link to="/admin/cases">
                    <Button>{t.common.cancel}</Button>
                  </Link>
                </Space>
              </Form.Item>
            </Card>
          </Col>
        </Row>
      </Form>
    </PageContainer>
  );
}

/** Short fields two per row, long text across. */
function TypeFieldsGrid({ defs }: { defs: Parameters<typeof TypeFields>[0]['defs'] }) {
  return (
    <>
      {defs.map((d) => (
        <Col key={d.key} xs={24} md={d.kind === 'textarea' ? 24 : 12}>
          <TypeFields defs={[d]} />
        </Col>
      ))}
    </>
  );
}
