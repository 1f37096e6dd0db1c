import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Dialog, DotLoading, ErrorBlock, ImageViewer, List, Popup, Rate, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { CheckCircleFilled, EyeInvisibleOutlined, GlobalOutlined, MessageOutlined } from '@ant-design/icons';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS, type CaseDetail } from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../lib/api';
import { t } from '../../lib/i18n';
import { SubPage } from '../home/SubPage';
import { useCaseAction, useMyCase, type MemberCaseAction } from './api';
import { AttachmentTiles, CaseStatusTag, SlaHint, at, fieldRows, monthDay, typeLabel } from './parts';
import '../home/subpage.css';
import './cases.css';

const RATE_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];
const RELATION_LABELS = { referred_from: '转介自', referred_to: '已转介', parent: '并入', merged: '合并了' } as const;

const preview = (url: string) => ImageViewer.show({ image: url });

/** What happens next, as the last (open) step of the trail. */
function nextStep(c: CaseDetail): { title: string; description?: string } | null {
  switch (c.status) {
    case 'submitted':
      return { title: '待受理', description: `由 ${c.orgName} 受理${c.acceptDueAt ? `，预计 ${monthDay(c.acceptDueAt)}前` : ''}` };
    case 'accepted':
      return { title: '待指派', description: `${c.orgName} 正在安排承办人` };
    case 'assigned':
    case 'in_progress':
      return {
        title: c.status === 'assigned' ? '待办理' : '办理中',
        description: `承办：${c.assigneeName ?? c.teamName ?? c.orgName}${c.resolveDueAt ? `，预计 ${monthDay(c.resolveDueAt)}前办结` : ''}`,
      };
    case 'resolved':
      return { title: '待评价', description: '请对办理结果进行评价' };
    default:
      return null;
  }
}

function Trail({ c }: { c: CaseDetail }) {
  const events = [...c.events].filter((e) => !e.internal).sort((x, y) => x.at.localeCompare(y.at));
  const next = nextStep(c);
  return (
    <Steps direction="vertical" current={next ? events.length : events.length - 1} className="gh-m-case-steps">
      {events.map((e, i) => (
        <Steps.Step
          key={e.id}
          title={e.label}
          status={e.kind === 'rejected' && i === events.length - 1 ? 'error' : 'finish'}
          description={
            <>
              <span className="gh-m-case-time">{at(e.at)}</span>
              {e.actor && <span> · {e.actor}</span>}
              {e.note && <div className="gh-m-case-note">{e.note}</div>}
              <AttachmentTiles files={e.attachments} onPreview={preview} />
            </>
          }
        />
      ))}
      {next && <Steps.Step title={next.title} status="process" description={next.description} />}
    </Steps>
  );
}

type Sheet = 'rate' | 'reopen' | null;

