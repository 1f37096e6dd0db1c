import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Popconfirm, Result, Row, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, RollbackOutlined, TeamOutlined } from '@ant-design/icons';
import { APPLICATION_EVENT_LABELS, MUST_UNIONISE_HEADCOUNT, type FoundingDetail } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { fmtDateTime, fmtInt } from '../../lib/format';
import { t } from '../../lib/i18n';
import { applyServerErrors } from '../components/forms';
import { PageContainer } from '../components/PageContainer';
import { useDecideFounding, useFounding, useRecordCongress } from './api';
import { STATUS_COLORS, statusText } from './status';
import { F } from './strings';

const EVENT_COLORS: Record<string, string> = { approved: 'green', org_created: 'green', congress_recorded: 'green', rejected: 'red', returned: 'orange', escalated: 'red', reminded: 'orange' };

/** /admin/founding/:id — the approvals inbox links founding items here. */
export default function FoundingDetailPage() {
  const { id } = useParams<{ id: string }>();
  const q = useFounding(id);
  return (
    <PageContainer
      title={q.data?.enterpriseName ?? F.detailSubtitle}
      subtitle={
        q.data ? (
          <Space size={8}>
            <span>{F.detailSubtitle}</span>
            <Tag color={STATUS_COLORS[q.data.status]} data-testid="founding-status">
              {statusText(q.data)}
            </Tag>
          </Space>
        ) : undefined
      }
      extra={
        <Link to="/admin/founding">
          <Button icon={<ArrowLeftOutlined />}>{F.back}</Button>
        </Link>
      }
    >
      {q.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : q.isError ? (
        <Card variant="borderless">
          <Result status="warning" title={q.error.message} />
        </Card>
      ) : (
        <Detail d={q.data} />
      )}
    </PageContainer>
  );
}

