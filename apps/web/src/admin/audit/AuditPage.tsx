import { useState } from 'react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, DatePicker, Flex, Form, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { AuditRow, AuditVerify, Page } from '@gonghui/contracts';
import type { Dayjs } from 'dayjs';
import { api } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { OrgPicker } from '../components/OrgPicker';
import { PageContainer } from '../components/PageContainer';
import { ACTION_LABELS, actionLabel } from './actions';

const a = t.admin.audit;
const UUID_RE = /^\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$/i;

type Filter = { actorId?: string; action?: string; orgId?: string; from?: string; to?: string };
type FormValues = { actorId?: string; action?: string; orgId?: string; range?: [Dayjs | null, Dayjs | null] | null };

function actionColor(action: string): string {
  if (action.startsWith('auth.')) return 'blue';
  if (action.startsWith('role.') || action.startsWith('user.')) return 'purple';
  if (action.startsWith('org.')) return 'green';
  if (action.includes('fail') || action.includes('denied')) return 'red';
  return 'default';
}

export default function AuditPage() {
  const [form] = Form.useForm<FormValues>();
  const [filter, setFilter] = useState<Filter>({});
  const rowsQ = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Page<AuditRow>>('/audit', { ...filter, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor,
  });
  const verify = useMutation({ mutationFn: () => api.get<AuditVerify>('/audit/verify') });
  const rows = rowsQ.data?.pages.flatMap((p) => p.items) ?? [];

  const apply = (v: FormValues) => {
    const [from, to] = v.range ?? [];
    setFilter({
      actorId: v.actorId?.trim() || undefined,
      action: v.action?.trim() || undefined,
      orgId: v.orgId || undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.endOf('day').toISOString() : undefined,
    });
  };

  return (
    <PageContainer
      title={a.title}
      subtitle={a.subtitle}
      extra={
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
          {verify.isPending ? a.verifying : a.verify}
        </Button>
      }
    >
      {verify.isError && <Alert type="error" showIcon title={verify.error.message} style={{ marginBottom: 16 }} />}
      {verify.data &&
        (verify.data.ok ? (
          <Alert
            data-testid="audit-verify-result"
            type="success"
            showIcon
            title={a.verifyOk(verify.data.checked)}
            description={a.verifyOkDesc(fmtDateTime(verify.data.verifiedAt))}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Alert
            data-testid="audit-verify-result"
            type="error"
            showIcon
            title={a.verifyBroken(verify.data.firstBrokenId ?? '?')}
            description={a.verifyBrokenDesc(verify.data.checked)}
            style={{ marginBottom: 16 }}
          />
        ))}
      <Card variant="borderless" styles={{ body: { paddingBottom: 8 } }}>
        <Form<FormValues> form={form} layout="inline" onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="actorId" label={a.col.actor} rules={[{ pattern: UUID_RE, message: a.actorInvalid }]}>
            <Input allowClear placeholder={a.actor} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="action" label={a.action}>
            <AutoComplete
              allowClear
              placeholder="如 auth.login.password"
              style={{ width: 220 }}
              options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }))}
              showSearch={{ filterOption: (input, opt) => String(opt?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
            />
          </Form.Item>
          <Form.Item name="range" label={a.range}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="orgId" label={a.org}>
            <OrgPicker placeholder={t.common.all} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t.common.search}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilter({});
                }}
              >
                {t.common.reset}
              </Button>
              <Tooltip title={t.common.refresh}>
                <Button icon={<ReloadOutlined />} onClick={() => void rowsQ.refetch()} loading={rowsQ.isRefetching} />
              </Tooltip>
            </Flex>
          </Form.Item>
        </Form>
        {rowsQ.isError && <Alert type="error" showIcon title={rowsQ.error.message} style={{ marginBottom: 16 }} />}
        <Table<AuditRow>
          rowKey="id"
          size="middle"
          loading={rowsQ.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1100 }}
          expandable={{
            rowExpandable: (r) => !!r.details && Object.keys(r.details).length > 0,
            expandedRowRender: (r) => (
              <pre className="gh-audit-details">{JSON.stringify(r.details, null, 2)}</pre>
            ),
          }}
          columns={[
            { title: a.col.id, dataIndex: 'id', width: 90, render: (v: string) => <Typography.Text type="secondary">#{v}</Typography.Text> },
            { title: a.col.at, dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
            {
              title: a.col.actor,
              dataIndex: 'actorName',
              width: 140,
              render: (_: unknown, r) =>
                r.actorId ? (
                  <Tooltip title={r.actorId}>
                    <a
                      onClick={() => {
                        form.setFieldValue('actorId', r.actorId);
                        form.submit();
                      }}
                    >
                      {r.actorName ?? r.actorId.slice(0, 8)}
                    </a>
                  </Tooltip>
                ) : (
                  <Typography.Text type="secondary">{a.system}</Typography.Text>
                ),
            },
            {
              title: a.col.action,
              dataIndex: 'action',
              width: 220,
              render: (v: string) => (
                <Tooltip title={v}>
                  <Tag color={actionColor(v)}>{actionLabel(v)}</Tag>
                </Tooltip>
              ),
            },
            { title: a.col.org, dataIndex: 'orgName', ellipsis: true, render: (v: string | null) => v ?? t.common.none },
            {
              title: a.col.target,
              key: 'target',
              width: 200,
              ellipsis: true,
              render: (_: unknown, r) =>
                r.targetType ? (
                  <span>
                    <Typography.Text type="secondary">{r.targetType}</Typography.Text>
                    {r.targetId && <span style={{ fontFamily: 'monospace', fontSize: 12 }}> {r.targetId.slice(0, 13)}</span>}
                  </span>
                ) : (
                  t.common.none
                ),
            },
            { title: a.col.ip, dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? t.common.none },
          ]}
        />
        <Flex justify="center" align="center" gap={12} style={{ padding: '12px 0 4px', color: '#8c8c8c', fontSize: 13 }}>
          <span>{t.common.loadedCount(rows.length)}</span>
          {rowsQ.hasNextPage ? (
            <Button size="small" onClick={() => void rowsQ.fetchNextPage()} loading={rowsQ.isFetchingNextPage}>
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
