import { useMemo, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { App, Button, Checkbox, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Radio, Segmented, Select, Spin, Tag, Typography, type ButtonProps } from 'antd';
import {
  CASE_ACTION_LABELS,
  INJURY_CHECKLIST,
  type CaseAction,
  type CaseActionInput,
  type CaseDetail,
} from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { useDebouncedValue } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { useOrgChildren, useOrgSearch } from '../orgs/api';
import { newClientKey, useAssignees, useCaseAction, useCaseMeta, useMergeCandidates, yuanToFen, type Assignee } from './api';
import { AttachmentUpload } from './Attachments';
import { CaseStatusTag } from './labels';
import { applyCaseErrors } from './TypeFields';

const c = t.admin.cases;
const ac = c.action;

/** Cadre actions in the order the bar shows them; member actions (rate/reopen/withdraw) never appear here. */
const ORDER: CaseAction[] = ['accept', 'assign', 'start', 'resolve', 'note', 'assess', 'visit', 'pay', 'refer', 'merge', 'transfer', 'escalate', 'give_back', 'supervise', 'unsupervise', 'reject'];
const NEXT_STEP: Partial<Record<CaseDetail['status'], CaseAction[]>> = {
  submitted: ['assess', 'accept', 'assign'],
  accepted: ['assign'],
  assigned: ['start', 'visit', 'resolve'],
  in_progress: ['visit', 'resolve'],
};

/** The action bar: exactly the actions the server says this viewer may take now. */
export function CaseActionBar({ d }: { d: CaseDetail }) {
  const [open, setOpen] = useState<CaseAction | null>(null);
  const actions = ORDER.filter((a) => d.actions.includes(a));
  // the next step of the case's current stage is the one to do; others stay secondary
  const primary = (NEXT_STEP[d.status] ?? []).find((a) => actions.includes(a));
  if (actions.length === 0) return null;
  return (
    <div className="gh-case-actionbar" data-testid="case-actions">
      <Flex gap={8} wrap align="center">
        <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
          {c.detail.actions}
        </Typography.Text>
        {actions.map((a) => (
          <Button
            key={a}
            type={a === primary ? 'primary' : 'default'}
            danger={a === 'reject'}
            onClick={() => setOpen(a)}
            data-testid={`case-action-${a}`}
            autoInsertSpace={false}
          >
            {CASE_ACTION_LABELS[a]}
          </Button>
        ))}
      </Flex>
      {open && <ActionModal d={d} action={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

type Values = Record<string, unknown>;

const TITLES: Partial<Record<CaseAction, string>> = {
  accept: ac.accept.title,
  reject: ac.reject.title,
  assign: ac.assign.title,
  start: ac.start.title,
  note: ac.noteForm.title,
  resolve: ac.resolve.title,
  escalate: ac.escalate.title,
  transfer: ac.transfer.title,
  give_back: ac.giveBack.title,
  supervise: ac.supervise.title,
  unsupervise: ac.unsupervise.title,
  merge: ac.merge.title,
  assess: ac.assess.title,
  visit: ac.visit.title,
  pay: ac.pay.title,
  refer: ac.refer.title,
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optional = (v: unknown) => text(v) || undefined;
const ymd = (v: unknown) => (v as Dayjs).format('YYYY-MM-DD');

/** Form values → the caseActionSchema body of one action. */
function toBody(action: CaseAction, v: Values, idemKey: string): CaseActionInput {
  switch (action) {
    case 'accept':
    case 'start':
    case 'unsupervise':
      return { action, note: optional(v.note) };
    case 'reject':
      return { action, reason: text(v.reason) };
    case 'assign':
      return v.mode === 'team'
        ? { action, teamId: v.teamId as string, assigneeId: null, note: optional(v.note) }
        : { action, assigneeId: v.assigneeId as string, teamId: null, note: optional(v.note) };
    case 'note':
      return { action, note: text(v.note), internal: v.internal === true, attachmentIds: (v.attachmentIds as string[] | undefined) ?? [] };
    case 'resolve':
      return { action, reply: text(v.reply), attachmentIds: (v.attachmentIds as string[] | undefined) ?? [] };
    case 'escalate':
    case 'give_back':
      return { action, note: text(v.note) };
    case 'transfer':
      return { action, toOrgId: v.toOrgId as string, note: text(v.note) };
    case 'supervise':
      return { action, dueAt: ymd(v.dueAt), note: text(v.note) };
    case 'merge':
      return { action, parentId: v.parentId as string, note: optional(v.note) };
    case 'assess': {
      const checked = new Set((v.checklist as string[] | undefined) ?? []);
      const checklist = Object.fromEntries(INJURY_CHECKLIST.map((x) => [x.key, checked.has(x.key)])) as Extract<CaseActionInput, { action: 'assess' }>['checklist'];
      return { action, checklist, note: optional(v.note) };
    }
    case 'visit':
      return { action, visitedOn: ymd(v.visitedOn), note: text(v.note) };
    case 'pay':
      return { action, amountFen: yuanToFen(v.amount as number), method: v.method as 'bank' | 'card' | 'cash', idemKey, note: optional(v.note) };
    case 'refer':
      return { action, type: v.type as 'legal_aid' | 'counselling', note: text(v.note) };
    default:
      throw new Error(`not a cadre action: ${action}`);
  }
}

function initialValues(action: CaseAction, d: CaseDetail): Values {
  switch (action) {
    case 'assign':
      return { mode: 'person' };
    case 'note':
      return { internal: false, attachmentIds: [] };
    case 'resolve':
      return { attachmentIds: [] };
    case 'assess':
      return { checklist: Object.entries(d.eligibility ?? {}).filter(([, ok]) => ok).map(([k]) => k) };
    case 'visit':
      return { visitedOn: dayjs() };
    case 'pay':
      return { method: 'bank' };
    case 'supervise':
      return { dueAt: dayjs().add(3, 'day') };
    default:
      return {};
  }
}

function ActionModal({ d, action, onClose }: { d: CaseDetail; action: CaseAction; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const run = useCaseAction(d.id);
  // one key per opened pay form: a double click or a retry never pays twice
  const [idemKey] = useState(newClientKey);
  const [open, setOpen] = useState(true);
  const label = CASE_ACTION_LABELS[action];

  const finish = (v: Values) =>
    run.mutateAsync(toBody(action, v, idemKey)).then(
      () => {
        void message.success(ac.doneOk(label));
        setOpen(false);
      },
      (e: unknown) => {
        if (!applyCaseErrors(form, e)) void message.error(errorMessage(e));
      },
    );

  return (
    <Modal
      title={TITLES[action] ?? label}
      open={open}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
      onOk={() => form.submit()}
      okText={action === 'note' ? ac.noteForm.ok : label}
      okButtonProps={{ danger: action === 'reject', autoInsertSpace: false, 'data-testid': 'case-action-ok' } as ButtonProps}
      confirmLoading={run.isPending}
      width={action === 'assign' || action === 'merge' ? 640 : 520}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" style={{ marginTop: 12 }} initialValues={initialValues(action, d)} onFinish={(v) => void finish(v)}>
        <ActionFields d={d} action={action} />
      </Form>
    </Modal>
  );
}

const noteRule = (min: number, what: string) => [
  { required: true, whitespace: true, message: c.form.required(what) },
  { min, message: c.form.required(what) },
  { max: 2000, message: c.form.tooLong(what, 2000) },
];

function OptionalNote() {
  return (
    <Form.Item name="note" label={ac.note} rules={[{ max: 2000, message: c.form.tooLong(ac.note, 2000) }]}>
      <Input.TextArea rows={3} maxLength={2000} placeholder={ac.notePlaceholder} />
    </Form.Item>
  );
}

function RequiredNote({ name = 'note', label, min, placeholder, rows = 4 }: { name?: string; label: string; min: number; placeholder?: string; rows?: number }) {
  return (
    <Form.Item name={name} label={label} rules={noteRule(min, label)}>
      <Input.TextArea rows={rows} maxLength={2000} showCount placeholder={placeholder} />
    </Form.Item>
  );
}

function Hint({ children }: { children: React.ReactNode }) {
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
      {children}
    </Typography.Paragraph>
  );
}

function ActionFields({ d, action }: { d: CaseDetail; action: CaseAction }) {
  switch (action) {
    case 'accept':
      return (
        <>
          <Hint>{ac.accept.hint}</Hint>
          <OptionalNote />
        </>
      );
    case 'start':
      return (
        <>
          <Hint>{ac.start.hint}</Hint>
          <OptionalNote />
        </>
      );
    case 'unsupervise':
      return <OptionalNote />;
    case 'reject':
      return (
        <>
          <Hint>{ac.reject.hint}</Hint>
          <RequiredNote name="reason" label={ac.reason} min={2} placeholder={ac.reject.placeholder} />
        </>
      );
    case 'assign':
      return <AssignFields d={d} />;
    case 'note':
      return (
        <>
          <Form.Item name="internal" label={ac.noteForm.visibility}>
            <Radio.Group
              options={[
                { value: false, label: ac.noteForm.public },
                { value: true, label: ac.noteForm.internal },
              ]}
            />
          </Form.Item>
          <RequiredNote label={ac.noteForm.title} min={1} placeholder={ac.noteForm.placeholder} />
          <Form.Item name="attachmentIds" label={c.form.attachments} extra={c.form.attachmentsHelp}>
            <AttachmentUpload />
          </Form.Item>
        </>
      );
    case 'resolve':
      return (
        <>
          <Hint>{ac.resolve.hint}</Hint>
          <RequiredNote name="reply" label={ac.resolve.reply} min={5} placeholder={ac.resolve.placeholder} rows={6} />
          <Form.Item name="attachmentIds" label={c.form.attachments} extra={c.form.attachmentsHelp}>
            <AttachmentUpload />
          </Form.Item>
        </>
      );
    case 'escalate':
      return <RequiredNote label={ac.reason} min={2} placeholder={ac.escalate.placeholder} />;
    case 'give_back':
      return <RequiredNote label={ac.reason} min={2} placeholder={ac.giveBack.placeholder} />;
    case 'transfer':
      return (
        <>
          <Form.Item name="toOrgId" label={ac.transfer.to} extra={ac.transfer.toHint} rules={[{ required: true, message: ac.transfer.toPlaceholder }]}>
            <SubOrgPicker orgId={d.orgId} orgName={d.orgName} />
          </Form.Item>
          <RequiredNote label={ac.transfer.placeholder} min={2} />
        </>
      );
    case 'supervise':
      return (
        <>
          <Form.Item name="dueAt" label={ac.supervise.due} rules={[{ required: true, message: c.form.pick(ac.supervise.due) }]}>
            <DatePicker disabledDate={(x) => x.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
          </Form.Item>
          <RequiredNote label={ac.supervise.placeholder} min={2} />
        </>
      );
    case 'merge':
      return <MergeFields d={d} />;
    case 'assess':
      return <AssessFields />;
    case 'visit':
      return (
        <>
          <Form.Item name="visitedOn" label={ac.visit.date} rules={[{ required: true, message: c.form.pick(ac.visit.date) }]}>
            <DatePicker disabledDate={(x) => x.isAfter(dayjs(), 'day')} style={{ width: 200 }} />
          </Form.Item>
          <RequiredNote label={c.detail.visits} min={5} placeholder={ac.visit.placeholder} />
        </>
      );
    case 'pay':
      return (
        <>
          <Hint>{ac.pay.hint}</Hint>
          <Form.Item name="amount" label={ac.pay.amount} rules={[{ required: true, message: ac.pay.amountRequired }, { type: 'number', max: 100_000, message: ac.pay.max }]}>
            <InputNumber<number> min={0.01} max={100_000} precision={2} suffix="元" style={{ width: 220 }} data-testid="case-pay-amount" />
          </Form.Item>
          <Form.Item name="method" label={ac.pay.method} rules={[{ required: true }]}>
            <Radio.Group options={(['bank', 'card', 'cash'] as const).map((m) => ({ value: m, label: c.methods[m] }))} />
          </Form.Item>
          <OptionalNote />
        </>
      );
    case 'refer':
      return (
        <>
          <Hint>{ac.refer.hint}</Hint>
          <Form.Item name="type" label={ac.refer.type} rules={[{ required: true, message: c.form.pick(ac.refer.type) }]}>
            <Radio.Group
              optionType="button"
              options={(['legal_aid', 'counselling'] as const).map((x) => ({ value: x, label: ac.refer.types[x] }))}
            />
          </Form.Item>
          <RequiredNote label={ac.refer.placeholder} min={2} />
        </>
      );
    default:
      return null;
  }
}

function AssignFields({ d }: { d: CaseDetail }) {
  const q = useAssignees(d.id, true);
  const form = Form.useFormInstance();
  const mode = Form.useWatch('mode', form) as 'person' | 'team' | undefined;
  // one row per person (someone in two teams is one choice), on duty and least loaded first
  const people = useMemo(() => {
    const m = new Map<string, Assignee>();
    for (const p of q.data ?? []) {
      const seen = m.get(p.userId);
      if (!seen) m.set(p.userId, { ...p });
      else {
        seen.onDuty ||= p.onDuty;
        seen.partner ||= p.partner;
        if (p.teamName && seen.teamName !== p.teamName) seen.teamName = seen.teamName ? `${seen.teamName}、${p.teamName}` : p.teamName;
      }
    }
    return [...m.values()].sort((a, b) => Number(b.onDuty) - Number(a.onDuty) || a.openCases - b.openCases || a.name.localeCompare(b.name, 'zh-CN'));
  }, [q.data]);
  const teams = useMemo(() => {
    const m = new Map<string, { id: string; name: string; load: number; people: number }>();
    for (const p of q.data ?? []) {
      if (!p.teamId) continue;
      const t0 = m.get(p.teamId) ?? { id: p.teamId, name: p.teamName ?? '', load: 0, people: 0 };
      t0.load += p.openCases;
      t0.people += 1;
      m.set(p.teamId, t0);
    }
    return [...m.values()];
  }, [q.data]);

  return (
    <>
      <Form.Item name="mode">
        <Segmented
          options={[
            { value: 'person', label: ac.assign.toPerson },
            { value: 'team', label: ac.assign.toTeam },
          ]}
        />
      </Form.Item>
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <Typography.Text type="danger">{q.error.message}</Typography.Text>
      ) : people.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ac.assign.none} />
      ) : mode === 'team' && teams.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ac.assign.none} />
      ) : mode === 'team' ? (
        <Form.Item name="teamId" label={ac.assign.team} rules={[{ required: true, message: ac.assign.pickRequired }]}>
          <Radio.Group style={{ width: '100%' }}>
            <div className="gh-case-assignees">
              {teams.map((x) => (
                <Radio key={x.id} value={x.id} className="gh-case-assignee-radio">
                  <span className="gh-case-assignee">
                    <span style={{ fontWeight: 500 }}>{x.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ac.assign.people(x.people)}
                    </Typography.Text>
                    <span style={{ flex: 1 }} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ac.assign.load(x.load)}
                    </Typography.Text>
                  </span>
                </Radio>
              ))}
            </div>
          </Radio.Group>
        </Form.Item>
      ) : (
        <Form.Item name="assigneeId" label={ac.assign.person} rules={[{ required: true, message: ac.assign.pickRequired }]}>
          <Radio.Group style={{ width: '100%' }}>
            <div className="gh-case-assignees" data-testid="case-assignees">
              {people.map((p) => (
                <AssigneeOption key={p.userId} p={p} />
              ))}
            </div>
          </Radio.Group>
        </Form.Item>
      )}
      <OptionalNote />
    </>
  );
}

