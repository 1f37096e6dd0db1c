import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Radio, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../lib/api';
import { fmtDateTime } from '../../../lib/format';
import { t } from '../../../lib/i18n';
import { applyServerErrors } from '../../components/forms';
import { OrgPicker } from '../../components/OrgPicker';
import { useIntakeLinks, useIntakeMutations, type CaseIntakeLink } from '../api';
import { QrImage, downloadQrPoster } from '../../components/QrImage';

const is = t.admin.cases.settings.intake;

export function intakeUrl(link: CaseIntakeLink): string {
  return `${window.location.origin}/c/${link.token}`;
}

/** 扫码入口: an org's appeal-box codes and hospital 工伤探视 codes, printable as posters. */
export function IntakeTab({ orgId }: { orgId: string | undefined }) {
  const q = useIntakeLinks(orgId);
  const [adding, setAdding] = useState(false);
  const [showRevoked, setShowRevoked] = useState(false);
  const links = (q.data ?? []).filter((l) => showRevoked || !l.revoked);
  return (
    <>
      <Flex gap={16} align="start" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ flex: 1, margin: 0 }}>
          {is.hint}
        </Typography.Paragraph>
        <Space>
          <Switch size="small" checked={showRevoked} onChange={setShowRevoked} />
          <Typography.Text type="secondary">{is.showRevoked}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!orgId}>
            {is.add}
          </Button>
        </Space>
      </Flex>
      {q.isPending && orgId ? (
        <Skeleton active />
      ) : q.isError ? (
        <Alert type="error" showIcon title={q.error.message} />
      ) : links.length === 0 ? (
        <Empty description={is.empty} />
      ) : (
        <div className="gh-case-qr-grid">
          {links.map((l) => (
            <IntakeCard key={l.id} link={l} />
          ))}
        </div>
      )}
      {adding && orgId && <IntakeModal orgId={orgId} onClose={() => setAdding(false)} />}
    </>
  );
}

function IntakeCard({ link }: { link: CaseIntakeLink }) {
  const { message } = App.useApp();
  const { revoke } = useIntakeMutations();
  const url = intakeUrl(link);
  return (
    <Card size="small" data-testid="case-intake-link" style={link.revoked ? { opacity: 0.6 } : undefined}>
      <Flex gap={16} align="start">
        <QrImage url={url} caption={link.label} alt={link.label} testId="case-intake-qr" size={128} />
        <Flex vertical gap={8} style={{ flex: 1, minWidth: 0 }}>
          <Space size={6} wrap>
            <Typography.Text strong>{link.label}</Typography.Text>
            <Tag color={link.purpose === 'injury' ? 'volcano' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {is.purposes[link.purpose]}
            </Tag>
            {link.revoked && <Tag style={{ marginInlineEnd: 0 }}>{is.revoked}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {link.orgName}
          </Typography.Text>
          <Typography.Text copyable={{ text: url, tooltips: [is.copy, is.copied] }} style={{ fontSize: 12, wordBreak: 'break-all' }}>
            <span className="gh-mono" style={{ fontSize: 12 }}>
              {url}
            </span>
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {is.createdAt(fmtDateTime(link.createdAt))}
          </Typography.Text>
          {!link.revoked && (
            <Space wrap>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => void downloadQrPoster(url, link.label, is.posterLine[link.purpose], `${link.label}-二维码.png`).catch((e: unknown) => message.error(errorMessage(e)))}
              >
                {is.download}
              </Button>
              <Popconfirm
                title={is.revokeConfirm}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  revoke.mutateAsync(link.id).then(
                    () => void message.success(is.revokedOk),
                    (e: unknown) => void message.error(errorMessage(e)),
                  )
                }
              >
                <Button size="small" danger icon={<StopOutlined />}>
                  {is.revoke}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

function IntakeModal({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ orgId: string; purpose: CaseIntakeLink['purpose']; label: string }>();
  const { create } = useIntakeMutations();
  const [open, setOpen] = useState(true);
  return (
    <Modal title={is.addTitle} open={open} onCancel={() => setOpen(false)} afterClose={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ orgId, purpose: 'appeal' }}
        onFinish={(v) =>
          void create.mutateAsync({ ...v, label: v.label.trim() }).then(
            () => {
              void message.success(is.createdOk);
              setOpen(false);
            },
            (e: unknown) => {
              if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
            },
          )
        }
      >
        <Form.Item name="orgId" label={t.admin.cases.form.org} rules={[{ required: true, message: t.validation.orgRequired }]}>
          <OrgPicker allowClear={false} />
        </Form.Item>
        <Form.Item name="purpose" label={is.purpose} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'appeal', label: is.purposes.appeal },
              { value: 'injury', label: is.purposes.injury },
            ]}
          />
        </Form.Item>
        <Form.Item name="label" label={is.label} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: is.labelPlaceholder }]}>
          <Input maxLength={60} placeholder={is.labelPlaceholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
