import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Result, Skeleton, Space, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import {
  APPLICATION_EVENT_LABELS,
  APPLICATION_KIND_LABELS,
  APPLICATION_STAGE_LABELS,
  type ApplicationDetail,
  type ApplicationEvent,
  type ApplicationItem,
} from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { applyServerErrors } from '../components/forms';
import { ApplicationStatusTag, KindTag } from './labels';
import { SlaCountdown } from './SlaCountdown';
import { useApplication, useDecide, type Decision } from './api';

const a = t.admin.approvals;
const dr = a.drawer;

/** The positive decision is worded by what it does at this stage (同意转出 / 接收 / 通过). */
function approveLabel(app: ApplicationDetail): string {
  if (app.kind === 'transfer' && app.stage === 'release') return dr.release;
  if (app.kind === 'transfer' && app.stage === 'accept') return dr.accept;
  return dr.approve;
}

/**
 * `open.item` is the clicked row: it names the drawer (and links founding items) while the detail
 * loads; a notification link (/admin/approvals?id=…) opens it with the id alone.
 */
export function ApplicationDrawer({ open, onClose }: { open: { id: string; item?: ApplicationItem } | null; onClose: () => void }) {
  const item = open?.item ?? null;
  const q = useApplication(open?.id ?? null);
  const app = q.data;
  const head = app ?? item;
  return (
    <Drawer
      open={open !== null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={head ? <span data-testid="application-drawer-title">{dr.title(head.applicantName, APPLICATION_KIND_LABELS[head.kind])}</span> : a.title}
      extra={head && <ApplicationStatusTag status={head.status} />}
      footer={app ? <DrawerActions app={app} /> : item?.kind === 'founding' && <FoundingLink id={item.id} />}
    >
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : q.isError ? (
        <Result status="warning" title={q.error.message} />
      ) : (
        <ApplicationBody app={q.data} />
      )}
    </Drawer>
  );
}

