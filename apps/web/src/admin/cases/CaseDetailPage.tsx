import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Popconfirm, Radio, Rate, Result, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, EyeOutlined, LinkOutlined, MinusCircleOutlined } from '@ant-design/icons';
import {
  CASE_CHANNEL_LABELS,
  CASE_STATUS_LABELS,
  CASE_TYPE_FIELDS,
  INJURY_CHECKLIST,
  type CaseChannel,
  type CaseDetail,
  type CaseEvent,
  type CaseStatus,
} from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { PageContainer } from '../components/PageContainer';
import { hasPermission } from '../layout/access';
import { SlaCountdown } from '../approvals/SlaCountdown';
import { fmtDeadline, fmtDeadlineDay, fmtYuan, useCase, useCaseMeta, useFollowup, useRevealContact } from './api';
import { AttachmentList } from './Attachments';
import { CaseActionBar } from './CaseActions';
import { CaseStatusTag, CaseTypeTag, isOpenStatus } from './labels';
import '../members/members.css';
import './cases.css';

const c = t.admin.cases;
const dt = c.detail;
const none = t.common.none;

/** /admin/cases/:id — 工单详情: the case, its trail, related cases and the actions the viewer may take. */
export default function CaseDetailPage() {
  const { id } = useParams<{ id: string }>();
  const q = useCase(id);
  const d = q.data;
  return (
    <PageContainer
      title={d ? d.title : dt.title}
      subtitle={
        d ? (
          <Space size={8} wrap>
            <Typography.Text copyable={{ text: d.caseNo }} className="gh-mono" data-testid="case-no">
              {d.caseNo}
            </Typography.Text>
            <CaseTypeTag type={d.type} />
            <CaseStatusTag status={d.status} />
            {d.supervised && <Tag color="magenta">{c.supervised}</Tag>}
            {d.category && <Typography.Text type="secondary">{d.category}</Typography.Text>}
          </Space>
        ) : undefined
      }
      extra={
        <Link to="/admin/cases">
          <Button icon={<ArrowLeftOutlined />}>{c.back}</Button>
        </Link>
      }
    >
      {q.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 12 }} />
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

function Detail({ d }: { d: CaseDetail }) {
  const [params] = useSearchParams();
  const open = isOpenStatus(d.status);
  const followupDone = d.events.some((e) => e.kind.startsWith('followup'));
  const showFollowup = params.get('box') === 'followup' && (d.status === 'resolved' || d.status === 'closed') && !followupDone;
  return (
    <>
      {d.supervised && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={dt.supervisedBanner(fmtDeadlineDay(d.superviseDueAt))}
          description={d.supervisedNote ? dt.supervisedNote(d.supervisedNote) : undefined}
          data-testid="case-supervised-banner"
        />
      )}
      {open && d.overdue && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={dt.overdueBanner} />}
      {d.parentId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              {dt.mergedBanner}
              <Link to={`/admin/cases/${d.parentId}`} className="gh-mono" style={{ marginInlineStart: 8 }}>
                {d.relatedCases.find((r) => r.id === d.parentId)?.caseNo ?? dt.title}
              </Link>
            </span>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <ContentCard d={d} />
          {d.type === 'injury_visit' && <InjuryPanel d={d} />}
          <TimelineCard d={d} />
        </Col>
        <Col xs={24} xl={8}>
          <InfoCard d={d} />
          {showFollowup && <FollowupCard d={d} />}
          <ContactCard d={d} />
          <RelatedCard d={d} />
        </Col>
      </Row>
      <CaseActionBar d={d} />
    </>
  );
}

function showField(kind: string | undefined, v: unknown): string {
  if (v === null || v === undefined || v === '') return none;
  if (kind === 'money' && typeof v === 'number') return dt.yuan(fmtYuan(v));
  if (typeof v === 'boolean') return v ? t.common.yes : t.common.no;
  return String(v);
}

function ContentCard({ d }: { d: CaseDetail }) {
  const defs = CASE_TYPE_FIELDS[d.type];
  const known = new Set(defs.map((x) => x.key));
  const extra = Object.entries(d.fields).filter(([k, v]) => !known.has(k) && v !== null && v !== '');
  // long text across the full width, after the short fields
  const present = defs
    .filter((x) => d.fields[x.key] !== undefined && d.fields[x.key] !== null && d.fields[x.key] !== '')
    .sort((a, b) => Number(a.kind === 'textarea') - Number(b.kind === 'textarea'));
  // an odd short field before the long ones fills its row, so each long text starts a row of its own
  const shortCount = present.filter((x) => x.kind !== 'textarea').length;
  return (
    <Card variant="borderless" title={dt.content}>
      <div className="gh-case-content" data-testid="case-content">
        {d.content}
      </div>
      {(present.length > 0 || extra.length > 0) && (
        <>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {dt.fields}
          </Typography.Title>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered styles={{ label: { width: 130 } }}>
            {present.map((x, i) => (
              <Descriptions.Item key={x.key} label={x.label} span={x.kind === 'textarea' || (i === shortCount - 1 && shortCount % 2 === 1) ? 2 : 1}>
                {showField(x.kind, d.fields[x.key])}
              </Descriptions.Item>
            ))}
            {extra.map(([k, v]) => (
              <Descriptions.Item key={k} label={k}>
                {showField(undefined, v)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {dt.attachments}
      </Typography.Title>
      {d.attachments.length ? <AttachmentList files={d.attachments} /> : <Typography.Text type="secondary">{dt.noAttachments}</Typography.Text>}
      {(d.reply || d.rejectReason || d.rating !== null) && (
        <Descriptions column={1} size="small" style={{ marginTop: 20 }} styles={{ label: { width: 110, color: '#8c8c8c' } }}>
          {d.reply && (
            <Descriptions.Item label={dt.reply}>
              <div className="gh-case-content" data-testid="case-reply">
                {d.reply}
              </div>
            </Descriptions.Item>
          )}
          {d.rejectReason && <Descriptions.Item label={dt.rejectReason}>{d.rejectReason}</Descriptions.Item>}
          {d.rating !== null && (
            <Descriptions.Item label={dt.rating}>
              <Space direction="vertical" size={2}>
                <Rate disabled value={d.rating} style={{ fontSize: 16 }} />
                {d.ratingComment && <span>{d.ratingComment}</span>}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}

function InfoCard({ d }: { d: CaseDetail }) {
  const open = isOpenStatus(d.status);
  return (
    <Card variant="borderless" title={CASE_STATUS_LABELS[d.status]} extra={open && <SlaCountdown dueAt={d.dueAt} overdue={d.overdue} />} data-testid="case-info">
      <Descriptions column={1} size="small" styles={{ label: { width: 90, color: '#8c8c8c' } }}>
        <Descriptions.Item label={dt.channel}>{CASE_CHANNEL_LABELS[d.channel as CaseChannel] ?? d.channel}</Descriptions.Item>
        <Descriptions.Item label={dt.originOrg}>{d.originOrgName}</Descriptions.Item>
        <Descriptions.Item label={dt.org}>{d.orgName}</Descriptions.Item>
        <Descriptions.Item label={dt.team}>{d.teamName ?? none}</Descriptions.Item>
        <Descriptions.Item label={dt.assignee}>{d.assigneeName ?? <Typography.Text type="secondary">{c.unassignedPerson}</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label={dt.createdAt}>{fmtDateTime(d.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={dt.acceptDue}>
          <Deadline at={d.acceptDueAt} passed={d.status === 'submitted' || d.status === 'accepted'} />
        </Descriptions.Item>
        <Descriptions.Item label={dt.resolveDue}>
          <Deadline at={d.resolveDueAt} passed={open} />
        </Descriptions.Item>
        {d.supervised && <Descriptions.Item label={c.supervised}>{fmtDeadline(d.superviseDueAt)}</Descriptions.Item>}
        {d.resolvedAt && <Descriptions.Item label={dt.resolvedAt}>{fmtDateTime(d.resolvedAt)}</Descriptions.Item>}
        {d.closedAt && <Descriptions.Item label={dt.closedAt}>{fmtDateTime(d.closedAt)}</Descriptions.Item>}
        {d.isPublic && (
          <Descriptions.Item label={dt.isPublic}>
            <Space size={6}>
              <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
                {t.common.yes}
              </Tag>
              <Typography.Text type="secondary">{dt.likes(d.likes)}</Typography.Text>
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** A stage deadline; red once it has passed while the stage is still running. */
function Deadline({ at, passed }: { at: string | null; passed: boolean }) {
  if (!at) return <>{none}</>;
  const late = passed && new Date(at).getTime() < Date.now();
  return (
    <Space size={6}>
      <span style={late ? { color: '#cf1322' } : undefined}>{fmtDeadline(at)}</span>
      {late && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {c.overdue}
        </Tag>
      )}
    </Space>
  );
}

function ContactCard({ d }: { d: CaseDetail }) {
  const { message } = App.useApp();
  const me = useMe().data!;
  const reveal = useRevealContact(d.id);
  const [full, setFull] = useState<{ name: string; phone: string } | null>(null);
  return (
    <Card
      variant="borderless"
      title={dt.contact}
      style={{ marginTop: 16 }}
      extra={
        !d.anonymous &&
        !full &&
        // handlers of the org and the assignee (who may add notes) call the worker back
        (hasPermission(me, 'case.handle') || d.actions.includes('note')) && (
          <Popconfirm
            title={dt.revealConfirmTitle}
            description={dt.revealConfirm}
            okText={dt.revealContact}
            onConfirm={() => reveal.mutateAsync().then(setFull, (e: unknown) => void message.error(errorMessage(e)))}
          >
            <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} data-testid="case-reveal-contact">
              {dt.revealContact}
            </Button>
          </Popconfirm>
        )
      }
    >
      {d.anonymous ? (
        <Typography.Text type="secondary">{dt.anonymousContact}</Typography.Text>
      ) : (
        <>
          {full && <Alert type="warning" showIcon title={dt.revealedNotice} style={{ marginBottom: 12 }} />}
          <Descriptions column={1} size="small" styles={{ label: { width: 90, color: '#8c8c8c' } }}>
            <Descriptions.Item label={dt.submitter}>{full ? full.name : d.submitter}</Descriptions.Item>
            <Descriptions.Item label={dt.phone}>
              <span className="gh-mono" data-testid="case-contact-phone">
                {full ? full.phone : (d.contactPhone ?? none)}
              </span>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Card>
  );
}

function RelatedCard({ d }: { d: CaseDetail }) {
  const related = [...d.relatedCases];
  if (d.parentId && !related.some((r) => r.id === d.parentId)) related.unshift({ id: d.parentId, caseNo: '', type: d.type, status: d.status, relation: 'parent' });
  if (related.length === 0) return null;
  return (
    <Card variant="borderless" title={dt.related} style={{ marginTop: 16 }} data-testid="case-related">
      <Flex vertical gap={10}>
        {related.map((r) => (
          <Flex key={`${r.relation}:${r.id}`} gap={8} align="center" wrap>
            <Tag style={{ marginInlineEnd: 0 }}>{dt.relations[r.relation] ?? r.relation}</Tag>
            <Link to={`/admin/cases/${r.id}`}>
              <Space size={4}>
                <LinkOutlined />
                <span className="gh-mono">{r.caseNo || dt.title}</span>
              </Space>
            </Link>
            {r.caseNo && <CaseTypeTag type={r.type} />}
            {r.caseNo && <CaseStatusTag status={r.status} />}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

const COLORS = { blue: '#1677ff', green: '#52c41a', red: '#ff4d4f', orange: '#faad14', magenta: '#eb2f96', gray: '#bfbfbf' };
const STATUS_EVENT_COLORS: Record<string, string> = { rejected: COLORS.red, resolved: COLORS.green, closed: COLORS.green, withdrawn: COLORS.gray };

/** Explicit colours: the theme's primary is the union red, which would make every step look like an error. */
function eventColor(e: CaseEvent): string {
  if (e.internal) return COLORS.orange;
  if (/overdue|escalat|reopen/.test(e.kind)) return COLORS.red;
  if (/supervis/.test(e.kind)) return COLORS.magenta;
  if (/paid|visited|followup/.test(e.kind)) return COLORS.green;
  return STATUS_EVENT_COLORS[e.toStatus ?? ''] ?? COLORS.blue;
}

function TimelineCard({ d }: { d: CaseDetail }) {
  return (
    <Card variant="borderless" title={dt.timeline} style={{ marginTop: 16 }}>
      <Timeline
        data-testid="case-timeline"
        items={d.events.map((e) => ({
          key: e.id,
          color: eventColor(e),
          content: (
            <div className={e.internal ? 'gh-case-event-internal' : undefined}>
              <Space size={8} wrap>
                <Typography.Text strong>{e.label}</Typography.Text>
                {e.internal && (
                  <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="case-event-internal">
                    {dt.internal}
                  </Tag>
                )}
                {e.toStatus && e.toStatus !== e.fromStatus && <StatusChange from={e.fromStatus} to={e.toStatus} />}
              </Space>
              <div className="gh-timeline-meta">{[fmtDateTime(e.at), e.actor ?? dt.system].join(' · ')}</div>
              {e.note && <div className="gh-case-event-note">{e.note}</div>}
              {e.attachments.length > 0 && (
                <div style={{ marginTop: 6 }}>
                  <AttachmentList files={e.attachments} size={64} />
                </div>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function StatusChange({ from, to }: { from: string | null; to: string }) {
  const label = (s: string) => CASE_STATUS_LABELS[s as CaseStatus] ?? s;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {from ? `${label(from)} → ` : ''}
      <Typography.Text style={{ fontSize: 12 }}>{label(to)}</Typography.Text>
    </Typography.Text>
  );
}

/** 工伤探视: eligibility checklist, visit records and the 慰问金 ledger (integer fen shown in 元). */
function InjuryPanel({ d }: { d: CaseDetail }) {
  const meta = useCaseMeta();
  const checklist = meta.data?.injuryChecklist ?? INJURY_CHECKLIST;
  const visits = d.events.filter((e) => e.kind === 'visit' || e.kind === 'visited');
  return (
    <Card
      variant="borderless"
      title={dt.injury}
      style={{ marginTop: 16 }}
      data-testid="case-injury"
      extra={
        d.eligible === null ? (
          <Tag>{dt.notAssessed}</Tag>
        ) : d.eligible ? (
          <Tag color="success">{dt.eligible}</Tag>
        ) : (
          <Tag color="error">{dt.notEligible}</Tag>
        )
      }
    >
      <Row gutter={24}>
        <Col xs={24} md={10}>
          <Typography.Text strong>{dt.eligibility}</Typography.Text>
          <Flex vertical gap={8} style={{ marginTop: 10 }}>
            {checklist.map((x) => {
              const v = d.eligibility?.[x.key];
              return (
                <Space key={x.key} size={8}>
                  {v === true ? (
                    <CheckCircleFilled style={{ color: '#52c41a' }} />
                  ) : v === false ? (
                    <CloseCircleFilled style={{ color: '#ff4d4f' }} />
                  ) : (
                    <MinusCircleOutlined style={{ color: '#bfbfbf' }} />
                  )}
                  <span style={v === undefined ? { color: '#8c8c8c' } : undefined}>{x.label}</span>
                </Space>
              );
            })}
          </Flex>
        </Col>
        <Col xs={24} md={14}>
          <Typography.Text strong>{dt.visits}</Typography.Text>
          <div style={{ marginTop: 10 }}>
            {visits.length === 0 ? (
              <Typography.Text type="secondary">{dt.noVisits}</Typography.Text>
            ) : (
              <Flex vertical gap={8}>
                {visits.map((e) => (
                  <div key={e.id}>
                    <div className="gh-timeline-meta" style={{ marginTop: 0 }}>
                      {[fmtDateTime(e.at), e.actor].filter(Boolean).join(' · ')}
                    </div>
                    <div className="gh-case-event-note">{e.note}</div>
                  </div>
                ))}
              </Flex>
            )}
          </div>
        </Col>
      </Row>
      <Typography.Text strong style={{ display: 'block', marginTop: 20, marginBottom: 10 }}>
        {dt.payments}
      </Typography.Text>
      {d.payments.length === 0 ? (
        <Typography.Text type="secondary">{dt.noPayments}</Typography.Text>
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.payments}
          columns={[
            { title: dt.payCol.at, dataIndex: 'at', render: (v: string) => fmtDateTime(v) },
            { title: dt.payCol.amount, dataIndex: 'amountFen', align: 'right', render: (v: number) => <span className="gh-mono">{fmtYuan(v)}</span> },
            { title: dt.payCol.method, dataIndex: 'method', render: (v: string) => c.methods[v] ?? v },
            { title: dt.payCol.by, dataIndex: 'recordedBy', render: (v: string | null) => v ?? none },
          ]}
        />
      )}
    </Card>
  );
}

function FollowupCard({ d }: { d: CaseDetail }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ result: string; satisfied: boolean }>();
  const done = useFollowup(d.id);
  const f = c.followup;
  return (
    <Card variant="borderless" title={f.title} style={{ marginTop: 16 }} data-testid="case-followup">
      <Typography.Paragraph type="secondary">{f.hint}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ satisfied: true }}
        onFinish={(v) =>
          void done.mutateAsync({ result: v.result.trim(), satisfied: v.satisfied }).then(
            () => void message.success(f.doneOk),
            (e: unknown) => void message.error(errorMessage(e)),
          )
        }
      >
        <Form.Item name="satisfied" label={f.satisfied}>
          <Radio.Group
            options={[
              { value: true, label: f.satisfiedYes },
              { value: false, label: f.satisfiedNo },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="result"
          label={f.result}
          rules={[
            { required: true, whitespace: true, message: f.resultRequired },
            { min: 2, message: f.resultRequired },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder={f.resultPlaceholder} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={done.isPending} block>
          {f.submit}
        </Button>
      </Form>
    </Card>
  );
}