function AssigneeOption({ p }: { p: Assignee }) {
  return (
    <Radio value={p.userId} className="gh-case-assignee-radio">
      <span className="gh-case-assignee">
        <span style={{ fontWeight: 500, minWidth: 56 }}>{p.name}</span>
        {p.partner && (
          <Tag color="purple" style={{ marginInlineEnd: 0 }}>
            {ac.assign.partner}
          </Tag>
        )}
        <Tag color={p.onDuty ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>
          {p.onDuty ? ac.assign.onDuty : ac.assign.offDuty}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} className="gh-ellipsis">
          {p.teamName ?? ''}
        </Typography.Text>
        <span style={{ flex: 1 }} />
        <Typography.Text type={p.openCases >= 10 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {ac.assign.load(p.openCases)}
        </Typography.Text>
      </span>
    </Radio>
  );
}

function MergeFields({ d }: { d: CaseDetail }) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const list = useMergeCandidates(d.id, q, true);
  const items = (list.data ?? []).filter((x) => x.id !== d.id);
  return (
    <>
      <Hint>{ac.merge.hint}</Hint>
      <Input.Search allowClear placeholder={ac.merge.search} value={text} onChange={(e) => setText(e.target.value)} style={{ marginBottom: 12 }} loading={list.isFetching} />
      <Form.Item name="parentId" label={ac.merge.parent} rules={[{ required: true, message: c.form.pick(ac.merge.parent) }]}>
        {items.length === 0 && !list.isPending ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.isError ? list.error.message : ac.merge.empty} />
        ) : (
          <Radio.Group style={{ width: '100%' }}>
            <div className="gh-case-assignees">
              {items.map((x) => (
                <Radio key={x.id} value={x.id} className="gh-case-assignee-radio">
                  <span className="gh-case-assignee">
                    <span className="gh-mono" style={{ fontSize: 12 }}>
                      {x.caseNo}
                    </span>
                    <span className="gh-ellipsis" style={{ flex: 1, minWidth: 0 }}>
                      {x.title}
                    </span>
                    <CaseStatusTag status={x.status} />
                  </span>
                </Radio>
              ))}
            </div>
          </Radio.Group>
        )}
      </Form.Item>
      <OptionalNote />
    </>
  );
}