function Detail({ d }: { d: FoundingDetail }) {
  const none = t.common.none;
  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Card variant="borderless" title={F.enterprise}>
          <Descriptions column={{ xs: 1, md: 2 }} styles={{ label: { width: 140, color: '#8c8c8c' } }}>
            <Descriptions.Item label={F.f.name} span={2}>
              <Typography.Text strong>{d.enterpriseName}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={F.f.uscc}>
              <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                {d.uscc}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={F.f.headcount}>
              <Space size={6}>
                {fmtInt(d.headcount)} 人{d.headcount >= MUST_UNIONISE_HEADCOUNT && <Tag color="orange">{F.mustTag}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={F.f.industry}>{d.industry}</Descriptions.Item>
            <Descriptions.Item label={F.f.contact}>{d.contactName}</Descriptions.Item>
            <Descriptions.Item label={F.f.address} span={2}>
              {d.address}
            </Descriptions.Item>
            <Descriptions.Item label={F.f.phone}>
              <span style={{ fontFamily: 'monospace' }}>{d.contactPhoneMasked ?? none}</span>
            </Descriptions.Item>
            <Descriptions.Item label={F.f.applicant}>{d.applicantName ?? none}</Descriptions.Item>
            <Descriptions.Item label={F.f.parent} span={2}>
              <span>
                {d.parentOrg.pathNames.length > 0 && <Typography.Text type="secondary">{d.parentOrg.pathNames.join(' / ')} / </Typography.Text>}
                {d.parentOrg.name}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={F.f.createdAt}>{fmtDateTime(d.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={F.f.due}>
              {d.status === 'pending' && d.dueAt ? (
                <Space size={6}>
                  {fmtDateTime(d.dueAt)}
                  {d.overdue && <Tag color="red">{F.overdue}</Tag>}
                </Space>
              ) : (
                none
              )}
            </Descriptions.Item>
            {d.reason && (
              <Descriptions.Item label={F.f.reason} span={2}>
                {d.reason}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        {d.resultOrg && <UnionCard d={d} />}
      </Col>
      <Col xs={24} xl={8}>
        <Actions d={d} />
        <Card variant="borderless" title={F.timeline} style={{ marginTop: 16 }}>
          <Timeline
            data-testid="founding-timeline"
            items={d.events.map((e) => ({
              key: e.id,
              color: EVENT_COLORS[e.kind] ?? 'blue',
              content: (
                <div>
                  <div style={{ fontWeight: 500 }}>{APPLICATION_EVENT_LABELS[e.kind] ?? e.kind}</div>
                  <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                    {fmtDateTime(e.at)}
                    {e.actorName ? ` · ${e.actorName}` : ''}
                    {e.orgName ? ` · ${e.orgName}` : ''}
                  </div>
                  {e.note && <div style={{ marginTop: 2 }}>{e.note}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}

function UnionCard({ d }: { d: FoundingDetail }) {
  const c = d.committees;
  const names = (list: string[]) => (list.length ? list.join('、') : t.common.none);
  return (
    <Card variant="borderless" title={F.union} style={{ marginTop: 16 }}>
      <Descriptions column={{ xs: 1, md: 2 }} styles={{ label: { width: 150, color: '#8c8c8c' } }}>
        <Descriptions.Item label={F.unionName} span={2}>
          <Space>
            <TeamOutlined style={{ color: '#c8102e' }} />
            <Typography.Text strong>{d.resultOrg!.name}</Typography.Text>
          </Space>
        </Descriptions.Item>
        {c ? (
          <>
            <Descriptions.Item label={F.foundedOn}>{d.foundedOn}</Descriptions.Item>
            <Descriptions.Item label={F.c.memberCount}>{fmtInt(c.memberCount)} 人</Descriptions.Item>
            <Descriptions.Item label={F.c.chair}>{c.chair}</Descriptions.Item>
            <Descriptions.Item label={F.c.viceChairs}>{names(c.viceChairs)}</Descriptions.Item>
            <Descriptions.Item label={F.c.committeeMembers} span={2}>
              {names(c.committeeMembers)}
            </Descriptions.Item>
            <Descriptions.Item label={F.c.fundsReviewCommittee} span={2}>
              {names(c.fundsReviewCommittee)}
            </Descriptions.Item>
            <Descriptions.Item label={F.c.womenCommittee} span={2}>
              {names(c.womenCommittee)}
            </Descriptions.Item>
          </>
        ) : (
          <Descriptions.Item span={2}>
            <Typography.Text type="secondary">{F.stageHint.congress}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function Actions({ d }: { d: FoundingDetail }) {
  const { message } = App.useApp();
  const decide = useDecideFounding(d.id);
  const [reasonFor, setReasonFor] = useState<'return' | 'reject' | null>(null);
  const [congress, setCongress] = useState(false);
  const can = (a: FoundingDetail['actions'][number]) => d.actions.includes(a);

  return (
    <Card variant="borderless" title={F.actions} data-testid="founding-actions">
      {d.stage === 'congress' && d.status === 'approved' && <Alert type="info" showIcon title={F.stageHint.congress} style={{ marginBottom: 12 }} />}
      {d.stage === 'done' && <Alert type="success" showIcon title={F.stageHint.done} style={{ marginBottom: 12 }} />}
      {d.actions.length === 0 ? (
        d.status !== 'approved' && <Typography.Text type="secondary">{F.noActions}</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {can('approve') && (
            <Popconfirm
              title={F.approve}
              description={<div style={{ maxWidth: 260 }}>{F.approveConfirm}</div>}
              okText={F.approve}
              onConfirm={() =>
                decide.mutateAsync({ decision: 'approve' }).then(
                  () => void message.success(F.approveOk),
                  (e: unknown) => void message.error(errorMessage(e)),
                )
              }
            >
              <Button type="primary" block icon={<CheckOutlined />} loading={decide.isPending}>
                {F.approve}
              </Button>
            </Popconfirm>
          )}
          {can('return') && (
            <Button block icon={<RollbackOutlined />} onClick={() => setReasonFor('return')}>
              {F.returnBtn}
            </Button>
          )}
          {can('reject') && (
            <Button block danger icon={<CloseOutlined />} onClick={() => setReasonFor('reject')}>
              {F.reject}
            </Button>
          )}
          {can('record_congress') && (
            <Button type="primary" block icon={<TeamOutlined />} onClick={() => setCongress(true)}>
              {F.recordCongress}
            </Button>
          )}
        </Flex>
      )}
      <ReasonModal kind={reasonFor} id={d.id} onClose={() => setReasonFor(null)} />
      <CongressModal open={congress} d={d} onClose={() => setCongress(false)} />
    </Card>
  );
}

function ReasonModal({ kind, id, onClose }: { kind: 'return' | 'reject' | null; id: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDecideFounding(id);
  return (
    <Modal
      title={kind ? F.reasonTitle[kind] : ''}
      open={kind !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: kind === 'reject' }}
      confirmLoading={decide.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={(v) =>
          kind &&
          decide.mutate(
            { decision: kind, reason: v.reason.trim() },
            {
              onSuccess: () => {
                message.success(F.doneOk[kind]);
                onClose();
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) message.error(errorMessage(e));
              },
            },
          )
        }
      >
        <Form.Item name="reason" label={kind ? F.reasonLabel[kind] : ''} rules={[{ required: true, whitespace: true, min: 2, message: F.reasonRequired }]}>
          <Input.TextArea rows={4} maxLength={200} showCount placeholder="例如：请补充职工花名册，核对职工人数" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type CongressValues = {
  date: Dayjs;
  memberCount: number;
  chair: string;
  viceChairs?: string[];
  committeeMembers: string[];
  fundsReviewCommittee: string[];
  womenCommittee?: string[];
};

function NamesSelect(props: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  return <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ' ']} placeholder={F.c.namesPlaceholder} {...props} />;
}

function CongressModal({ open, d, onClose }: { open: boolean; d: FoundingDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CongressValues>();
  const record = useRecordCongress(d.id);
  const decided = d.decidedAt ? dayjs(d.decidedAt).startOf('day') : null;
  return (
    <Modal title={F.congressTitle} open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={record.isPending} width={640} destroyOnHidden afterClose={() => form.resetFields()}>
      <Form<CongressValues>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ date: dayjs(), memberCount: d.headcount }}
        onFinish={(v) =>
          record.mutate(
            {
              date: v.date.format('YYYY-MM-DD'),
              memberCount: v.memberCount,
              chair: v.chair.trim(),
              viceChairs: v.viceChairs ?? [],
              committeeMembers: v.committeeMembers,
              fundsReviewCommittee: v.fundsReviewCommittee,
              womenCommittee: v.womenCommittee ?? [],
            },
            {
              onSuccess: () => {
                message.success(F.congressOk);
                onClose();
              },
              onError: (e) => {
                if (!applyServerErrors(form, e)) message.error(errorMessage(e));
              },
            },
          )
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="date" label={F.c.date} rules={[{ required: true, message: '请选择召开日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day') || (!!decided && day.isBefore(decided, 'day'))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="memberCount" label={F.c.memberCount} rules={[{ required: true, message: '请填写参会会员人数' }]}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} suffix="人" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="chair" label={F.c.chair} rules={[{ required: true, whitespace: true, message: '请填写工会主席姓名' }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="viceChairs" label={F.c.viceChairs}>
              <NamesSelect />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="committeeMembers"
              label={F.c.committeeMembers}
              extra={F.c.committeeHelp}
              rules={[{ required: true, type: 'array', min: 3, message: '工会委员会委员至少 3 人' }]}
            >
              <NamesSelect />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="fundsReviewCommittee" label={F.c.fundsReviewCommittee} rules={[{ required: true, type: 'array', min: 1, message: '请填写经费审查委员会委员' }]}>
              <NamesSelect />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="womenCommittee" label={F.c.womenCommittee}>
              <NamesSelect />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