function ApplicationBody({ app }: { app: ApplicationDetail }) {
  const none = t.common.none;
  const data = Object.entries(app.data).filter(
    ([k, v]) => !HIDDEN_DATA.has(k) && (MEMBER_ID.test(k) || !OTHER_ID.test(k)) && v !== null && v !== undefined && v !== '',
  );
  return (
    <div data-testid="application-drawer">
      {app.status === 'pending' && app.overdue && (
        <Alert type="error" showIcon title={app.escalated ? dr.overdueEscalated : dr.overdue} style={{ marginBottom: 16 }} />
      )}
      {app.status === 'pending' && !app.overdue && app.escalated && <Alert type="warning" showIcon title={dr.escalated} style={{ marginBottom: 16 }} />}
      <Descriptions column={2} size="small" styles={{ label: { width: 96, color: '#8c8c8c' } }}>
        <Descriptions.Item label={dr.kind}>
          <KindTag kind={app.kind} />
        </Descriptions.Item>
        <Descriptions.Item label={dr.stage}>{app.status === 'pending' ? (APPLICATION_STAGE_LABELS[app.stage] ?? app.stage) : <ApplicationStatusTag status={app.status} />}</Descriptions.Item>
        <Descriptions.Item label={dr.applicant}>{app.applicantName}</Descriptions.Item>
        <Descriptions.Item label={dr.phone}>
          <span className="gh-mono">{app.phoneMasked ?? none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={dr.idNumber} span={2}>
          <span className="gh-mono">{app.idNumberMasked ?? none}</span>
        </Descriptions.Item>
        {app.kind === 'transfer' && (
          <Descriptions.Item label={dr.sourceOrg} span={2}>
            {app.sourceOrgName ?? none}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={app.kind === 'founding' ? dr.newOrg : dr.targetOrg} span={2}>
          {app.targetOrgName}
        </Descriptions.Item>
        <Descriptions.Item label={dr.reviewer} span={2}>
          {app.orgName}
        </Descriptions.Item>
        <Descriptions.Item label={dr.createdAt}>{fmtDateTime(app.createdAt)}</Descriptions.Item>
        {app.status === 'pending' ? (
          <Descriptions.Item label={dr.due}>
            <SlaCountdown dueAt={app.dueAt} overdue={app.overdue} />
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label={dr.decidedAt}>{fmtDateTime(app.decidedAt)}</Descriptions.Item>
        )}
        {app.reason && (
          <Descriptions.Item label={dr.reason} span={2}>
            {app.reason}
          </Descriptions.Item>
        )}
      </Descriptions>

      {data.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {dr.data}
          </Typography.Title>
          <Descriptions column={2} size="small" bordered styles={{ label: { width: 124 } }}>
            {data.map(([k, v]) => (
              <Descriptions.Item key={k} label={dr.dataLabels[k] ?? k} span={LONG_DATA.has(k) ? 2 : 1}>
                {MEMBER_ID.test(k) && typeof v === 'string' ? <Link to={`/admin/members/${v}`}>{dr.memberFile}</Link> : showValue(v)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      )}

      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {dr.progress}
      </Typography.Title>
      <Timeline style={{ marginTop: 12 }} items={app.events.map(eventItem)} />
    </div>
  );
}

/** Fields already shown above, or internal ids a reviewer has no use for. */
const HIDDEN_DATA = new Set(['name', 'idNumber', 'phone', 'token', 'consent']);
/** Record ids: a member id becomes a link to the member file; other ids mean nothing to a reviewer. */
const MEMBER_ID = /^(member|newMember)Id$/;
const OTHER_ID = /(^id|Id)$/;
const LONG_DATA = new Set(['address', 'uscc', 'consentAt', 'autoReleaseAt', 'addressMasked', 'employer', 'reason', 'note', 'enterpriseName']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function showValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? t.common.yes : t.common.no;
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return fmtDateTime(v);
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(showValue).join('、');
  return JSON.stringify(v);
}

const EVENT_COLORS: Record<string, string> = {
  approved: 'green',
  accepted: 'green',
  released: 'green',
  auto_released: 'green',
  org_created: 'green',
  rejected: 'red',
  escalated: 'red',
  reminded: 'orange',
  returned: 'orange',
  withdrawn: 'gray',
};

function eventItem(e: ApplicationEvent) {
  return {
    key: e.id,
    color: EVENT_COLORS[e.kind] ?? 'blue',
    content: (
      <div>
        <Typography.Text strong>{APPLICATION_EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>
        <div className="gh-timeline-meta">{[fmtDateTime(e.at), e.orgName, e.actorName].filter(Boolean).join(' · ')}</div>
        {e.note && <div style={{ marginTop: 2 }}>{e.note}</div>}
      </div>
    ),
  };
}

/** 建会申请 are reviewed on their own page (materials, 批复, congress results). */
function FoundingLink({ id }: { id: string }) {
  return (
    <Link to={`/admin/founding/${id}`}>
      <Button type="primary" icon={<ArrowRightOutlined />} iconPlacement="end">
        {dr.toFounding}
      </Button>
    </Link>
  );
}

function DrawerActions({ app }: { app: ApplicationDetail }) {
  const { message } = App.useApp();
  const decide = useDecide(app.id);
  const [asking, setAsking] = useState<'reject' | 'return' | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  if (app.kind === 'founding') return <FoundingLink id={app.id} />;

  const canApprove = app.actions.some((x) => x === 'approve' || x === 'release' || x === 'accept');
  const canReject = app.actions.includes('reject');
  const canReturn = app.actions.includes('return');
  if (!canApprove && !canReject && !canReturn) {
    return <Typography.Text type="secondary">{app.status === 'pending' ? dr.notYours : dr.closed}</Typography.Text>;
  }

  const run = (v: Decision) =>
    decide.mutateAsync(v).then(
      () => {
        void message.success(dr.doneOk);
        return true;
      },
      (e: unknown) => {
        if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        return false;
      },
    );

  return (
    <>
      <Space>
        {canApprove && (
          <Button
            type="primary"
            autoInsertSpace={false}
            loading={decide.isPending && decide.variables?.decision === 'approve'}
            disabled={decide.isPending}
            onClick={() => void run({ decision: 'approve' })}
            data-testid="decision-approve"
          >
            {approveLabel(app)}
          </Button>
        )}
        {canReject && (
          <Button danger autoInsertSpace={false} disabled={decide.isPending} onClick={() => setAsking('reject')} data-testid="decision-reject">
            {dr.reject}
          </Button>
        )}
        {canReturn && (
          <Button autoInsertSpace={false} disabled={decide.isPending} onClick={() => setAsking('return')}>
            {dr.return}
          </Button>
        )}
      </Space>
      <Modal
        title={asking === 'return' ? dr.returnTitle : dr.rejectTitle}
        open={asking !== null}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        okText={t.common.confirm}
        okButtonProps={{ danger: asking === 'reject' }}
        confirmLoading={decide.isPending}
        destroyOnHidden
        afterClose={() => form.resetFields()}
      >
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(v) =>
            void run({ decision: asking!, reason: v.reason.trim() }).then((ok) => {
              if (ok) setAsking(null);
            })
          }
        >
          <Form.Item
            name="reason"
            label={dr.reasonLabel}
            extra={dr.reasonHelp}
            rules={[
              { required: true, whitespace: true, message: dr.reasonRequired },
              { max: 200, message: dr.reasonTooLong },
            ]}
          >
            <Input.TextArea rows={4} maxLength={200} showCount placeholder={dr.reasonPlaceholder} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
