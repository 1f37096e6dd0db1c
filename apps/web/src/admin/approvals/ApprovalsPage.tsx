import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Flex, Segmented, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { APPLICATION_KINDS, APPLICATION_KIND_LABELS, APPLICATION_STAGE_LABELS, type ApplicationItem, type ApplicationKind } from '@gonghui/contracts';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { PageContainer } from '../components/PageContainer';
import { ApplicationDrawer } from './ApplicationDrawer';
import { ApplicationStatusTag, KindTag } from './labels';
import { SlaCountdown } from './SlaCountdown';
import { useApplications, usePendingCount, type Box } from './api';
import '../members/members.css';

const a = t.admin.approvals;

export default function ApprovalsPage() {
  const [box, setBox] = useState<Box>('todo');
  const [kind, setKind] = useState<ApplicationKind | 'all'>('all');
  const [params, setParams] = useSearchParams();
  const [picked, setPicked] = useState<ApplicationItem | null>(null);
  // ?id= comes from the 站内信 links ("新的入会申请…"): open that application directly
  const linked = params.get('id');
  const open = picked ? { id: picked.id, item: picked } : linked ? { id: linked } : null;
  const close = () => {
    setPicked(null);
    if (linked) setParams({}, { replace: true });
  };
  const list = useApplications({ box, kind: kind === 'all' ? undefined : kind });
  const pending = usePendingCount(true);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const pendingBox = box !== 'done';

  return (
    <PageContainer title={a.title} subtitle={a.subtitle}>
      <Card variant="borderless" styles={{ body: { paddingTop: 4, paddingBottom: 8 } }}>
        <Tabs
          activeKey={box}
          onChange={(k) => setBox(k as Box)}
          items={[
            {
              key: 'todo',
              label: (
                <span>
                  {a.box.todo}
                  {!!pending.data && <Badge count={pending.data} overflowCount={99} size="small" style={{ marginInlineStart: 6 }} />}
                </span>
              ),
            },
            { key: 'escalated', label: a.box.escalated },
            { key: 'done', label: a.box.done },
          ]}
        />
        <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
          <Segmented<ApplicationKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[{ value: 'all', label: t.common.all }, ...APPLICATION_KINDS.map((k) => ({ value: k, label: APPLICATION_KIND_LABELS[k] }))]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {a.boxHint[box]}
          </Typography.Text>
          <div style={{ flex: 1 }} />
          <Tooltip title={t.common.refresh}>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage} />
          </Tooltip>
        </Flex>
        <Table<ApplicationItem>
          rowKey="id"
          size="middle"
          loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
          dataSource={rows}
          pagination={false}
          locale={list.isError ? { emptyText: <Typography.Text type="danger">{list.error.message}</Typography.Text> } : { emptyText: a.empty[box] }}
          scroll={{ x: 1100 }}
          rowClassName={() => 'gh-clickable-row'}
          onRow={(r) => ({ onClick: () => setPicked(r) })}
          columns={[
            {
              title: a.col.applicant,
              dataIndex: 'applicantName',
              width: 190,
              render: (name: string, r) => (
                <div>
                  <a onClick={(e) => e.preventDefault()} href="#">
                    {name}
                  </a>
                  <div className="gh-mono" style={{ color: '#8c8c8c', fontSize: 12 }}>
                    {r.idNumberMasked ?? r.phoneMasked ?? ''}
                  </div>
                </div>
              ),
            },
            { title: a.col.kind, dataIndex: 'kind', width: 100, render: (k: ApplicationKind) => <KindTag kind={k} /> },
            {
              title: a.col.target,
              dataIndex: 'targetOrgName',
              ellipsis: true,
              render: (v: string, r) => (
                <div style={{ minWidth: 0 }}>
                  <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{v}</div>
                  {r.kind === 'transfer' && r.sourceOrgName && (
                    <div style={{ color: '#8c8c8c', fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis' }}>{a.fromOrg(r.sourceOrgName)}</div>
                  )}
                </div>
              ),
            },
            {
              title: a.col.reviewer,
              dataIndex: 'orgName',
              width: 200,
              ellipsis: true,
              render: (v: string, r) => (
                <div style={{ minWidth: 0 }}>
                  <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{v}</div>
                  {r.status === 'pending' && r.stage !== 'review' && (
                    <div style={{ color: '#8c8c8c', fontSize: 12 }}>{APPLICATION_STAGE_LABELS[r.stage] ?? r.stage}</div>
                  )}
                </div>
              ),
            },
            { title: a.col.createdAt, dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
            pendingBox
              ? {
                  title: a.col.sla,
                  key: 'sla',
                  width: 210,
                  render: (_: unknown, r) => (
                    <Flex gap={6} align="center" wrap>
                      <SlaCountdown dueAt={r.dueAt} overdue={r.overdue} />
                      {r.escalated && (
                        <Tag color="magenta" style={{ marginInlineEnd: 0 }} data-testid="escalated">
                          {a.escalated}
                        </Tag>
                      )}
                    </Flex>
                  ),
                }
              : {
                  title: a.col.result,
                  key: 'result',
                  width: 250,
                  render: (_: unknown, r) => (
                    <Flex gap={8} align="center">
                      <ApplicationStatusTag status={r.status} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmtDateTime(r.decidedAt)}
                      </Typography.Text>
                    </Flex>
                  ),
                },
          ]}
        />
        <Flex justify="center" align="center" gap={12} style={{ padding: '12px 0 4px', color: '#8c8c8c', fontSize: 13 }}>
          <span>{t.common.loadedCount(rows.length)}</span>
          {list.hasNextPage ? (
            <Button size="small" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t.common.loadMore}
            </Button>
          ) : (
            rows.length > 0 && <span>· {t.common.noMore}</span>
          )}
        </Flex>
      </Card>
      <ApplicationDrawer open={open} onClose={close} />
    </PageContainer>
  );
}
