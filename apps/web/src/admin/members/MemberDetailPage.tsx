import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Dropdown, Empty, Popconfirm, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, DownOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { MEMBER_EVENT_LABELS, MEMBER_STATUS_LABELS, type MemberDetail, type MemberEvent, type MemberPii, type MemberStatus } from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../lib/api';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { PageContainer } from '../components/PageContainer';
import { useMember, useRevealMember } from './api';
import { MemberFormModal } from './MemberFormModal';
import { MemberStatusTag } from './MemberStatusTag';
import { StatusChangeModal, type StatusTarget } from './StatusChangeModal';
import './members.css';

const s = t.admin.members;
const d = s.detail;

export default function MemberDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useMember(id);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/admin/members')}>
      {d.back}
    </Button>
  );
  if (q.isPending) {
    return (
      <PageContainer title={d.title} extra={back}>
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </PageContainer>
    );
  }
  if (q.isError) {
    return (
      <PageContainer title={d.title} extra={back}>
        <Card variant="borderless">
          <Result status={isApiError(q.error) && q.error.status === 404 ? '404' : 'warning'} title={q.error.message} />
        </Card>
      </PageContainer>
    );
  }
  return <MemberDetailView m={q.data} back={back} />;
}

function MemberDetailView({ m, back }: { m: MemberDetail; back: ReactNode }) {
  const { message } = App.useApp();
  const reveal = useRevealMember(m.id);
  const [pii, setPii] = useState<MemberPii | null>(null);
  const [editing, setEditing] = useState(false);
  const [statusTarget, setStatusTarget] = useState<StatusTarget | null>(null);
  const none = t.common.none;

  const statusItems = statusActions(m.status);

  return (
    <PageContainer
      title={
        <span className="gh-member-head">
          <span data-testid="member-name">{m.name}</span>
          <MemberStatusTag status={m.status} />
          {m.verified ? (
            <Tag color="green" icon={<SafetyCertificateOutlined />}>
              {s.verified}
            </Tag>
          ) : (
            <Tag>{s.unverified}</Tag>
          )}
        </span>
      }
      subtitle={
        <span className="gh-member-head-meta">
          {d.cardNo} <span className="gh-mono">{m.cardNo}</span> · {m.orgName}
        </span>
      }
      extra={
        <Space>
          {back}
          {m.canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {d.edit}
            </Button>
          )}
          {m.canManage && statusItems.length > 0 && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: statusItems.map((a) => ({ key: a, label: d.statusAction[a], danger: a === 'deceased' })),
                onClick: ({ key }) => setStatusTarget(key as StatusTarget),
              }}
            >
              <Button>
                <Space size={4}>
                  {d.changeStatus}
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
          )}
        </Space>
      }
    >
      <Card
        variant="borderless"
        title={d.basic}
        extra={
          m.canReveal &&
          (pii ? (
            <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setPii(null)}>
              {d.hide}
            </Button>
          ) : (
            <Popconfirm
              title={d.revealConfirmTitle}
              description={d.revealConfirm}
              okText={d.reveal}
              onConfirm={() =>
                reveal.mutateAsync().then(setPii, (e: unknown) => {
                  void message.error(errorMessage(e));
                })
              }
            >
              <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} data-testid="member-reveal">
                {d.reveal}
              </Button>
            </Popconfirm>
          ))
        }
      >
        {pii && <Alert type="warning" showIcon title={d.revealedNotice} style={{ marginBottom: 16 }} />}
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} styles={{ label: { width: 110, color: '#8c8c8c' } }}>
          <Descriptions.Item label={d.name}>{m.name}</Descriptions.Item>
          <Descriptions.Item label={d.idNumber}>
            <span className="gh-mono" data-testid="member-id-number">
              {pii ? pii.idNumber : m.idNumberMasked}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={d.phone}>
            <span className="gh-mono">{(pii ? pii.phone : m.phoneMasked) ?? none}</span>
          </Descriptions.Item>
          <Descriptions.Item label={d.gender}>{s.genders[m.gender]}</Descriptions.Item>
          <Descriptions.Item label={d.birthDate}>{fmtDate(m.birthDate)}</Descriptions.Item>
          <Descriptions.Item label={d.ethnicity}>{m.ethnicity ?? none}</Descriptions.Item>
          <Descriptions.Item label={d.education}>{m.education ?? none}</Descriptions.Item>
          <Descriptions.Item label={d.politicalStatus}>{m.politicalStatus ?? none}</Descriptions.Item>
          <Descriptions.Item label={d.employmentForm}>{m.employmentForm ?? none}</Descriptions.Item>
          <Descriptions.Item label={d.employer}>{m.employer ?? none}</Descriptions.Item>
          <Descriptions.Item label={d.occupation}>{m.occupation ?? none}</Descriptions.Item>
          <Descriptions.Item label={d.industry}>{m.industry ?? none}</Descriptions.Item>
          <Descriptions.Item label={d.address} span={{ xs: 1, md: 2, xl: 3 }}>
            {(pii ? pii.address : m.addressMasked) ?? none}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card variant="borderless" title={d.membership} style={{ marginTop: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} styles={{ label: { width: 110, color: '#8c8c8c' } }}>
          <Descriptions.Item label={d.org} span={{ xs: 1, md: 2, xl: 3 }}>
            {m.orgPathNames.length > 0 && <Typography.Text type="secondary">{`${m.orgPathNames.join(' / ')} / `}</Typography.Text>}
            {m.orgName}
          </Descriptions.Item>
          <Descriptions.Item label={d.cardNo}>
            <Typography.Text copyable className="gh-mono">
              {m.cardNo}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={d.status}>
            <MemberStatusTag status={m.status} />
          </Descriptions.Item>
          <Descriptions.Item label={d.joinedAt}>{fmtDate(m.joinedAt)}</Descriptions.Item>
          <Descriptions.Item label={d.endedAt}>{fmtDate(m.endedAt)}</Descriptions.Item>
          <Descriptions.Item label={d.source}>{d.sources[m.source] ?? m.source}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card variant="borderless" title={d.history} extra={<Typography.Text type="secondary">{d.historyHint}</Typography.Text>} style={{ marginTop: 16 }}>
        {m.history.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.historyEmpty} />
        ) : (
          <Timeline data-testid="member-history" items={m.history.map(historyItem)} />
        )}
      </Card>

      <MemberFormModal mode="edit" open={editing} member={m} onClose={() => setEditing(false)} />
      <StatusChangeModal member={m} target={statusTarget} onClose={() => setStatusTarget(null)} />
    </PageContainer>
  );
}

