import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Page, SmsOutboxItem } from '@gonghui/contracts';
import { api } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { PHONE_RE } from '../../lib/validators';
import { PageContainer } from '../components/PageContainer';

const s = t.admin.sms;

export default function SmsOutboxPage() {
  const [phone, setPhone] = useState<string | undefined>(undefined);
  const [form] = Form.useForm<{ phone?: string }>();
  const outbox = useInfiniteQuery({
    queryKey: ['sms-outbox', phone ?? ''],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Page<SmsOutboxItem>>('/sms-outbox', { phone, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = outbox.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <PageContainer title={s.title} subtitle={s.subtitle} extra={<Tag color="orange">{s.devBadge}</Tag>}>
      <Card variant="borderless" styles={{ body: { paddingBottom: 8 } }}>
        <Flex gap={12} align="start" style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" onFinish={(v) => setPhone(v.phone || undefined)}>
            <Form.Item name="phone" rules={[{ pattern: PHONE_RE, message: t.validation.phoneInvalid }]}>
              <Input allowClear placeholder={s.phoneFilter} maxLength={11} inputMode="numeric" style={{ width: 240 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t.common.search}
              </Button>
            </Form.Item>
            <Form.Item>
              <Button
                onClick={() => {
                  form.resetFields();
                  setPhone(undefined);
                }}
              >
                {t.common.reset}
              </Button>
            </Form.Item>
          </Form>
          <div style={{ flex: 1 }} />
          <Tooltip title={t.common.refresh}>
            <Button icon={<ReloadOutlined />} onClick={() => void outbox.refetch()} loading={outbox.isRefetching} />
          </Tooltip>
        </Flex>
        {outbox.isError && <Alert type="error" showIcon title={outbox.error.message} style={{ marginBottom: 16 }} />}
        <Table<SmsOutboxItem>
          rowKey="id"
          size="middle"
          loading={outbox.isPending}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: s.col.createdAt, dataIndex: 'createdAt', width: 180, render: (v: string) => fmtDateTime(v) },
            { title: s.col.phone, dataIndex: 'phoneMasked', width: 150, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            { title: s.col.template, dataIndex: 'template', width: 180, render: (v: string) => <Tag>{s.templates[v] ?? v}</Tag> },
            { title: s.col.body, dataIndex: 'body', render: (v: string) => <Typography.Text>{v}</Typography.Text> },
          ]}
        />
        <Flex justify="center" align="center" gap={12} style={{ padding: '12px 0 4px', color: '#8c8c8c', fontSize: 13 }}>
          <span>{t.common.loadedCount(rows.length)}</span>
          {outbox.hasNextPage ? (
            <Button size="small" onClick={() => void outbox.fetchNextPage()} loading={outbox.isFetchingNextPage}>
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