/** 评价 and 重新办理 as one bottom sheet: a note (and stars for 评价). */
function ActionSheet({ c, sheet, onClose }: { c: CaseDetail; sheet: Sheet; onClose: () => void }) {
  const act = useCaseAction(c.id);
  const [rating, setRating] = useState(0);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const send = (body: MemberCaseAction, done: string) =>
    act.mutate(body, {
      onSuccess: () => {
        Toast.show({ icon: 'success', content: done });
        setText('');
        setError(null);
        onClose();
      },
      onError: (e) => {
        const f = isApiError(e) ? e.fields[0] : undefined;
        if (f) setError(f.message);
        Toast.show({ content: errorMessage(e) });
      },
    });

  const submit = () => {
    if (sheet === 'rate') {
      if (rating < 1) return setError('请选择 1–5 星');
      send({ action: 'rate', rating, comment: text.trim() || undefined }, '感谢您的评价');
    } else if (sheet === 'reopen') {
      if (text.trim().length < 2) return setError('请填写重新办理原因');
      send({ action: 'reopen', reason: text.trim() }, '已申请重新办理');
    }
  };

  return (
    <Popup visible={sheet !== null} onMaskClick={onClose} onClose={onClose} bodyClassName="gh-m-sheet" destroyOnClose>
      <div className="gh-m-sheet-title">{sheet === 'rate' ? '评价办理结果' : '申请重新办理'}</div>
      <div className="gh-m-sheet-body">
        {sheet === 'rate' ? (
          <div className="gh-m-case-rate">
            <Rate
              value={rating}
              onChange={(v) => {
                setRating(v);
                setError(null);
              }}
              style={{ '--star-size': '32px', '--active-color': '#fa8c16' }}
              aria-label="满意度"
            />
            <div className="gh-m-case-rate-word">{RATE_WORDS[rating] || '请选择满意度'}</div>
          </div>
        ) : (
          <div className="gh-m-hint" style={{ marginBottom: 8 }}>
            对办理结果不满意的，办结后 7 日内可申请重新办理，原承办人将继续办理。
          </div>
        )}
        <TextArea
          value={text}
          onChange={(v) => {
            setText(v);
            setError(null);
          }}
          placeholder={sheet === 'rate' ? '说说您的感受（选填）' : '请说明哪些问题还没有解决'}
          maxLength={sheet === 'rate' ? 500 : 2000}
          showCount
          autoSize={{ minRows: 3, maxRows: 6 }}
          className="gh-m-case-sheet-text"
        />
        {error && <div className="gh-m-field-error">{error}</div>}
        {sheet === 'rate' && rating > 0 && rating <= 2 && c.actions.includes('reopen') && (
          <div className="gh-m-hint" style={{ marginTop: 8 }}>
            问题没有解决？可以关闭本窗口，选择「重新办理」。
          </div>
        )}
      </div>
      <div className="gh-m-sheet-foot">
        <Button block color="primary" shape="rounded" size="large" loading={act.isPending} onClick={submit}>
          {sheet === 'rate' ? '提交评价' : '提交申请'}
        </Button>
      </div>
    </Popup>
  );
}

