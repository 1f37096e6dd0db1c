import { Breadcrumb, Button, Card, Descriptions, Empty, Result, Skeleton, Table, Typography } from 'antd';
import { INDUSTRY_LINE_LABELS, ORG_KIND_LABELS, type OrgSummary } from '@gonghui/contracts';
import { fmtDateTime, fmtInt } from '../../lib/format';
import { t } from '../../lib/i18n';
import { OrgKindTag } from '../components/OrgKindTag';
import { useOrg, useOrgChildren } from './api';
import { OrgStatCards, OrgStatsCharts } from './OrgStatsSection';
import { JoinQrCard } from '../joinlinks/JoinQrCard';

const d = t.admin.orgs.detail;

export function OrgDetailPanel({ orgId, onNavigate }: { orgId: string | null; onNavigate: (id: string) => void }) {
  const q = useOrg(orgId);
  if (!orgId) {
    return (
      <Card variant="borderless" style={{ height: '100%' }}>
        <Empty style={{ marginTop: 120 }} description={t.admin.orgs.pickHint} />
      </Card>
    );
  }
  if (q.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (q.isError) {
    return (
      <Card variant="borderless">
        <Result status="warning" title={q.error.message} />
      </Card>
    );
  }
  const o = q.data;
  const none = t.common.none;
  return (
    <div className="gh-org-detail" data-testid="org-detail">
      <Card variant="borderless" styles={{ body: { padding: '20px 24px' } }}>
        <Breadcrumb
          items={[
            ...o.ancestors.map((a) => ({
              key: a.id,
              title: (
                <a
                  onClick={(e) => {
                    e.preventDefault();
                    onNavigate(a.id);
                  }}
                  href="#"
                >
                  {a.name}
                </a>
              ),
            })),
            { key: o.id, title: o.name },
          ]}
        />
        <div className="gh-org-title-row">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="org-detail-name">
            {o.name}
          </Typography.Title>
          <OrgKindTag kind={o.kind} />
          {o.industryLine && <OrgKindTag kind="industry" />}
        </div>
      </Card>

      {/* coverage statistics (统计): cards here, trend and children comparison below the basic info */}
      <OrgStatCards orgId={o.id} />

      <Card variant="borderless" title={d.basic} style={{ marginTop: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} styles={{ label: { width: 150, color: '#8c8c8c' } }}>
          <Descriptions.Item label={d.kind}>{ORG_KIND_LABELS[o.kind]}</Descriptions.Item>
          <Descriptions.Item label={d.depth}>{d.depthValue(o.depth)}</Descriptions.Item>
          <Descriptions.Item label={d.regionCode}>{o.regionCode ?? none}</Descriptions.Item>
          <Descriptions.Item label={d.uscc}>
            {o.uscc ? <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{o.uscc}</Typography.Text> : none}
          </Descriptions.Item>
          <Descriptions.Item label={d.industryLine}>{o.industryLine ? INDUSTRY_LINE_LABELS[o.industryLine] : none}</Descriptions.Item>
          <Descriptions.Item label={d.industryOrg}>
            {o.industryOrg ? (
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  onNavigate(o.industryOrg!.id);
                }}
              >
                {o.industryOrg.name}
              </a>
            ) : (
              none
            )}
          </Descriptions.Item>
          <Descriptions.Item label={d.address} span={2}>
            {o.address ?? none}
          </Descriptions.Item>
          <Descriptions.Item label={d.createdAt}>{fmtDateTime(o.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={d.id}>
            <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
              {o.id}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <JoinQrCard key={o.id} orgId={o.id} orgKind={o.kind} />
      <OrgStatsCharts orgId={o.id} onNavigate={onNavigate} />
      {o.childCount > 0 && <ChildrenCard orgId={o.id} total={o.childCount} onNavigate={onNavigate} />}
    </div>
  );
}

function ChildrenCard({ orgId, total, onNavigate }: { orgId: string; total: number; onNavigate: (id: string) => void }) {
  const q = useOrgChildren(orgId);
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      variant="borderless"
      title={d.childList}
      extra={<Typography.Text type="secondary">{d.childListCount(rows.length, total)}</Typography.Text>}
      style={{ marginTop: 16 }}
      styles={{ body: { paddingTop: 8 } }}
    >
      <Table<OrgSummary>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 360 }}
        columns={[
          {
            title: d.childName,
            dataIndex: 'name',
            ellipsis: true,
            render: (name: string, r) => (
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  onNavigate(r.id);
                }}
              >
                {name}
              </a>
            ),
          },
          { title: d.kind, dataIndex: 'kind', width: 150, render: (k: OrgSummary['kind']) => <OrgKindTag kind={k} /> },
          { title: d.children, dataIndex: 'childCount', width: 110, align: 'right', render: (n: number) => fmtInt(n) },
          { title: d.membersTotal, dataIndex: 'membersTotal', width: 120, align: 'right', render: (n: number) => fmtInt(n) },
        ]}
      />
      {q.hasNextPage && (
        <div style={{ textAlign: 'center', paddingTop: 12 }}>
          <Button size="small" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
            {t.common.loadMore}
          </Button>
        </div>
      )}
    </Card>
  );
}
