import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Dialog, DotLoading, ErrorBlock, PullToRefresh, Steps, Tag, Toast } from 'antd-mobile';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  APPLICATION_EVENT_LABELS,
  APPLICATION_KIND_LABELS,
  APPLICATION_STAGE_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationDetail,
  type ApplicationStatus,
} from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';
import { SubPage } from '../home/SubPage';
import { useMyApplications, useWithdrawApplication } from './api';
import './progress.css';

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  pending: 'primary',
  approved: 'success',
  rejected: 'danger',
  returned: 'warning',
  withdrawn: 'default',
};

const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const monthDay = (iso: string) => dayjs(iso).format('M 月 D 日');

/** The promise a member can hold us to: 预计 X 月 X 日前办结 (or what happens when it is missed). */
function Deadline({ a }: { a: ApplicationDetail }) {
  if (a.status !== 'pending' || !a.dueAt) return null;
  if (a.escalated) {
    return (
      <div className="gh-m-app-due is-late">
        <ExclamationCircleOutlined /> 已超过办理时限，已提交上级工会督办
      </div>
    );
  }
  if (a.overdue) {
    return (
      <div className="gh-m-app-due is-late">
        <ExclamationCircleOutlined /> 已超过预计办结时间，系统已提醒审批人
      </div>
    );
  }
  const autoRelease = a.kind === 'transfer' && a.stage === 'release' ? a.data.autoReleaseAt : undefined;
  return (
    <div className="gh-m-app-due">
      <ClockCircleOutlined /> 预计 {monthDay(a.dueAt)}前办结
      {typeof autoRelease === 'string' && <div className="gh-m-app-due-sub">原单位 {monthDay(autoRelease)}前未答复的，系统将自动转出</div>}
    </div>
  );
}

function Timeline({ a }: { a: ApplicationDetail }) {
  const events = [...a.events].sort((x, y) => x.at.localeCompare(y.at));
  const last = events.at(-1);
  const failed = a.status === 'rejected' && last?.kind === 'rejected';
  return (
    <Steps direction="vertical" current={a.status === 'pending' ? events.length : events.length - 1} className="gh-m-app-steps">
      {events.map((e, i) => (
        <Steps.Step
          key={e.id}
          title={APPLICATION_EVENT_LABELS[e.kind] ?? e.kind}
          status={failed && i === events.length - 1 ? 'error' : 'finish'}
          description={
            <>
              <span className="gh-m-app-time">{at(e.at)}</span>
              {e.orgName && <span> · {e.orgName}</span>}
              {e.note && <div className="gh-m-app-note">{e.note}</div>}
            </>
          }
        />
      ))}
      {a.status === 'pending' && (
        <Steps.Step
          title={APPLICATION_STAGE_LABELS[a.stage] ?? '办理中'}
          status="process"
          description={a.orgName ? `由 ${a.orgName} 办理` : undefined}
        />
      )}
    </Steps>
  );
}

function ApplicationCard({ a, highlight }: { a: ApplicationDetail; highlight: boolean }) {
  const navigate = useNavigate();
  const withdraw = useWithdrawApplication();
  const canWithdraw = a.status === 'pending' && a.actions.includes('withdraw');

  const onWithdraw = async () => {
    const ok = await Dialog.confirm({
      content: '确定撤回这份申请？撤回后如需办理，须重新提交。',
      confirmText: '撤回',
      cancelText: t.common.cancel,
    });
    if (!ok) return;
    withdraw.mutate(a.id, {
      onSuccess: () => Toast.show({ icon: 'success', content: '申请已撤回' }),
      onError: (e) => Toast.show({ content: errorMessage(e) }),
    });
  };

  return (
    <div id={`app-${a.id}`} className={highlight ? 'gh-m-card gh-m-app is-highlight' : 'gh-m-card gh-m-app'} data-testid="application">
      <div className="gh-m-app-head">
        <span className="gh-m-app-kind">{APPLICATION_KIND_LABELS[a.kind]}</span>
        <Tag color={STATUS_COLORS[a.status]} fill="outline">
          {APPLICATION_STATUS_LABELS[a.status]}
        </Tag>
      </div>
      {a.kind === 'transfer' ? (
        <div className="gh-m-app-orgs">
          <div>
            <span>转出</span>
            {a.sourceOrgName ?? '—'}
          </div>
          <div>
            <span>转入</span>
            {a.targetOrgName}
          </div>
        </div>
      ) : (
        <div className="gh-m-app-orgs">
          <div>
            <span>{a.kind === 'founding' ? '拟建工会' : '申请加入'}</span>
            {a.targetOrgName}
          </div>
        </div>
      )}
      <div className="gh-m-app-meta">提交于 {at(a.createdAt)}</div>
      <Deadline a={a} />
      {(a.status === 'rejected' || a.status === 'returned') && a.reason && (
        <div className="gh-m-app-reason">
          {a.status === 'rejected' ? '未通过原因' : '退回意见'}：{a.reason}
        </div>
      )}
      <Timeline a={a} />
      <div className="gh-m-app-actions">
        {canWithdraw && (
          <Button size="small" shape="rounded" loading={withdraw.isPending} onClick={() => void onWithdraw()}>
            撤回
          </Button>
        )}
        {a.status === 'approved' && a.kind !== 'founding' && (
          <Button size="small" shape="rounded" color="primary" fill="outline" onClick={() => navigate('/card')}>
            查看会员卡
          </Button>
        )}
        {a.status === 'returned' && a.kind === 'founding' && (
          <Button size="small" shape="rounded" color="primary" fill="outline" onClick={() => navigate('/found')}>
            修改后重新提交
          </Button>
        )}
      </div>
    </div>
  );
}

/** /progress — 办理进度: every join / transfer / founding application of mine with its trail. */
export function ProgressPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const focus = params.get('id');
  const apps = useMyApplications();

  useEffect(() => {
    if (focus && apps.data) document.getElementById(`app-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [focus, apps.data]);

  let body;
  if (apps.isPending) {
    body = (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  } else if (apps.isError) {
    body = (
      <ErrorBlock status="disconnected" title={errorMessage(apps.error)} description="">
        <Button color="primary" onClick={() => void apps.refetch()}>
          {t.common.retry}
        </Button>
      </ErrorBlock>
    );
  } else if (apps.data.length === 0) {
    body = (
      <ErrorBlock status="empty" title="暂无办理记录" description="入会、会籍转移和建会申请提交后，可在这里查看进度">
        <Button color="primary" shape="rounded" onClick={() => navigate('/join')}>
          我要入会
        </Button>
      </ErrorBlock>
    );
  } else {
    body = apps.data.map((a) => <ApplicationCard key={a.id} a={a} highlight={a.id === focus} />);
  }

  return (
    <SubPage title="办理进度" testId="member-progress">
      <PullToRefresh onRefresh={async () => void (await apps.refetch())}>
        <div className="gh-m-progress">{body}</div>
      </PullToRefresh>
    </SubPage>
  );
}
