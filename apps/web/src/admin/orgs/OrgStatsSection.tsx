import { Suspense, lazy, useMemo, useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Empty, Form, InputNumber, Modal, Row, Skeleton, Statistic, Table, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, EditOutlined, IdcardOutlined, RiseOutlined, TeamOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import type { OrgStats, StatsChild } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { fmtInt } from '../../lib/format';
import { brand } from '../../lib/theme';
import { applyServerErrors } from '../components/forms';
import { OrgKindTag } from '../components/OrgKindTag';
import type { ChartOption } from './EChart';
import { fmtRate, useOrgStats, useSetEmployees } from './statsApi';

// ECharts is the largest dependency of the console: loaded only when a chart is drawn
const LazyChart = lazy(() => import('./EChart'));
function EChart(props: { option: ChartOption; height: number; testId: string }) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height }} />}>
      <LazyChart {...props} />
    </Suspense>
  );
}

/** UI strings of the statistics section (统计). */
const S = {
  membersTotal: '会员总数',
  direct: (n: string) => `直属会员 ${n} 人`,
  realName: '实名率',
  verified: (n: string) => `已实名 ${n} 人`,
  new30: '近30天新增',
  asOf: (d: string) => `统计截至 ${d}`,
  unionisation: '建会率',
  unionised: (a: string, b: string) => `已建会 ${a} / 应建会 ${b} 家`,
  join: '入会率',
  employees: (n: string) => `职工总数 ${n} 人`,
  editEmployees: '设置本级职工人数',
  children: '下级组织',
  orgsTotal: (n: string) => `组织总数 ${n} 个`,
  person: '人',
  unit: '个',
  trend: '会员发展趋势（近 90 天）',
  trendTotal: '会员总数',
  trendJoined: '新增',
  trendLeft: '减少',
  compare: '下级组织对比',
  compareHint: '按会员数取前 10',
  colName: '组织名称',
  colMembers: '会员数',
  colEmployees: '职工数',
  colJoin: '入会率',
  colUnion: '建会率',
  noChildren: '暂无下级组织',
  employeesTitle: '设置本级职工人数',
  employeesLabel: '本级职工人数（不含下级组织）',
  employeesHelp: '入会率 = 会员数 ÷ 职工数；上级组织的职工总数随之自动汇总。',
  saved: '职工人数已更新',
  statsError: '统计数据加载失败',
};

function StatCard({ title, value, suffix, foot, icon, color, testId }: { title: string; value: ReactNode; suffix?: string; foot: ReactNode; icon: ReactNode; color: string; testId: string }) {
  return (
    <Card variant="borderless" className="gh-stat-card" styles={{ body: { padding: '16px 20px' } }} data-testid={testId}>
      <div className="gh-stat-row">
        <Statistic title={title} value={value as string | number} suffix={suffix} groupSeparator="," />
        <span className="gh-stat-icon" style={{ color, background: `${color}14` }}>
          {icon}
        </span>
      </div>
      <div className="gh-stat-foot">{foot}</div>
    </Card>
  );
}

/** The six coverage cards at the top of an org's detail (会员总数, 实名率, 近30天新增, 建会率, 入会率, 下级组织). */
export function OrgStatCards({ orgId }: { orgId: string }) {
  const q = useOrgStats(orgId);
  const [editing, setEditing] = useState(false);
  if (q.isPending) {
    return (
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {Array.from({ length: 6 }, (_, i) => (
          <Col key={i} xs={12} xl={8}>
            <Card variant="borderless">
              <Skeleton active paragraph={{ rows: 1 }} title={false} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  if (q.isError) {
    return (
      <Card variant="borderless" style={{ marginTop: 16 }}>
        <Typography.Text type="danger">
          {S.statsError}：{q.error.message}
        </Typography.Text>
      </Card>
    );
  }
  const s = q.data;
  const cards = [
    { key: 'members', title: S.membersTotal, value: s.membersTotal, suffix: S.person, foot: S.direct(fmtInt(s.membersDirect)), icon: <TeamOutlined />, color: brand.primary },
    { key: 'realname', title: S.realName, value: fmtRate(s.realNameRate), foot: S.verified(fmtInt(s.verifiedTotal)), icon: <IdcardOutlined />, color: '#1677ff' },
    { key: 'new30', title: S.new30, value: s.newMembers30d, suffix: S.person, foot: S.asOf(s.asOf), icon: <RiseOutlined />, color: '#d46b08' },
    { key: 'union', title: S.unionisation, value: fmtRate(s.unionisationRate), foot: S.unionised(fmtInt(s.entUnionised), fmtInt(s.entRequired)), icon: <BankOutlined />, color: '#722ed1' },
    {
      key: 'join',
      title: S.join,
      value: fmtRate(s.joinRate),
      foot: (
        <span>
          {S.employees(fmtInt(s.employeesTotal))}
          {s.canEditEmployees && (
            <Tooltip title={S.editEmployees}>
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} aria-label={S.editEmployees} style={{ height: 18, padding: '0 4px' }} />
            </Tooltip>
          )}
        </span>
      ),
      icon: <UsergroupAddOutlined />,
      color: '#389e0d',
    },
    { key: 'children', title: S.children, value: s.children, suffix: S.unit, foot: S.orgsTotal(fmtInt(s.orgsTotal)), icon: <ApartmentOutlined />, color: '#08979c' },
  ];
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="org-stats">
        {cards.map((c) => (
          <Col key={c.key} xs={12} xl={8}>
            <StatCard title={c.title} value={c.value} suffix={c.suffix} foot={c.foot} icon={c.icon} color={c.color} testId={`stat-${c.key}`} />
          </Col>
        ))}
      </Row>
      <EmployeesModal open={editing} orgId={orgId} current={s.employees} onClose={() => setEditing(false)} />
    </>
  );
}

function EmployeesModal({ open, orgId, current, onClose }: { open: boolean; orgId: string; current: number; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ employees: number }>();
  const save = useSetEmployees();
  return (
    <Modal title={S.employeesTitle} open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ employees: current }}
        onFinish={(v) =>
          save.mutate(
            { orgId, employees: v.employees },
            {
              onSuccess: () => {
                message.success(S.saved);
                onClose();
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) message.error(errorMessage(e));
              },
            },
          )
        }
      >
        <Form.Item name="employees" label={S.employeesLabel} extra={S.employeesHelp} rules={[{ required: true, message: '请填写职工人数' }]}>
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} suffix="人" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function trendOption(s: OrgStats): ChartOption {
  const days = s.trend.map((p) => p.day.slice(5));
  return {
    color: [brand.primary, '#52c41a', '#bfbfbf'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [S.trendTotal, S.trendJoined, S.trendLeft] },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: days, axisTick: { show: false }, axisLabel: { color: '#8c8c8c' } },
    yAxis: [
      { type: 'value', scale: true, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: '#8c8c8c' } },
      { type: 'value', minInterval: 1, splitLine: { show: false }, axisLabel: { color: '#8c8c8c' } },
    ],
    series: [
      { name: S.trendTotal, type: 'line', smooth: true, showSymbol: false, data: s.trend.map((p) => p.membersTotal), areaStyle: { opacity: 0.08 }, lineStyle: { width: 2 } },
      { name: S.trendJoined, type: 'bar', yAxisIndex: 1, data: s.trend.map((p) => p.joined), barMaxWidth: 6 },
      { name: S.trendLeft, type: 'bar', yAxisIndex: 1, data: s.trend.map((p) => -p.left), barMaxWidth: 6 },
    ],
  };
}