function AssessFields() {
  const meta = useCaseMeta();
  const items = meta.data?.injuryChecklist ?? INJURY_CHECKLIST;
  return (
    <>
      <Hint>{ac.assess.hint}</Hint>
      <Form.Item name="checklist">
        <Checkbox.Group style={{ width: '100%' }}>
          <Flex vertical gap={10}>
            {items.map((x) => (
              <Checkbox key={x.key} value={x.key}>
                {x.label}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      <OptionalNote />
    </>
  );
}

/**
 * 转办下级: the handling org's direct children, or a name search narrowed to hits under it (the
 * search answers ancestor names only, so the narrowing is by name; the server checks the real path).
 */
function SubOrgPicker({ orgId, orgName, value, onChange, id }: { orgId: string; orgName: string; value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text, 300);
  const children = useOrgChildren(orgId);
  const search = useOrgSearch(q);
  const options = q.trim()
    ? (search.data?.items ?? []).filter((h) => h.id !== orgId && h.pathNames.includes(orgName)).map((h) => ({ value: h.id, label: h.name, path: h.pathNames.join(' / ') }))
    : (children.data?.pages.flatMap((p) => p.items) ?? []).map((o) => ({ value: o.id, label: o.name, path: orgName }));
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={ac.transfer.toPlaceholder}
      loading={children.isPending || search.isFetching}
      options={options.map((o) => ({ value: o.value, label: o.label, title: `${o.path} / ${o.label}` }))}
      notFoundContent={search.isFetching ? <Spin size="small" /> : undefined}
    />
  );
}

