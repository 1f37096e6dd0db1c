import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Flex, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  CASE_BOXES,
  CASE_BOX_LABELS,
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  CASE_TYPES,
  CASE_TYPE_LABELS,
  type CaseBox,
  type CaseItem,
  type CaseStatus,
  type CaseType,
} from '@gonghui/contracts';
import { useMe } from '../../lib/auth';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { OrgPicker } from '../components/OrgPicker';
import { PageContainer } from '../components/PageContainer';
import { hasPermission } from '../layout/access';
import { SlaCountdown } from '../approvals/SlaCountdown';
import { useCaseCounts, useCases } from './api';
import { CaseStatusTag, CaseTypeTag, isOpenStatus } from './labels';
import '../members/members.css';
import './cases.css';

const c = t.admin.cases;

const PERSONAL_BOXES: readonly CaseBox[] = ['mine', 'team', 'filed', 'all'];

function asBox(v: string | null): CaseBox {
  return (CASE_BOXES as readonly string[]).includes(v ?? '') ? (v as CaseBox) : 'mine';
}

/** /admin/cases — 工单中心: the queues as tabs (?box=), filters, keyset-paged table. */
export default function CasesPage() {
  const navigate = useNavigate();
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const box = asBox(params.get('box'));
  // partners and hotline seats (no case.read) work only what is assigned to them or their team
  // partners work their own inbox; operators follow what they filed; readers of a subtree get every queue
  const boxes = hasPermission(me, 'case.read') ? CASE_BOXES : PERSONAL_BOXES;
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [type, setType] = useState<CaseType | undefined>(undefined);
  const [status, setStatus] = useState<CaseStatus | undefined>(undefined);
  const [q, setQ] = useState('');
  const list = useCases({ box, orgId, type, status, q: q || undefined });
  const counts = useCaseCounts(orgId);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  // the detail page shows the 回头看 form when it was opened from that queue
  const detailHref = (r: CaseItem) => `/admin/cases/${r.id}${box === 'followup' ? '?box=followup' : ''}`;

  return (
    <PageContainer
      title={c.title}
      subtitle={c.subtitle}
      extra={
        hasPermission(me, 'case.file') && (
          <Link to="/admin/cases/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="case-file-on-behalf">
              {c.fileOnBehalf}
            </Button>
          </Link>
        )
      }
    >
      <Card variant="borderless" styles={{ body: { paddingTop: 4, paddingBottom: 8 } }}>
        <Tabs
          activeKey={box}
          tabBarExtraContent={
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {c.boxHint[box]}
            </Typography.Text>
          }
          onChange={(k) => setParams(k === 'mine' ? {} : { box: k }, { replace: true })}
          items={boxes.map((b) => {
            const n = b === 'all' || b === 'filed' ? 0 : (counts.data?.[b] ?? 0);
            return {
              key: b,
              label: (
                <span data-testid={`case-box-${b}`}>
                  {CASE_BOX_LABELS[b]}
                  {n > 0 && (
                    <Badge
                      count={n}
                      overflowCount={999}
                      size="small"
                      color={b === 'mine' || b === 'overdue' || b === 'supervised' ? undefined : '#8c8c8c'}
                      style={{ marginInlineStart: 6 }}
                    />
                  )}
                </span>
              ),
            };
          })}
        />
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Space.Compact>
            <Space.Addon>{t.admin.members.filter.org}</Space.Addon>
            <OrgPicker value={orgId} onChange={setOrgId} placeholder={c.filter.orgAll} style={{ width: 260 }} />
          </Space.Compact>
          <Select<CaseType>
            allowClear
            placeholder={c.filter.type}
            style={{ width: 150 }}
            value={type}
            onChange={setType}
            options={CASE_TYPES.map((v) => ({ value: v, label: CASE_TYPE_LABELS[v] }))}
          />
          <Select<CaseStatus>
            allowClear
            placeholder={c.filter.status}
            style={{ width: 130 }}
            value={status}
            onChange={setStatus}
            options={CASE_STATUSES.map((v) => ({ value: v, label: CASE_STATUS_LABELS[v] }))}
          />
          <Input.Search allowClear placeholder={c.filter.q} style={{ width: 240 }} onSearch={(v) => setQ(v.trim())} data-testid="case-search" />
          <div style={{ flex: 1 }} />
          <Tooltip title={t.common.refresh}>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                void list.refetch();
                void counts.refetch();
              }}
              loading={list.isRefetching && !list.isFetchingNextPage}
            />
          </Tooltip>
        </Flex>
        <Table<CaseItem>
          rowKey="id"
          size="middle"
          loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
          dataSource={rows}
          pagination={false}
          locale={list.isError ? { emptyText: <Typography.Text type="danger">{list.error.message}</Typography.Text> } : { emptyText: c.empty[box] }}
          scroll={{ x: 1100 }}
          rowClassName={(r) => (r.overdue && isOpenStatus(r.status) ? 'gh-clickable-row gh-case-row-overdue' : 'gh-clickable-row')}
          onRow={(r) => ({ onClick: () => navigate(detailHref(r)) })}
          columns={[
            {
              title: c.col.caseNo,
              dataIndex: 'caseNo',
              width: 168,
              render: (v: string, r) => (
                <div>
                  <Link to={detailHref(r)} onClick={(e) => e.stopPropagation()} className="gh-mono">
                    {v}
                  </Link>
                  <Tooltip title={`${c.col.createdAt} ${fmtDateTime(r.createdAt)}`}>
                    <div className="gh-case-sub">{fmtDateTime(r.createdAt).slice(0, 16)}</div>
                  </Tooltip>
                </div>
              ),
            },
            { title: c.col.type, dataIndex: 'type', width: 104, render: (v: CaseType) => <CaseTypeTag type={v} /> },
            {
              title: c.col.title,
              dataIndex: 'title',
              ellipsis: true,
              render: (v: string, r) => (
                <div style={{ minWidth: 0 }}>
                  <div className="gh-ellipsis">
                    {r.supervised && (
                      <Tag color="magenta" style={{ marginInlineEnd: 6 }} data-testid="case-supervised">
                        {c.supervised}
                      </Tag>
                    )}
                    {v}
                  </div>
                  {r.category && <div className="gh-case-sub gh-ellipsis">{r.category}</div>}
                </div>
              ),
            },
            { title: c.col.status, dataIndex: 'status', width: 92, render: (v: CaseStatus) => <CaseStatusTag status={v} /> },
            {
              title: c.col.org,
              dataIndex: 'orgName',
              width: 190,
              ellipsis: true,
              render: (v: string, r) => (
                <div style={{ minWidth: 0 }}>
                  <div className="gh-ellipsis">{v}</div>
                  {r.teamName && <div className="gh-case-sub gh-ellipsis">{r.teamName}</div>}
                </div>
              ),
            },
            {
              title: c.col.assignee,
              dataIndex: 'assigneeName',
              width: 88,
              ellipsis: true,
              render: (v: string | null) => v ?? <Typography.Text type="secondary">{c.unassignedPerson}</Typography.Text>,
            },
            {
              title: c.col.submitter,
              dataIndex: 'submitter',
              width: 80,
              render: (v: string, r) => (r.anonymous ? <Tag style={{ marginInlineEnd: 0 }}>{c.anonymous}</Tag> : v),
            },
            {
              title: c.col.sla,
              key: 'sla',
              width: 148,
              render: (_: unknown, r) =>
                isOpenStatus(r.status) ? <SlaCountdown dueAt={r.dueAt} overdue={r.overdue} /> : <span style={{ color: '#8c8c8c' }}>{t.common.none}</span>,
            },
          ]}
        />
        <Flex justify="center" align="center" gap={12} style={{ padding: '12px 0 4px', color: '#8c8c8c', fontSize: 13 }}>
          <span>{t.common.loadedCount(rows.length)}</span>
          {list.hasNextPage ? (
            <Button size="small" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="case-load-more">
              {t.common.loadMore}
            </Button>
          ) : (
            rows.length > 0 && <span>· {t.common.noMore}</span>
          )}
        </Flex>
      </Card>
    </PageContainer>
  );
}
