import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Modal, Popconfirm, Radio, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CalendarDay } from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { t } from '../../lib/i18n';
import { PageContainer } from '../components/PageContainer';
import { applyServerErrors } from '../components/forms';
import { hasRootPermission } from '../layout/access';
import { useCalendar, useDeleteDay, useSaveDays } from './api';
import { YearGrid } from './YearGrid';
import './calendar.css';

const c = t.admin.calendar;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

type Values = { range: [Dayjs, Dayjs]; kind: 'holiday' | 'makeup'; note?: string };

export default function CalendarPage() {
  const { message } = App.useApp();
  const me = useMe().data!;
  // everyone may read the calendar; only province-level admins keep it (PUT/DELETE need org.manage at the root)
  const keeper = hasRootPermission(me, 'org.manage');
  const [year, setYear] = useState(() => dayjs().year());
  const cal = useCalendar(year);
  const del = useDeleteDay();
  const [adding, setAdding] = useState<Partial<Values> | null>(null);
  const days = [...(cal.data ?? [])].sort((a, b) => a.day.localeCompare(b.day));
  const holidays = days.filter((d) => !d.isWorkday).length;

  const forbidden = cal.isError && isApiError(cal.error) && (cal.error.status === 403 || cal.error.status === 404);
  if (forbidden) {
    return (
      <PageContainer title={c.title}>
        <Card variant="borderless">
          <Result status="403" title={c.forbidden} subTitle={cal.error.message} />
        </Card>
      </PageContainer>
    );
  }

  const pick = (day: string) => {
    const d = dayjs(day);
    const existing = days.find((x) => x.day === day);
    const weekend = d.day() === 0 || d.day() === 6;
    setAdding({
      range: [d, d],
      kind: existing ? (existing.isWorkday ? 'makeup' : 'holiday') : weekend ? 'makeup' : 'holiday',
      note: existing?.note ?? undefined,
    });
  };

  return (
    <PageContainer
      title={c.title}
      subtitle={c.subtitle}
      extra={
        <Space>
          <Space.Compact>
            <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label={c.prevYear} />
            <Button style={{ width: 96, fontWeight: 600 }}>{c.year(year)}</Button>
            <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label={c.nextYear} />
          </Space.Compact>
          {keeper && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({ kind: 'holiday' })}>
              {c.add}
            </Button>
          )}
        </Space>
      }
    >
      <Alert type="info" showIcon title={c.weekendNote} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card
            variant="borderless"
            title={c.yearView(year)}
            extra={
              <Space size={16}>
                <span className="gh-cal-legend">
                  <span className="gh-cal-swatch" style={{ background: '#fff1f0', border: '1px solid #ffa39e' }} />
                  {c.holiday}
                </span>
                <span className="gh-cal-legend">
                  <span className="gh-cal-swatch" style={{ background: '#e6f4ff', border: '1px solid #91caff' }} />
                  {c.makeup}
                </span>
                <span className="gh-cal-legend">
                  <span className="gh-cal-swatch" style={{ background: '#fafafa', border: '1px solid #d9d9d9' }} />
                  {c.weekend}
                </span>
              </Space>
            }
          >
            {cal.isPending ? <Skeleton active paragraph={{ rows: 12 }} /> : <YearGrid year={year} days={days} onPick={keeper ? pick : undefined} />}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            variant="borderless"
            title={c.list}
            extra={<Typography.Text type="secondary">{c.counts(holidays, days.length - holidays)}</Typography.Text>}
            styles={{ body: { paddingTop: 8 } }}
          >
            {cal.isError && <Alert type="error" showIcon title={cal.error.message} style={{ marginBottom: 12 }} />}
            <Table<CalendarDay>
              rowKey="day"
              size="small"
              loading={cal.isPending}
              dataSource={days}
              pagination={false}
              scroll={{ y: 620 }}
              locale={{ emptyText: c.empty }}
              columns={[
                {
                  title: c.col.day,
                  dataIndex: 'day',
                  width: 130,
                  render: (v: string) => (
                    <span>
                      {v} <Typography.Text type="secondary">{WEEKDAYS[dayjs(v).day()]}</Typography.Text>
                    </span>
                  ),
                },
                {
                  title: c.col.kind,
                  dataIndex: 'isWorkday',
                  width: 92,
                  render: (w: boolean) => (w ? <Tag color="blue">{c.makeup}</Tag> : <Tag color="red">{c.holiday}</Tag>),
                },
                { title: c.col.note, dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? t.common.none },
                {
                  title: '',
                  key: 'op',
                  hidden: !keeper,
                  width: 44,
                  render: (_: unknown, r: CalendarDay) => (
                    <Popconfirm
                      title={c.removeConfirm(r.day)}
                      okText={c.remove}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        del.mutateAsync(r.day).then(
                          () => void message.success(c.removedOk),
                          (e: unknown) => void message.error(errorMessage(e)),
                        )
                      }
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={c.remove} title={c.remove} />
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <AddDaysModal initial={adding} onClose={() => setAdding(null)} />
    </PageContainer>
  );
}

function AddDaysModal({ initial, onClose }: { initial: Partial<Values> | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveDays();
  return (
    <Modal
      title={c.addTitle}
      open={initial !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={initial ?? undefined}
        onFinish={(v) => {
          const [from, to] = v.range;
          const list: CalendarDay[] = [];
          for (let d = from.startOf('day'); !d.isAfter(to, 'day'); d = d.add(1, 'day')) {
            list.push({ day: d.format('YYYY-MM-DD'), isWorkday: v.kind === 'makeup', note: v.note?.trim() || null });
          }
          save.mutate(list, {
            onSuccess: () => {
              message.success(c.savedOk(list.length));
              onClose();
            },
            onError: (e) => {
              if (!applyServerErrors(form, e)) message.error(errorMessage(e));
            },
          });
        }}
      >
        <Form.Item name="kind" label={c.form.kind} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'holiday', label: c.holiday },
              { value: 'makeup', label: c.makeup },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="range"
          label={c.form.range}
          extra={c.form.rangeHelp}
          rules={[
            { required: true, message: c.form.rangeRequired },
            {
              validator: (_, v?: [Dayjs, Dayjs]) =>
                !v || v[1].diff(v[0], 'day') < 31 ? Promise.resolve() : Promise.reject(new Error(c.form.rangeTooLong)),
            },
          ]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={c.form.note} rules={[{ max: 50, message: c.form.noteTooLong }]}>
          <Input placeholder={c.form.notePlaceholder} maxLength={50} />
        </Form.Item>
        <Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.form.upsertHint}
          </Typography.Text>
        </Flex>
      </Form>
    </Modal>
  );
}