function childrenOption(rows: StatsChild[]): ChartOption {
  const list = [...rows].reverse(); // largest on top
  return {
    color: [brand.primary],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: '#8c8c8c' } },
    yAxis: {
      type: 'category',
      data: list.map((c) => c.name),
      axisTick: { show: false },
      axisLabel: { color: '#595959', width: 150, overflow: 'truncate' },
    },
    series: [{ name: S.colMembers, type: 'bar', data: list.map((c) => c.membersTotal), barMaxWidth: 16, label: { show: true, position: 'right', color: '#595959' } }],
  };
}

/** Trend chart and the children comparison, below the org's basic information. */
export function OrgStatsCharts({ orgId, onNavigate }: { orgId: string; onNavigate: (id: string) => void }) {
  const q = useOrgStats(orgId);
  const trend = useMemo(() => (q.data ? trendOption(q.data) : null), [q.data]);
  const children = useMemo(() => (q.data && q.data.topChildren.length > 0 ? childrenOption(q.data.topChildren) : null), [q.data]);
  if (!q.data || !trend) return null;
  const s = q.data;
  return (
    <>
      <Card variant="borderless" title={S.trend} style={{ marginTop: 16 }} extra={<Typography.Text type="secondary">{S.asOf(s.asOf)}</Typography.Text>}>
        <EChart option={trend} height={280} testId="org-trend-chart" />
      </Card>
      <Card variant="borderless" title={S.compare} extra={<Typography.Text type="secondary">{S.compareHint}</Typography.Text>} style={{ marginTop: 16 }}>
        {children ? (
          <Row gutter={24}>
            <Col xs={24} xxl={11}>
              <EChart option={children} height={Math.max(160, s.topChildren.length * 30 + 20)} testId="org-children-chart" />
            </Col>
            <Col xs={24} xxl={13}>
              <Table<StatsChild>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={s.topChildren}
                columns={[
                  {
                    title: S.colName,
                    dataIndex: 'name',
                    ellipsis: true,
                    render: (name: string, r) => (
                      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, maxWidth: '100%' }}>
                        <a
                          href="#"
                          onClick={(e) => {
                            e.preventDefault();
                            onNavigate(r.id);
                          }}
                          style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}
                        >
                          {name}
                        </a>
                        <OrgKindTag kind={r.kind} short />
                      </span>
                    ),
                  },
                  { title: S.colMembers, dataIndex: 'membersTotal', width: 84, align: 'right', render: (n: number) => fmtInt(n) },
                  { title: S.colEmployees, dataIndex: 'employeesTotal', width: 84, align: 'right', render: (n: number) => fmtInt(n) },
                  { title: S.colJoin, dataIndex: 'joinRate', width: 76, align: 'right', render: (r: number | null) => fmtRate(r) },
                  {
                    title: S.colUnion,
                    dataIndex: 'unionisationRate',
                    width: 76,
                    align: 'right',
                    render: (r: number | null, row) => (
                      <Tooltip title={`${row.entUnionised} / ${row.entRequired}`}>
                        <span>{fmtRate(r)}</span>
                      </Tooltip>
                    ),
                  },
                ]}
              />
            </Col>
          </Row>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={S.noChildren} />
        )}
      </Card>
    </>
  );
}
