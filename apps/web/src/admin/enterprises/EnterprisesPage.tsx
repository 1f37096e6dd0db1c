import { useState } from 'react';
import { App, Button, Card, Col, Flex, Input, Popconfirm, Progress, Row, Segmented, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Enterprise } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { fmtInt } from '../../lib/format';
import { t } from '../../lib/i18n';
import { brand } from '../../lib/theme';
import { OrgPicker } from '../components/OrgPicker';
import { PageContainer } from '../components/PageContainer';
import { useCurrentRole } from '../layout/currentRole';
import { useOrgRoots } from '../orgs/api';
import { useDeleteEnterprise, useEnterprises, useEnterpriseSummary } from './api';
import { EnterpriseModal } from './EnterpriseModal';
import { E } from './strings';

type UnionFilter = 'all' | 'yes' | 'no';
type MustFilter = 'all' | 'yes' | 'no';
const asBool = (v: 'all' | 'yes' | 'no') => (v === 'all' ? undefined : v === 'yes');

/** 企业名录: the enterprise register of the chosen area, with its 建会率 on top. */
export default function EnterprisesPage() {
  const { message } = App.useApp();
  const current = useCurrentRole();
  const roots = useOrgRoots();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const orgId = picked ?? current?.orgId ?? roots.data?.items[0]?.id;
  const [union, setUnion] = useState<UnionFilter>('all');
  const [must, setMust] = useState<MustFilter>('all');
  const [q, setQ] = useState('');
  const [modal, setModal] = useState<{ open: boolean; editing: Enterprise | null }>({ open: false, editing: null });

  const summary = useEnterpriseSummary(orgId);
  const list = useEnterprises({ orgId, hasUnion: asBool(union), mustUnionise: asBool(must), q: q || undefined });
  const remove = useDeleteEnterprise();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const s = summary.data;
  const canManage = !!s?.canManage;
  const pct = s?.unionisationRate === null || s?.unionisationRate === undefined ? null : Math.round(s.unionisationRate * 1000) / 10;

  return (
    <PageContainer
      title={E.title}
      subtitle={E.subtitle}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })} disabled={!canManage}>
          {E.create}
        </Button>
      }
    >
      <Card variant="borderless" styles={{ body: { padding: '16px 24px' } }}>
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} xl={7}>
            <div style={{ color: '#8c8c8c', marginBottom: 6 }}>{E.scope}</div>
            <OrgPicker value={orgId} onChange={(v) => setPicked(v)} allowClear={false} style={{ width: '100%' }} />
          </Col>
          <Col xs={8} xl={4}>
            <Statistic title={E.summary.total} value={s?.total ?? '—'} suffix={s ? E.summary.unit : undefined} loading={summary.isPending} />
          </Col>
          <Col xs={8} xl={4}>
            <Statistic title={E.summary.required} value={s?.required ?? '—'} suffix={s ? E.summary.unit : undefined} loading={summary.isPending} />
          </Col>
          <Col xs={8} xl={4}>
            <Statistic title={E.summary.unionised} value={s?.unionised ?? '—'} suffix={s ? E.summary.unit : undefined} loading={summary.isPending} valueStyle={{ color: '#389e0d' }} />
          </Col>
          <Col xs={24} xl={5}>
            <div data-testid="enterprise-rate">
              <div style={{ color: '#8c8c8c', marginBottom: 4 }}>{E.summary.rate}</div>
              <Flex align="center" gap={12}>
                <Progress type="circle" size={56} percent={pct ?? 0} strokeColor={brand.primary} format={() => (pct === null ? '—' : `${pct}%`)} />
                {s && s.required > s.unionised && <Typography.Text type="secondary">{E.summary.gap(s.required - s.unionised)}</Typography.Text>}
              </Flex>
            </div>
          </Col>
        </Row>
      </Card>

      <Card variant="borderless" style={{ marginTop: 16 }} styles={{ body: { paddingBottom: 8 } }}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<UnionFilter>
            value={union}
            onChange={setUnion}
            options={[
              { value: 'all', label: E.filter.union.all },
              { value: 'yes', label: E.filter.union.yes },
              { value: 'no', label: E.filter.union.no },
            ]}
          />
          <Select<MustFilter>
            value={must}
            onChange={setMust}
            style={{ width: 170 }}
            options={[
              { value: 'all', label: E.filter.must.all },
              { value: 'yes', label: E.filter.must.yes },
              { value: 'no', label: E.filter.must.no },
            ]}
          />
          <Input.Search allowClear placeholder={E.filter.q} style={{ width: 280 }} onSearch={(v) => setQ(v.trim())} />
          <div style={{ flex: 1 }} />
          <Tooltip title={t.common.refresh}>
            <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([list.refetch(), summary.refetch()])} loading={list.isRefetching} />
          </Tooltip>
        </Flex>
        <Table<Enterprise>
          rowKey="id"
          size="middle"
          loading={list.isPending && !!orgId}
          dataSource={rows}
          pagination={false}
          locale={list.isError ? { emptyText: <Typography.Text type="danger">{list.error.message}</Typography.Text> } : undefined}
          scroll={{ x: 1080 }}
          columns={[
            {
              title: E.col.name,
              dataIndex: 'name',
              render: (name: string, e) => (
                <div style={{ lineHeight: 1.5 }}>
                  <Typography.Text strong>{name}</Typography.Text>
                  <div style={{ fontFamily: 'monospace', fontSize: 12, color: '#8c8c8c' }}>{e.uscc}</div>
                </div>
              ),
            },
            { title: E.col.area, dataIndex: 'areaOrgName', width: 160, ellipsis: true },
            {
              title: E.col.headcount,
              dataIndex: 'headcount',
              width: 130,
              align: 'right',
              render: (n: number, e) => (
                <Space size={6}>
                  {e.mustUnionise && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{E.mustTag}</Tag>}
                  <span>{fmtInt(n)}</span>
                </Space>
              ),
            },
            {
              title: E.col.union,
              dataIndex: 'unionOrg',
              width: 250,
              render: (u: Enterprise['unionOrg']) =>
                u ? (
                  <Space size={6} style={{ maxWidth: 240 }}>
                    <Tag color="green" style={{ marginInlineEnd: 0 }}>{E.unionised}</Tag>
                    <Typography.Text ellipsis={{ tooltip: u.name }} style={{ maxWidth: 170 }}>
                      {u.name}
                    </Typography.Text>
                  </Space>
                ) : (
                  <Tag color="red">{E.notUnionised}</Tag>
                ),
            },
            { title: E.col.industry, dataIndex: 'industry', width: 110, render: (v: string | null) => v ?? t.common.none },
            {
              title: E.col.contact,
              dataIndex: 'contactName',
              width: 150,
              render: (v: string | null, e) =>
                v || e.contactPhoneMasked ? (
                  <div style={{ lineHeight: 1.5 }}>
                    <div>{v ?? t.common.none}</div>
                    {e.contactPhoneMasked && <div style={{ fontFamily: 'monospace', fontSize: 12, color: '#8c8c8c' }}>{e.contactPhoneMasked}</div>}
                  </div>
                ) : (
                  t.common.none
                ),
            },
            {
              title: E.col.actions,
              key: 'actions',
              width: 130,
              fixed: 'right',
              render: (_: unknown, e) =>
                canManage ? (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setModal({ open: true, editing: e })}>
                      {E.edit}
                    </Button>
                    <Popconfirm
                      title={E.deleteConfirm(e.name)}
                      description={E.deleteHint}
                      okText={E.remove}
                      okButtonProps={{ danger: true, loading: remove.isPending }}
                      onConfirm={() =>
                        remove.mutateAsync(e.id).then(
                          () => void message.success(E.deletedOk),
                          (err: unknown) => void message.error(errorMessage(err)),
                        )
                      }
                    >
                      <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                        {E.remove}
                      </Button>
                    </Popconfirm>
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
      <EnterpriseModal open={modal.open} editing={modal.editing} defaultAreaId={orgId} onClose={() => setModal({ open: false, editing: null })} />
    </PageContainer>
  );
}
