import { Suspense, lazy, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import {
  ClockCircleOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  ReloadOutlined,
  SmileOutlined,
  CheckCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { CASE_TYPES, CASE_TYPE_LABELS, caseTypeSchema, type CaseStats, type CaseType } from '@gonghui/contracts';
import { fmtInt } from '../../../lib/format';
import { brand } from '../../../lib/theme';
import { OrgPicker } from '../../components/OrgPicker';
import { PageContainer } from '../../components/PageContainer';
import { useCaseStats } from './api';
import { categoryOption, childrenOption, ratingsOption, statusOption, TOP_CATEGORIES, TOP_CHILDREN, trendOption, typeOption, type StatsChartOption } from './charts';
import './stats.css';

// ECharts (and the word-cloud layout) load only when the first chart is drawn: the console's
// entry chunk stays as it is.
const LazyChart = lazy(() => import('./StatsChart'));
const LazyWordCloud = lazy(() => import('./StatsChart').then((m) => ({ default: m.WordCloudChart })));

function ChartBox({ height, children }: { height: number; children: ReactNode }) {
  return <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>{children}</Suspense>;
}
function Chart({ option, height, testId }: { option: StatsChartOption; height: number; testId: string }) {
  return (
    <ChartBox height={height}>
      <LazyChart option={option} height={height} testId={testId} />
    </ChartBox>
  );
}

/** UI strings of the page (诉求统计). */
const S = {
  title: '诉求统计',
  subtitle: '所选组织及其下级的职工提出的诉求，按提报日期统计',
  org: '统计范围',
  period: '统计期间',
  type: '事项类型',
  allTypes: '全部事项类型',
  refresh: '刷新',
  last7: '近7天',
  last30: '近30天',
  last90: '近90天',
  thisYear: '本年',
  total: '受理总量',
  totalFoot: (open: number, done: number) => `办理中 ${fmtInt(open)} · 已办结 ${fmtInt(done)}`,
  closure: '办结率',
  closureFoot: '已办结 ÷（总量 − 撤回）',
  within24h: '24小时办结率',
  within24hFoot: '已办结件中 24 小时内办结的比例',
  median: '中位办理时长',
  medianFoot: '从提报到办结，一半诉求快于此时长',
  overdue: '超期件',
  overdueFoot: '办理中且已超过办理时限',
  satisfaction: '满意度',
  satisfactionFoot: (n: number) => `${fmtInt(n)} 次评价（满分 5 分）`,
  unitCase: '件',
  unitScore: '分',
  hours: '小时',
  days: '天',
  trend: '提报与办结趋势',
  trendHint: '提报按提报日期，办结按办结日期',
  words: '高频词',
  wordsHint: (n: number) => `诉求内容中出现最多的 ${n} 个词`,
  byType: '事项类型分布',
  byStatus: '办理状态',
  byCategory: '诉求分类',
  byCategoryHint: `前 ${TOP_CATEGORIES} 类`,
  ratings: '满意度评价分布',
  children: '下级组织对比',
  childrenHint: `按诉求件数取前 ${TOP_CHILDREN}`,
  colOrg: '组织名称',
  colCount: '诉求件数',
  colClosure: '办结率',
  noChildren: '没有下级组织',
  noData: '所选期间没有诉求',
  error: '统计数据加载失败',
  retry: '重试',
};

const fmtRate = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Hours shown as hours up to two days, as days beyond. */
function duration(hours: number | null): { value: string; suffix?: string } {
  if (hours === null) return { value: '—' };
  if (hours < 48) return { value: hours.toFixed(1), suffix: S.hours };
  return { value: (hours / 24).toFixed(1), suffix: S.days };
}

const DAY = 'YYYY-MM-DD';
function presets(): { label: string; value: [Dayjs, Dayjs] }[] {
  const today = dayjs().startOf('day');
  return [
    { label: S.last7, value: [today.subtract(6, 'day'), today] },
    { label: S.last30, value: [today.subtract(29, 'day'), today] },
    { label: S.last90, value: [today.subtract(89, 'day'), today] },
    { label: S.thisYear, value: [today.startOf('year'), today] },
  ];
}

function KpiCard({ title, value, suffix, foot, icon, color, testId, danger }: { title: string; value: string | number; suffix?: string; foot: ReactNode; icon: ReactNode; color: string; testId: string; danger?: boolean }) {
  return (
    <Card variant="borderless" className="gh-case-kpi" styles={{ body: { padding: '16px 20px' } }} data-testid={testId}>
      <div className="gh-case-kpi-row">
        <Statistic title={title} value={value} suffix={suffix} groupSeparator="," styles={danger ? { content: { color: '#cf1322' } } : undefined} />
        <span className="gh-case-kpi-icon" style={{ color, background: `${color}14` }}>
          {icon}
        </span>
      </div>
      <div className="gh-case-kpi-foot">{foot}</div>
    </Card>
  );
}

function KpiCards({ s }: { s: CaseStats }) {
  const median = duration(s.medianHours);
  const rated = s.ratings.reduce((n, r) => n + r.count, 0);
  const cards = [
    { key: 'total', title: S.total, value: s.total, suffix: S.unitCase, foot: S.totalFoot(s.open, s.closedOrResolved), icon: <FileTextOutlined />, color: brand.primary },
    { key: 'closure', title: S.closure, value: fmtRate(s.closureRate), foot: S.closureFoot, icon: <CheckCircleOutlined />, color: '#389e0d' },
    { key: 'within24h', title: S.within24h, value: fmtRate(s.within24hRate), foot: S.within24hFoot, icon: <ClockCircleOutlined />, color: '#1677ff' },
    { key: 'median', title: S.median, value: median.value, suffix: median.suffix, foot: S.medianFoot, icon: <FieldTimeOutlined />, color: '#722ed1' },
    { key: 'overdue', title: S.overdue, value: s.overdue, suffix: S.unitCase, foot: S.overdueFoot, icon: <WarningOutlined />, color: '#d4380d', danger: s.overdue > 0 },
    {
      key: 'satisfaction',
      title: S.satisfaction,
      value: s.satisfaction === null ? '—' : s.satisfaction.toFixed(2),
      suffix: s.satisfaction === null ? undefined : S.unitScore,
      foot: S.satisfactionFoot(rated),
      icon: <SmileOutlined />,
      color: '#d48806',
    },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="case-kpis">
      {cards.map(({ key, ...c }) => (
        <Col key={key} xs={12} lg={8} xxl={4}>
          <KpiCard {...c} testId={`case-kpi-${key}`} />
        </Col>
      ))}
    </Row>
  );
}

function ChartCard({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card variant="borderless" title={title} extra={extra && <Typography.Text type="secondary">{extra}</Typography.Text>} style={{ height: '100%' }} data-testid={testId}>
      {children}
    </Card>
  );
}

const noData = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={S.noData} />;

function Charts({ s, onOrg }: { s: CaseStats; onOrg: (id: string) => void }) {
  const options = useMemo(
    () => ({ trend: trendOption(s), type: typeOption(s), status: statusOption(s), category: categoryOption(s), ratings: ratingsOption(s), children: childrenOption(s) }),
    [s],
  );
  const empty = s.total === 0;
  const childRows = s.byChild.slice(0, TOP_CHILDREN);
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col span={24}>
        <ChartCard title={S.trend} extra={S.trendHint}>
          <Chart option={options.trend} height={280} testId="case-trend-chart" />
        </ChartCard>
      </Col>
      <Col xs={24} xl={14}>
        <ChartCard title={S.words} extra={s.words.length > 0 ? S.wordsHint(s.words.length) : undefined} testId="case-words">
          {s.words.length === 0 ? (
            noData
          ) : (
            <ChartBox height={300}>
              <LazyWordCloud words={s.words} height={300} testId="case-word-cloud" />
            </ChartBox>
          )}
        </ChartCard>
      </Col>
      <Col xs={24} xl={10}>
        <ChartCard title={S.byType}>{empty ? noData : <Chart option={options.type} height={300} testId="case-type-chart" />}</ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard title={S.byStatus}>{empty ? noData : <Chart option={options.status} height={Math.max(180, s.byStatus.length * 32 + 24)} testId="case-status-chart" />}</ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard title={S.byCategory} extra={S.byCategoryHint}>
          {empty ? noData : <Chart option={options.category} height={Math.max(180, Math.min(s.byCategory.length, TOP_CATEGORIES) * 32 + 24)} testId="case-category-chart" />}
        </ChartCard>
      </Col>
      <Col xs={24} xl={16}>
        <ChartCard title={S.children} extra={S.childrenHint}>
          {s.byChild.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={S.noChildren} />
          ) : (
            <Row gutter={24}>
              <Col xs={24} xxl={14}>
                <Chart option={options.children} height={300} testId="case-children-chart" />
              </Col>
              <Col xs={24} xxl={10}>
                <Table
                  rowKey="orgId"
                  size="small"
                  pagination={childRows.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
                  dataSource={childRows}
                  columns={[
                    {
                      title: S.colOrg,
                      dataIndex: 'orgName',
                      ellipsis: true,
                      render: (name: string, r) => (
                        <a
                          href="#"
                          onClick={(e) => {
                            e.preventDefault();
                            onOrg(r.orgId);
                          }}
                        >
                          {name}
                        </a>
                      ),
                    },
                    { title: S.colCount, dataIndex: 'count', width: 88, align: 'right', render: (n: number) => fmtInt(n) },
                    { title: S.colClosure, dataIndex: 'closureRate', width: 80, align: 'right', render: (r: number | null) => fmtRate(r) },
                  ]}
                />
              </Col>
            </Row>
          )}
        </ChartCard>
      </Col>
      <Col xs={24} xl={8}>
        <ChartCard title={S.ratings}>
          <Chart option={options.ratings} height={300} testId="case-ratings-chart" />
        </ChartCard>
      </Col>
    </Row>
  );
}

export default function CaseStatsPage() {
  const [params, setParams] = useSearchParams();
  const typeParam = caseTypeSchema.safeParse(params.get('type'));
  const filter = {
    orgId: params.get('orgId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    type: typeParam.success ? typeParam.data : undefined,
  };
  const q = useCaseStats(filter);
  const s = q.data;

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const from = filter.from ?? s?.from;
  const to = filter.to ?? s?.to;
  const range: [Dayjs, Dayjs] | null = from && to ? [dayjs(from), dayjs(to)] : null;

  return (
    <PageContainer title={S.title} subtitle={S.subtitle}>
      <Card variant="borderless" styles={{ body: { padding: '12px 16px' } }} style={{ marginBottom: 16 }}>
        <Space wrap size={[16, 8]}>
          <Space size={8}>
            <Typography.Text type="secondary">{S.org}</Typography.Text>
            <OrgPicker
              value={filter.orgId ?? s?.orgId}
              initial={s ? { id: s.orgId, name: s.orgName } : null}
              allowClear={false}
              style={{ width: 260 }}
              onChange={(id) => update({ orgId: id })}
            />
          </Space>
          <Space size={8}>
            <Typography.Text type="secondary">{S.period}</Typography.Text>
            <DatePicker.RangePicker
              value={range}
              presets={presets()}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(v) => {
                if (v?.[0] && v[1]) update({ from: v[0].format(DAY), to: v[1].format(DAY) });
              }}
              data-testid="case-stats-range"
            />
          </Space>
          <Select<CaseType>
            allowClear
            placeholder={S.allTypes}
            style={{ width: 170 }}
            value={filter.type}
            onChange={(v) => update({ type: v })}
            options={CASE_TYPES.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] }))}
            aria-label={S.type}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
            {S.refresh}
          </Button>
        </Space>
      </Card>

      {q.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${S.error}：${q.error.message}`}
          action={
            <Button size="small" onClick={() => void q.refetch()}>
              {S.retry}
            </Button>
          }
        />
      )}
      {!s && q.isPending && (
        <Row gutter={[16, 16]}>
          {Array.from({ length: 6 }, (_, i) => (
            <Col key={i} xs={12} lg={8} xxl={4}>
              <Card variant="borderless">
                <Skeleton active paragraph={{ rows: 1 }} title={false} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {s && (
        <div style={{ opacity: q.isPlaceholderData ? 0.6 : 1, transition: 'opacity .2s' }} data-testid="case-stats">
          <KpiCards s={s} />
          <Charts s={s} onOrg={(id) => update({ orgId: id })} />
        </div>
      )}
    </PageContainer>
  );
}