/** Which status changes make sense from here (a transfer is its own process, not a status edit). */
function statusActions(status: MemberStatus): StatusTarget[] {
  if (status === 'active') return ['retired', 'left', 'deceased'];
  if (status === 'retired' || status === 'left' || status === 'deceased') return ['active'];
  return [];
}

const EVENT_COLORS: Record<string, string> = {
  joined: 'green',
  founded: 'green',
  imported: 'blue',
  transfer_in: 'blue',
  transfer_out: 'gray',
  status_changed: 'red',
  updated: 'gray',
};

function statusLabel(v: string | null): string {
  return v ? (MEMBER_STATUS_LABELS[v as MemberStatus] ?? v) : t.common.none;
}

function historyItem(e: MemberEvent) {
  const other =
    e.otherOrgName && (e.kind === 'transfer_out' ? d.transferTo(e.otherOrgName) : e.kind === 'transfer_in' ? d.transferFrom(e.otherOrgName) : e.otherOrgName);
  return {
    key: e.id,
    color: EVENT_COLORS[e.kind] ?? 'blue',
    content: (
      <div>
        <Space size={6} wrap>
          <Typography.Text strong>{MEMBER_EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>
          <span>{e.orgName}</span>
          {other && <Typography.Text type="secondary">{other}</Typography.Text>}
          {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
            <Typography.Text type="secondary">
              {statusLabel(e.fromStatus)} → {statusLabel(e.toStatus)}
            </Typography.Text>
          )}
        </Space>
        {e.note && <div style={{ marginTop: 2 }}>{e.note}</div>}
        <div className="gh-timeline-meta">{[fmtDateTime(e.at), e.actorName && d.actor(e.actorName)].filter(Boolean).join(' · ')}</div>
      </div>
    ),
  };
}
