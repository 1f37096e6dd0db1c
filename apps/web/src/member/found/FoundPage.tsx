import { useState } from 'react';
import { Button, DotLoading, ErrorBlock, Form, Input, List, Popup, SearchBar, Steps, Tag, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import {
  APPLICATION_EVENT_LABELS,
  APPLICATION_STAGE_LABELS,
  APPLICATION_STATUS_LABELS,
  MUST_UNIONISE_HEADCOUNT,
  ORG_KIND_LABELS,
  foundingInputSchema,
  type FoundingApplication,
  type FoundingParent,
} from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { useDebouncedValue } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { SubPage } from '../home/SubPage';
import { applyServerErrors, zodRule } from '../join/forms';
import { useFoundingParents, useMyFounding, useSubmitFounding } from './api';
import '../home/subpage.css';
import './found.css';

type Values = {
  enterpriseName?: string;
  uscc?: string;
  headcount?: string;
  industry?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  parent?: FoundingParent | null;
};
const FIELDS = ['enterpriseName', 'uscc', 'headcount', 'industry', 'address', 'contactName', 'contactPhone', 'parentOrgId'] as const;

const shape = foundingInputSchema.shape;
const RULES = {
  enterpriseName: [zodRule(shape.enterpriseName, '请填写企业名称')],
  uscc: [zodRule(shape.uscc, '请填写统一社会信用代码')],
  headcount: [zodRule(shape.headcount, '请填写职工人数')],
  industry: [zodRule(shape.industry, '请填写所属行业')],
  address: [zodRule(shape.address, '请填写企业地址')],
  contactName: [zodRule(shape.contactName, '请填写联系人姓名')],
  contactPhone: [zodRule(shape.contactPhone, '请填写联系电话')],
};

const STATUS_COLORS: Record<string, string> = { pending: 'primary', approved: 'success', rejected: 'danger', returned: 'warning', withdrawn: 'default' };
const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function statusText(a: FoundingApplication) {
  if (a.status === 'approved') return APPLICATION_STAGE_LABELS[a.stage] ?? APPLICATION_STATUS_LABELS.approved;
  return APPLICATION_STATUS_LABELS[a.status];
}

/** Progress of one application: its events, then what it waits for. */
function Progress({ a }: { a: FoundingApplication }) {
  const waiting =
    a.status === 'pending' ? `${a.parentOrg.name}审批中` : a.status === 'approved' && a.stage === 'congress' ? '待召开首次会员大会，选举工会委员会' : a.status === 'returned' ? '待您修改后重新提交' : null;
  return (
    <Steps direction="vertical" className="gh-m-found-steps" current={a.events.length}>
      {a.events.map((e, i) => (
        <Steps.Step
          key={e.id}
          status={(e.kind === 'rejected' && i === a.events.length - 1) ? 'error' : 'finish'}
          title={APPLICATION_EVENT_LABELS[e.kind] ?? e.kind}
          description={
            <>
              {at(e.at)}
              {e.orgName ? ` · ${e.orgName}` : ''}
              {e.note && <div>{e.note}</div>}
            </>
          }
        />
      ))}
      {waiting && <Steps.Step status="process" title={waiting} />}
    </Steps>
  );
}

function ApplicationCard({ a, onEdit }: { a: FoundingApplication; onEdit: (a: FoundingApplication) => void }) {
  return (
    <div className="gh-m-card" data-testid="founding-application">
      <div className="gh-m-found-app-head">
        <span className="gh-m-found-app-name">{a.enterpriseName}</span>
        <Tag color={STATUS_COLORS[a.status]} fill="outline">
          {statusText(a)}
        </Tag>
      </div>
      <div className="gh-m-found-meta">
        申请在 {a.parentOrg.name} 下建会 · 职工 {a.headcount} 人
        {a.status === 'pending' && a.dueAt && <div>预计 {dayjs(a.dueAt).format('M 月 D 日')}前批复</div>}
        {a.resultOrg && <div>工会组织：{a.resultOrg.name}</div>}
      </div>
      {a.reason && (a.status === 'returned' || a.status === 'rejected') && (
        <div className={a.status === 'rejected' ? 'gh-m-found-reason is-error' : 'gh-m-found-reason'}>
          {a.status === 'rejected' ? '不予批复原因' : '退回意见'}：{a.reason}
        </div>
      )}
      <Progress a={a} />
      {a.status === 'returned' && (
        <Button block color="primary" fill="outline" shape="rounded" size="small" onClick={() => onEdit(a)} style={{ marginTop: 8 }}>
          修改后重新提交
        </Button>
      )}
    </div>
  );
}

/** The parent union, picked by searching its name (街道、园区、社区、联合、行业工会). */
function ParentPicker({ value, onChange }: { value?: FoundingParent | null; onChange?: (v: FoundingParent) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const q = useDebouncedValue(text, 300);
  const hits = useFoundingParents(q);
  return (
    <>
      <div onClick={() => setOpen(true)} role="button" data-testid="found-parent">
        {value ? (
          <div className="gh-m-found-parent">
            <div>{value.name}</div>
            {value.pathNames.length > 0 && <div className="gh-m-found-parent-path">{value.pathNames.join(' / ')}</div>}
          </div>
        ) : (
          <span className="gh-m-found-placeholder">搜索企业所在的街道、园区或社区工会</span>
        )}
      </div>
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}>
        <div className="gh-m-found-popup">
          <div className="gh-m-found-popup-search">
            <SearchBar placeholder="输入街道、园区、社区名称" value={text} onChange={setText} autoFocus />
          </div>
          <div className="gh-m-found-popup-list">
            {!q.trim() ? (
              <ErrorBlock status="empty" title="请输入名称搜索" description="如：东湖街道、高新园区、幸福社区" />
            ) : hits.isFetching && !hits.data ? (
              <div className="gh-m-center">
                <DotLoading color="primary" />
              </div>
            ) : (hits.data ?? []).length === 0 ? (
              <ErrorBlock status="empty" title="没有找到" description="换个关键词试试，或咨询当地工会" />
            ) : (
              <List>
                {hits.data!.map((p) => (
                  <List.Item
                    key={p.id}
                    description={p.pathNames.join(' / ')}
                    extra={<span style={{ fontSize: 12 }}>{ORG_KIND_LABELS[p.kind]}</span>}
                    onClick={() => {
                      onChange?.(p);
                      setOpen(false);
                    }}
                  >
                    {p.name}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        </div>
      </Popup>
    </>
  );
}

/** /found — 网上建会: an enterprise's contact applies to found a union and follows the progress. */
export function FoundPage() {
  const mine = useMyFounding();
  const submit = useSubmitFounding();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<FoundingApplication | null>(null);
  const [showForm, setShowForm] = useState(false);
  const apps = mine.data ?? [];
  const hasOpen = apps.some((a) => a.status === 'pending' || a.status === 'returned');
  const formVisible = !!editing || showForm || (mine.isSuccess && !hasOpen);

  const edit = (a: FoundingApplication) => {
    setEditing(a);
    form.setFieldsValue({
      enterpriseName: a.enterpriseName,
      uscc: a.uscc,
      headcount: String(a.headcount),
      industry: a.industry,
      address: a.address,
      contactName: a.contactName,
      contactPhone: undefined,
      parent: { id: a.parentOrg.id, name: a.parentOrg.name, kind: 'street', pathNames: a.parentOrg.pathNames },
    });
    setTimeout(() => document.getElementById('found-form')?.scrollIntoView({ behavior: 'smooth' }), 50);
  };

  const onFinish = (v: Values) => {
    if (!v.parent) {
      form.setFields([{ name: 'parent', errors: ['请选择上级工会'] }]);
      return;
    }
    const input = {
      enterpriseName: v.enterpriseName!.trim(),
      uscc: v.uscc!,
      headcount: Number(v.headcount),
      industry: v.industry!.trim(),
      address: v.address!.trim(),
      contactName: v.contactName!.trim(),
      contactPhone: v.contactPhone || undefined,
      parentOrgId: v.parent.id,
    };
    submit.mutate(
      { id: editing?.id, input },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: editing ? '已重新提交' : '申请已提交，请留意短信通知' });
          setEditing(null);
          setShowForm(false);
          form.resetFields();
          window.scrollTo({ top: 0, behavior: 'smooth' });
        },
        onError: (e) => {
          const rest = applyServerErrors(form, e, FIELDS);
          if (rest.parentOrgId) form.setFields([{ name: 'parent', errors: [rest.parentOrgId] }]);
          else Toast.show({ content: errorMessage(e) });
        },
      },
    );
  };

  return (
    <SubPage title="网上建会" testId="member-found">
      <div className="gh-m-found-hero">
        <div className="gh-m-found-hero-title">企业建会申请</div>
        <div className="gh-m-found-hero-sub">职工 {MUST_UNIONISE_HEADCOUNT} 人及以上的企业应当依法建立工会。在线提交申请，上级工会将在 3 个工作日内批复。</div>
        <div className="gh-m-found-flow">
          {['提交申请', '上级批复', '召开会员大会', '建会完成'].map((s, i) => (
            <div key={s}>
              <b>{i + 1}</b>
              <div>{s}</div>
            </div>
          ))}
        </div>
      </div>

      {mine.isPending ? (
        <div className="gh-m-center">
          <DotLoading color="primary" />
        </div>
      ) : mine.isError ? (
        <ErrorBlock status="disconnected" title={errorMessage(mine.error)} description="">
          <Button color="primary" onClick={() => void mine.refetch()}>
            {t.common.retry}
          </Button>
        </ErrorBlock>
      ) : (
        apps.length > 0 && (
          <>
            <div className="gh-m-found-section">我的建会申请</div>
            {apps.map((a) => (
              <ApplicationCard key={a.id} a={a} onEdit={edit} />
            ))}
          </>
        )
      )}

      {formVisible ? (
        <div id="found-form">
          <div className="gh-m-found-section">{editing ? `修改「${editing.enterpriseName}」的申请` : '填写申请'}</div>
          <Form
            form={form}
            className="gh-m-found-form gh-m-card"
            style={{ padding: 0 }}
            layout="vertical"
            mode="card"
            requiredMarkStyle="none"
            onFinish={onFinish}
            footer={
              <>
                <Button block type="submit" color="primary" size="large" shape="rounded" loading={submit.isPending}>
                  {editing ? '重新提交' : '提交申请'}
                </Button>
                {editing && (
                  <Button
                    block
                    fill="none"
                    style={{ marginTop: 8 }}
                    onClick={() => {
                      setEditing(null);
                      form.resetFields();
                    }}
                  >
                    {t.common.cancel}
                  </Button>
                )}
              </>
            }
          >
            <Form.Item name="enterpriseName" label="企业名称" rules={RULES.enterpriseName}>
              <Input placeholder="与营业执照一致" maxLength={100} clearable />
            </Form.Item>
            <Form.Item name="uscc" label="统一社会信用代码" rules={RULES.uscc} normalize={(v: string) => v?.toUpperCase()}>
              <Input placeholder="18 位，见营业执照" maxLength={24} clearable />
            </Form.Item>
            <Form.Item name="headcount" label="职工人数" rules={RULES.headcount}>
              <Input type="number" inputMode="numeric" placeholder="在岗职工总人数" maxLength={7} />
            </Form.Item>
            <Form.Item name="industry" label="所属行业" rules={RULES.industry}>
              <Input placeholder="如：制造业、批发零售、信息技术" maxLength={50} />
            </Form.Item>
            <Form.Item name="address" label="企业地址" rules={RULES.address}>
              <Input placeholder="经营地址" maxLength={200} />
            </Form.Item>
            <Form.Item name="parent" label="上级工会" rules={[{ required: true, message: '请选择上级工会' }]}>
              <ParentPicker />
            </Form.Item>
            <Form.Item name="contactName" label="联系人" rules={RULES.contactName}>
              <Input placeholder="建会联系人姓名" maxLength={30} />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label="联系电话"
              rules={editing ? [zodRule(shape.contactPhone)] : RULES.contactPhone}
              help={editing?.contactPhoneMasked ? `当前 ${editing.contactPhoneMasked}，不修改请留空` : undefined}
            >
              <Input type="tel" inputMode="numeric" placeholder="11 位手机号" maxLength={11} />
            </Form.Item>
          </Form>
        </div>
      ) : (
        mine.isSuccess && (
          <div style={{ padding: '16px 12px' }}>
            <Button block shape="rounded" color="primary" fill="outline" onClick={() => setShowForm(true)}>
              为其他企业申请建会
            </Button>
          </div>
        )
      )}
    </SubPage>
  );
}