function Body({ c }: { c: CaseDetail }) {
  const navigate = useNavigate();
  const [sheet, setSheet] = useState<Sheet>(null);
  const withdraw = useCaseAction(c.id);
  const rows = fieldRows(c.type, c.fields);
  const actions = c.actions.filter((a) => a === 'rate' || a === 'reopen' || a === 'withdraw');

  const onWithdraw = async () => {
    const ok = await Dialog.confirm({ content: '确定撤回这件诉求？撤回后工会将不再办理，如仍需帮助须重新提交。', confirmText: '撤回', cancelText: t.common.cancel });
    if (!ok) return;
    withdraw.mutate(
      { action: 'withdraw' },
      { onSuccess: () => Toast.show({ icon: 'success', content: '已撤回' }), onError: (e) => Toast.show({ content: errorMessage(e) }) },
    );
  };

  return (
    <div className={actions.length ? 'gh-m-case-detail has-actions' : 'gh-m-case-detail'}>
      <div className="gh-m-card">
        <div className="gh-m-case-card-head">
          <span className="gh-m-case-kind">
            {typeLabel(c.type)}
            {c.category && <span className="gh-m-case-cat"> · {c.category}</span>}
          </span>
          <CaseStatusTag status={c.status} />
        </div>
        <div className="gh-m-case-title is-big" data-testid="case-title">
          {c.title}
        </div>
        <div className="gh-m-case-meta">
          工单号 {c.caseNo} · {at(c.createdAt)}
        </div>
        <div className="gh-m-case-meta">
          承办：{c.orgName}
          {c.assigneeName && ` · ${c.assigneeName}`}
        </div>
        {(c.anonymous || c.isPublic) && (
          <div className="gh-m-case-flags">
            {c.anonymous && (
              <Tag fill="outline" color="default">
                <EyeInvisibleOutlined /> 匿名提交
              </Tag>
            )}
            {c.isPublic && (
              <Tag fill="outline" color="primary">
                <GlobalOutlined /> 已公开到诉求广场
              </Tag>
            )}
          </div>
        )}
        <SlaHint c={c} />
        {c.parentId && <div className="gh-m-case-sla">此诉求已与同类诉求合并，由工会统一办理</div>}
      </div>

      {c.reply && (c.status === 'resolved' || c.status === 'closed') && (
        <div className="gh-m-card gh-m-case-reply" data-testid="case-reply">
          <div className="gh-m-case-reply-head">
            <CheckCircleFilled /> 办结答复
            {c.resolvedAt && <span className="gh-m-case-reply-time">{at(c.resolvedAt)}</span>}
          </div>
          <div className="gh-m-case-reply-text">{c.reply}</div>
          {c.rating !== null && (
            <div className="gh-m-case-my-rating" data-testid="case-rating">
              我的评价：
              <Rate readOnly value={c.rating} style={{ '--star-size': '16px', '--active-color': '#fa8c16' }} />
              {c.ratingComment && <div className="gh-m-case-note">{c.ratingComment}</div>}
            </div>
          )}
        </div>
      )}
      {c.status === 'rejected' && c.rejectReason && <div className="gh-m-card gh-m-case-reject">不予受理原因：{c.rejectReason}</div>}

      <div className="gh-m-card">
        <div className="gh-m-card-title">诉求内容</div>
        <div className="gh-m-case-content">{c.content}</div>
        {rows.length > 0 && (
          <dl className="gh-m-case-fields">
            {rows.map((r) => (
              <div key={r.key}>
                <dt>{r.label}</dt>
                <dd>{r.value}</dd>
              </div>
            ))}
          </dl>
        )}
        <AttachmentTiles files={c.attachments} onPreview={preview} />
      </div>

      {(c.payments.length > 0 || c.eligible !== null) && (
        <div className="gh-m-card">
          <div className="gh-m-card-title">工伤探视</div>
          {c.eligible !== null && <div className="gh-m-case-meta">资格核查：{c.eligible ? '符合慰问条件' : '不符合慰问条件'}</div>}
          {c.payments.map((p) => (
            <div key={p.id} className="gh-m-case-meta">
              慰问金 {(p.amountFen / 100).toFixed(2)} 元 · {at(p.at)} 已发放
            </div>
          ))}
        </div>
      )}

      {c.relatedCases.length > 0 && (
        <List header="相关事项" className="gh-m-case-related">
          {c.relatedCases.map((r) => (
            <List.Item
              key={r.id}
              description={`${r.caseNo} · ${CASE_STATUS_LABELS[r.status]}`}
              onClick={r.relation === 'referred_to' || r.relation === 'referred_from' ? () => navigate(`/cases/${r.id}`) : undefined}
            >
              {RELATION_LABELS[r.relation]}「{CASE_TYPE_LABELS[r.type]}」
            </List.Item>
          ))}
        </List>
      )}

      <div className="gh-m-card">
        <div className="gh-m-card-title">
          <MessageOutlined /> 办理进度
        </div>
        <Trail c={c} />
      </div>

      {actions.length > 0 && (
        <div className="gh-m-case-bar">
          {actions.includes('withdraw') && (
            <Button shape="rounded" loading={withdraw.isPending} onClick={() => void onWithdraw()}>
              撤回
            </Button>
          )}
          {actions.includes('reopen') && (
            <Button shape="rounded" color="primary" fill="outline" onClick={() => setSheet('reopen')}>
              重新办理
            </Button>
          )}
          {actions.includes('rate') && (
            <Button shape="rounded" color="primary" onClick={() => setSheet('rate')}>
              评价
            </Button>
          )}
        </div>
      )}
      <ActionSheet c={c} sheet={sheet} onClose={() => setSheet(null)} />
    </div>
  );
}

/** /cases/:id — one case of mine: where it stands, the reply, the public trail and what I may do now. */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const q = useMyCase(id);
  const navigate = useNavigate();

  let body;
  if (q.isPending) {
    body = (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  } else if (q.isError) {
    const missing = isApiError(q.error) && q.error.status === 404;
    body = (
      <ErrorBlock status={missing ? 'empty' : 'disconnected'} title={missing ? '没有找到这件诉求' : errorMessage(q.error)} description="">
        <Button color="primary" onClick={() => (missing ? navigate('/cases', { replace: true }) : void q.refetch())}>
          {missing ? '查看我的诉求' : t.common.retry}
        </Button>
      </ErrorBlock>
    );
  } else {
    body = <Body c={q.data} />;
  }
  return (
    <SubPage title="诉求详情" testId="member-case-detail">
      {body}
    </SubPage>
  );
}
