import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { FoundingListItem } from '@gonghui/contracts';
import { fmtDateTime, fmtInt } from '../../lib/format';
import { t } from '../../lib/i18n';
import { OrgPicker } from '../components/OrgPicker';
import { PageContainer } from '../components/PageContainer';
import { useFoundingList, type FoundingBox } from './api';
import { STATUS_COLORS, statusText } from './status';
import { F } from './strings';

/** /admin/founding: founding applications of the scope, by stage (the inbox also lists the pending ones). */
export default function FoundingListPage() {
  const navigate = useNavigate();
  const [box, setBox] = useState<FoundingBox>('pending');
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const list = useFoundingList(box, orgId);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (id: string) => navigate(`/admin/founding/${id}`);

  return (
    <PageContainer title={F.listTitle} subtitle={F.listSubtitle}>
      <Card variant="borderless" styles={{ body: { paddingBottom: 8 } }}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<FoundingBox>
            value={box}
            onChange={setBox}
            options={(['pending', 'congress', 'done', 'closed', 'all'] as const).map((b) => ({ value: b, label: F.boxes[b] }))}
          />
          <OrgPicker value={orgId} onChange={setOrgId} placeholder="全部（我的管理范围）" style={{ width: 280 }} />
          <div style={{ flex: 1 }} />
          <Tooltip title={t.common.refresh}>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching} />
          </Tooltip>
        </Flex>
        <Table<FoundingListItem>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' } })}
          locale={list.isError ? { emptyText: <Typography.Text type="danger">{list.error.message}</Typography.Text> } : undefined}
          scroll={{ x: 1120 }}
          columns={[
            {
              title: F.col.name,
              dataIndex: 'enterpriseName',
              ellipsis: true,
              render: (v: string, r) => (
                <a
                  href={`/admin/founding/${r.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    e.stopPropagation();
                    open(r.id);
                  }}
                  style={{ fontWeight: 500 }}
                >
                  {v}
                </a>
              ),
            },
            { title: F.col.uscc, dataIndex: 'uscc', width: 180, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            { title: F.col.headcount, dataIndex: 'headcount', width: 90, align: 'right', render: (n: number) => fmtInt(n) },
            { title: F.col.parent, dataIndex: 'parentOrgName', width: 170, ellipsis: true },
            { title: F.col.status, dataIndex: 'status', width: 130, render: (_: unknown, r) => <Tag color={STATUS_COLORS[r.status]}>{statusText(r)}</Tag> },
            { title: F.col.createdAt, dataIndex: 'createdAt', width: 165, render: (v: string) => fmtDateTime(v) },
            {
              title: F.col.due,
              dataIndex: 'dueAt',
              width: 190,
              render: (v: string | null, r) =>
                r.status === 'pending' && v ? (
                  <Space size={6}>
                    {fmtDateTime(v)}
                    {r.overdue && <Tag color="red">{F.overdue}</Tag>}
                  </Space>
                ) : (
                  t.common.none
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
    </PageContainer>
  );
}
