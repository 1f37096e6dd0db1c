import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { EMPLOYMENT_FORMS, MEMBER_STATUSES, MEMBER_STATUS_LABELS, type MemberListItem, type MemberStatus } from '@gonghui/contracts';
import type { Dayjs } from 'dayjs';
import { fmtDate } from '../../lib/format';
import { t } from '../../lib/i18n';
import { useMe } from '../../lib/auth';
import { OrgPicker } from '../components/OrgPicker';
import { PageContainer } from '../components/PageContainer';
import { hasPermission } from '../layout/access';
import { useCurrentRole } from '../layout/currentRole';
import { useMembers, type MemberFilters } from './api';
import { MemberFormModal } from './MemberFormModal';
import { MemberStatusTag } from './MemberStatusTag';
import { ExportMembersButton } from '../roster/ExportMembersButton';
import './members.css';

const s = t.admin.members;

export default function MembersPage() {
  const navigate = useNavigate();
  const me = useMe().data!;
  const current = useCurrentRole();
  // undefined = not touched yet: start at the org the cadre acts for; null = cleared = the whole scope
  const [orgPick, setOrgPick] = useState<string | null | undefined>(undefined);
  const orgId = orgPick === undefined ? current?.orgId : (orgPick ?? undefined);
  const [status, setStatus] = useState<MemberStatus | undefined>(undefined);
  const [occupation, setOccupation] = useState('');
  const [employmentForm, setEmploymentForm] = useState<string | undefined>(undefined);
  const [joined, setJoined] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);

  const filters: MemberFilters = {
    orgId,
    status,
    occupation: occupation || undefined,
    employmentForm,
    joinedFrom: joined?.[0]?.format('YYYY-MM-DD'),
    joinedTo: joined?.[1]?.format('YYYY-MM-DD'),
    q: q || undefined,
  };
  const members = useMembers(filters);
  const rows = members.data?.pages.flatMap((p) => p.items) ?? [];
  const canManage = hasPermission(me, 'member.manage');
  const canExport = hasPermission(me, 'member.export');

  return (
    <PageContainer
      title={s.title}
      subtitle={s.subtitle}
      extra={
        <Space>
          {canExport && <ExportMembersButton filters={filters} />}
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {s.create}
            </Button>
          )}
        </Space>
      }
    >
      <Card variant="borderless" styles={{ body: { paddingBottom: 8 } }}>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Space.Compact>
            <Space.Addon>{s.filter.org}</Space.Addon>
            <OrgPicker value={orgId} onChange={(v) => setOrgPick(v ?? null)} placeholder={s.filter.orgAll} style={{ width: 280 }} />
          </Space.Compact>
          <Input.Search
            allowClear
            placeholder={s.filter.q}
            style={{ width: 300 }}
            onSearch={(v) => setQ(v.trim())}
            data-testid="member-search"
          />
          <div style={{ flex: 1 }} />
          <Tooltip title={t.common.refresh}>
            <Button icon={<ReloadOutlined />} onClick={() => void members.refetch()} loading={members.isRefetching && !members.isFetchingNextPage} />
          </Tooltip>
        </Flex>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select<MemberStatus>
            allowClear
            placeholder={s.filter.status}
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={MEMBER_STATUSES.map((v) => ({ value: v, label: MEMBER_STATUS_LABELS[v] }))}
          />
          <Input.Search allowClear placeholder={s.filter.occupation} style={{ width: 180 }} onSearch={(v) => setOccupation(v.trim())} />
          <Select<string>
            allowClear
            placeholder={s.filter.employmentForm}
            style={{ width: 160 }}
            value={employmentForm}
            onChange={setEmploymentForm}
            options={EMPLOYMENT_FORMS.map((v) => ({ value: v, label: v }))}
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[s.filter.joinedFrom, s.filter.joinedTo]}
            value={joined}
            onChange={(v) => setJoined(v)}
            style={{ width: 280 }}
          />
        </Flex>
        <Table<MemberListItem>
          rowKey="id"
          size="middle"
          loading={members.isPending || (members.isPlaceholderData && members.isFetching)}
          dataSource={rows}
          pagination={false}
          locale={members.isError ? { emptyText: <Typography.Text type="danger">{members.error.message}</Typography.Text> } : undefined}
          scroll={{ x: 1080 }}
          rowClassName={() => 'gh-clickable-row'}
          onRow={(m) => ({ onClick: () => navigate(`/admin/members/${m.id}`) })}
          columns={[
            {
              title: s.col.name,
              dataIndex: 'name',
              width: 100,
              fixed: 'left',
              render: (name: string, m) => (
                <a
                  href={`/admin/members/${m.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                  }}
                >
                  {name}
                </a>
              ),
            },
            { title: s.col.idNumber, dataIndex: 'idNumberMasked', width: 168, render: (v: string) => <span className="gh-mono">{v}</span> },
            { title: s.col.phone, dataIndex: 'phoneMasked', width: 120, render: (v: string | null) => <span className="gh-mono">{v ?? t.common.none}</span> },
            { title: s.col.gender, dataIndex: 'gender', width: 56, render: (g: 'M' | 'F') => s.genders[g] },
            { title: s.col.org, dataIndex: 'orgName', ellipsis: true },
            { title: s.col.occupation, dataIndex: 'occupation', width: 96, ellipsis: true, render: (v: string | null) => v ?? t.common.none },
            { title: s.col.employmentForm, dataIndex: 'employmentForm', width: 100, render: (v: string | null) => v ?? t.common.none },
            {
              title: s.col.verified,
              dataIndex: 'verified',
              width: 78,
              render: (v: boolean) => (v ? <Tag color="green">{s.verified}</Tag> : <Tag>{s.unverified}</Tag>),
            },
            { title: s.col.status, dataIndex: 'status', width: 84, render: (v: MemberStatus) => <MemberStatusTag status={v} /> },
            { title: s.col.joinedAt, dataIndex: 'joinedAt', width: 106, render: (v: string) => fmtDate(v) },
          ]}
        />
        <Flex justify="center" align="center" gap={12} style={{ padding: '12px 0 4px', color: '#8c8c8c', fontSize: 13 }}>
          <span>{t.common.loadedCount(rows.length)}</span>
          {members.hasNextPage ? (
            <Button size="small" onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage}>
              {t.common.loadMore}
            </Button>
          ) : (
            rows.length > 0 && <span>· {t.common.noMore}</span>
          )}
        </Flex>
      </Card>
      <MemberFormModal
        mode="create"
        open={creating}
        defaultOrgId={orgId ?? current?.orgId}
        onClose={() => setCreating(false)}
        onSaved={(m) => navigate(`/admin/members/${m.id}`)}
      />
    </PageContainer>
  );
}
