import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, Input, List, Result, SearchBar, Selector, Tabs, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JoinTarget } from '@gonghui/contracts';
import { api, errorMessage, isApiError } from '../../lib/api';
import { useDebouncedValue } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { useProfile } from '../api';
import { SubPage } from '../home/SubPage';
import { extractJoinToken } from '../join/qr';
import { ScanJoinCodeButton } from '../join/ScanButton';
import { MY_APPLICATIONS_KEY, useMyApplications } from '../progress/api';
import { submitTransfer, useTransferTargets, type TransferBody, type TransferTarget } from './api';
import { TransferReasonInput, TransferStepsExplainer, transferReasonRule } from './TransferParts';
import './transfer.css';

/** The new union, picked by search (orgId) or named by its join code (token, checked by the server). */
type Target = TransferTarget & { token?: string };

const pathOf = (t: { orgName: string; orgPathNames: string[] }) =>
  (t.orgPathNames.at(-1) === t.orgName ? t.orgPathNames.slice(0, -1) : t.orgPathNames).join(' / ');

function SearchTargets({ onPick }: { onPick: (t: Target) => void }) {
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q, 300);
  const found = useTransferTargets(debounced);
  const short = debounced.trim().length < 2;
  return (
    <>
      <SearchBar placeholder="输入新单位工会名称" value={q} onChange={setQ} />
      {short ? (
        <div className="gh-m-hint gh-m-target-hint">请输入工会名称中的至少 2 个字</div>
      ) : found.isPending ? (
        <div className="gh-m-center gh-m-target-hint">
          <DotLoading color="primary" />
        </div>
      ) : found.isError ? (
        <div className="gh-m-field-error">{errorMessage(found.error)}</div>
      ) : found.data.length === 0 ? (
        <div className="gh-m-hint gh-m-target-hint">未找到匹配的工会，可向新单位工会索取入会二维码</div>
      ) : (
        <List className="gh-m-target-list">
          {found.data.map((o) => (
            <List.Item key={o.orgId} description={pathOf(o)} onClick={() => onPick(o)} arrow>
              {o.orgName}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}

function LinkTarget({ onPick }: { onPick: (t: Target) => void }) {
  const [link, setLink] = useState('');
  const [busy, setBusy] = useState(false);
  const resolve = async (token: string) => {
    setBusy(true);
    try {
      const target = await api.get<JoinTarget>(`/join/${encodeURIComponent(token)}`);
      onPick({ orgId: target.orgId, orgName: target.orgName, orgPathNames: target.orgPathNames, token });
    } catch (e) {
      Toast.show({ content: isApiError(e) && e.status === 404 ? '该入会二维码已失效，请联系工会重新获取' : errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const onPaste = () => {
    const token = extractJoinToken(link);
    if (!token) return void Toast.show({ content: '请粘贴新单位工会发送的入会链接' });
    void resolve(token);
  };
  return (
    <>
      <ScanJoinCodeButton block color="primary" fill="outline" shape="rounded" onToken={(tk) => void resolve(tk)}>
        拍照识别新单位入会二维码
      </ScanJoinCodeButton>
      <div className="gh-m-or">或</div>
      <div className="gh-m-paste-row">
        <Input value={link} onChange={setLink} placeholder="粘贴入会链接" clearable />
        <Button color="primary" shape="rounded" loading={busy} onClick={onPaste}>
          确定
        </Button>
      </div>
    </>
  );
}

/** /transfer — 会籍转移: move my active membership to the union of my new workplace. */
export function TransferPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const profile = useProfile();
  const apps = useMyApplications();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ target?: string; reason?: string }>({});

  // a join link handed over in the URL (/transfer?token=…) names the new union straight away
  const tokenParam = params.get('token');
  useEffect(() => {
    if (!tokenParam) return;
    let live = true;
    api
      .get<JoinTarget>(`/join/${encodeURIComponent(tokenParam)}`)
      .then((tg) => live && setTarget({ orgId: tg.orgId, orgName: tg.orgName, orgPathNames: tg.orgPathNames, token: tokenParam }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [tokenParam]);

  const submit = useMutation({
    mutationFn: (body: TransferBody) => submitTransfer(body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: MY_APPLICATIONS_KEY });
      Toast.show({ icon: 'success', content: '转会申请已提交' });
      navigate('/progress', { replace: true });
    },
    onError: (e) => Toast.show({ content: errorMessage(e) }),
  });

  if (profile.isPending || apps.isPending) {
    return (
      <SubPage title="会籍转移">
        <div className="gh-m-center">
          <DotLoading color="primary" />
        </div>
      </SubPage>
    );
  }
  if (profile.isError) {
    return (
      <SubPage title="会籍转移">
        <ErrorBlock status="disconnected" title={errorMessage(profile.error)} description="">
          <Button color="primary" onClick={() => void profile.refetch()}>
            {t.common.retry}
          </Button>
        </ErrorBlock>
      </SubPage>
    );
  }

  const active = profile.data.memberships.filter((m) => m.status === 'active');
  const from = active.find((m) => m.id === memberId) ?? active[0];
  const pending = apps.data?.find((a) => a.kind === 'transfer' && a.status === 'pending');

  const pick = (tg: Target) => {
    if (from && tg.orgId === from.orgId) {
      Toast.show({ content: '您已是该工会的会员，请选择新单位的工会' });
      return;
    }
    setTarget(tg);
    setErrors((e) => ({ ...e, target: undefined }));
  };

  const onSubmit = async () => {
    const next: typeof errors = {};
    if (!target) next.target = '请选择转入的工会';
    try {
      await transferReasonRule.validator(null, reason);
    } catch (e) {
      next.reason = (e as Error).message;
    }
    setErrors(next);
    if (!from || !target || next.target || next.reason) return;
    const base = { memberId: from.id, reason: reason.trim() };
    submit.mutate(target.token ? { ...base, token: target.token } : { ...base, toOrgId: target.orgId });
  };

  let body;
  if (pending) {
    body = (
      <div className="gh-m-card">
        <Result status="waiting" title="您的会籍转移正在办理中" description={`转入 ${pending.targetOrgName}`} />
        <Button block color="primary" shape="rounded" onClick={() => navigate('/progress')}>
          查看办理进度
        </Button>
      </div>
    );
  } else if (!from) {
    body = (
      <ErrorBlock status="empty" title="您目前没有在籍的会籍" description="会籍转移适用于已入会、因更换工作单位需要转到新工会的会员；尚未入会请先入会。">
        <Button color="primary" shape="rounded" onClick={() => navigate('/join')}>
          我要入会
        </Button>
      </ErrorBlock>
    );
  } else {
    body = (
      <>
        <div className="gh-m-card">
          <div className="gh-m-card-title">转出单位（当前会籍）</div>
          {active.length > 1 && (
            <Selector
              columns={1}
              value={[from.id]}
              onChange={(v) => v[0] && setMemberId(v[0])}
              options={active.map((m) => ({ label: m.orgName, value: m.id }))}
            />
          )}
          <div className="gh-m-org-name">{from.orgName}</div>
          <div className="gh-m-org-path">
            {pathOf(from)}
            {from.cardNo && ` · 会员卡号 ${from.cardNo}`}
          </div>
        </div>

        <div className="gh-m-card">
          <div className="gh-m-card-title">转入工会</div>
          {target ? (
            <div className="gh-m-target-picked" data-testid="transfer-target">
              <div>
                <div className="gh-m-org-name">{target.orgName}</div>
                <div className="gh-m-org-path">{pathOf(target)}</div>
              </div>
              <Button size="small" fill="none" color="primary" onClick={() => setTarget(null)}>
                更换
              </Button>
            </div>
          ) : (
            <Tabs className="gh-m-target-tabs">
              <Tabs.Tab title="搜索工会" key="search">
                <SearchTargets onPick={pick} />
              </Tabs.Tab>
              <Tabs.Tab title="扫码 / 粘贴链接" key="link">
                <LinkTarget onPick={pick} />
              </Tabs.Tab>
            </Tabs>
          )}
          {errors.target && <div className="gh-m-field-error">{errors.target}</div>}
        </div>

        <div className="gh-m-card">
          <div className="gh-m-card-title">转会原因</div>
          <TransferReasonInput value={reason} onChange={setReason} />
          {errors.reason && <div className="gh-m-field-error">{errors.reason}</div>}
        </div>

        <div className="gh-m-actions">
          <Button block color="primary" shape="rounded" size="large" loading={submit.isPending} onClick={() => void onSubmit()}>
            提交转会申请
          </Button>
        </div>
      </>
    );
  }

  return (
    <SubPage title="会籍转移" testId="member-transfer">
      <div className="gh-m-card">
        <div className="gh-m-card-title">办理流程</div>
        <TransferStepsExplainer />
      </div>
      {body}
    </SubPage>
  );
}
