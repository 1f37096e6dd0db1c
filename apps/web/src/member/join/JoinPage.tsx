import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Checkbox, Dialog, DotLoading, ErrorBlock, Form, Input, Popup, Result, Selector, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApartmentOutlined, HomeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_FORMS,
  ETHNICITIES,
  INDUSTRY_LINE_LABELS,
  POLITICAL_STATUSES,
  joinApplicationInputSchema,
  joinConflictDetailsSchema,
  normalizeIdNumber,
  parseIdNumber,
  realNameSchema,
  type JoinTarget,
  type Me,
} from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { t } from '../../lib/i18n';
import { useProfile } from '../api';
import { MY_APPLICATIONS_KEY, useMyApplications } from '../progress/api';
import { submitJoinApplication, useJoinTarget } from './api';
import { applyServerErrors, zodRule } from './forms';
import { JoinTransferPopup } from './JoinTransferPopup';
import { PickerInput, type PickerInputRef } from './PickerInput';
import { PRIVACY_NOTICE_TITLE, PrivacyNotice } from './privacyNotice';
import '../home/subpage.css';
import './join.css';

const INVALID_LINK = '该入会二维码已失效，请联系工会重新获取';
const CONSENT_REQUIRED = '请阅读并同意《个人信息保护告知书》';

type Values = {
  name?: string;
  idNumber?: string;
  phone?: string;
  ethnicity?: string | null;
  education?: string | null;
  politicalStatus?: string | null;
  employer?: string;
  occupation?: string;
  employmentForm?: string | null;
  address?: string;
  useIndustry?: boolean;
  orgId?: string;
};
const FIELD_NAMES = [
  'name',
  'idNumber',
  'phone',
  'ethnicity',
  'education',
  'politicalStatus',
  'employer',
  'occupation',
  'employmentForm',
  'address',
  'orgId',
] as const;

const shape = realNameSchema.shape;
const RULES = {
  name: [zodRule(shape.name, t.validation.nameRequired)],
  idNumber: [zodRule(shape.idNumber, '请输入身份证号')],
  phone: [zodRule(shape.phone, t.validation.phoneRequired)],
  employer: [zodRule(shape.employer)],
  occupation: [zodRule(shape.occupation)],
  address: [zodRule(shape.address)],
};

/** SMS login creates the account as 用户1234; that is no one's real name. */
function accountName(me: Me): string | undefined {
  return /^用户\d{4}$/.test(me.user.name) ? undefined : me.user.name;
}

const industryLabel = (line: string) => INDUSTRY_LINE_LABELS[line as keyof typeof INDUSTRY_LINE_LABELS] ?? line;

const openPicker = (_: unknown, ref: { current: PickerInputRef | null }) => ref.current?.open();

/** 出生日期 / 性别, read from the 身份证号 as it is typed. */
function DerivedFromId({ idNumber }: { idNumber?: string }) {
  const s = normalizeIdNumber(idNumber ?? '');
  if (s.length < 18) return <span className="gh-m-derived is-empty">输入身份证号后自动识别</span>;
  const r = parseIdNumber(s);
  if (!r.ok) return <span className="gh-m-derived is-empty">—</span>;
  return (
    <span className="gh-m-derived" data-testid="join-derived">
      {r.birthDate} · {r.gender === 'M' ? '男' : '女'}
    </span>
  );
}

function JoinHero({ target }: { target: JoinTarget }) {
  const path = target.orgPathNames.at(-1) === target.orgName ? target.orgPathNames.slice(0, -1) : target.orgPathNames;
  return (
    <div className="gh-m-join-hero">
      <Link to="/" className="gh-m-join-home">
        <HomeOutlined /> 首页
      </Link>
      <div className="gh-m-join-kicker">申请加入</div>
      <div className="gh-m-join-org" data-testid="join-org-name">
        {target.orgName}
      </div>
      {path.length > 0 && (
        <div className="gh-m-join-path">
          <ApartmentOutlined /> {path.join(' / ')}
        </div>
      )}
      <ol className="gh-m-join-flow">
        <li>填写实名信息</li>
        <li>工会审核</li>
        <li>领取电子会员卡</li>
      </ol>
    </div>
  );
}

function LoginFirst({ token }: { token: string }) {
  const navigate = useNavigate();
  return (
    <div className="gh-m-card gh-m-join-login">
      <div className="gh-m-card-title">请先验证手机号</div>
      <div className="gh-m-hint">
        入会需要填写实名信息。请先用手机号和短信验证码登录（首次使用将自动注册），登录后会回到本页继续填写。
      </div>
      <Button
        block
        color="primary"
        shape="rounded"
        size="large"
        onClick={() => navigate(`/login?next=${encodeURIComponent(`/join/${token}`)}`)}
      >
        手机号验证登录
      </Button>
    </div>
  );
}

function JoinForm({ target, token, me }: { target: JoinTarget; token: string; me: Me }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [agreed, setAgreed] = useState(false);
  const [consentError, setConsentError] = useState<string | null>(null);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [conflict, setConflict] = useState<{ memberId: string; orgName: string } | null>(null);
  const industry = target.industryOptions;
  const setAgree = (v: boolean) => {
    setAgreed(v);
    if (v) setConsentError(null);
  };

  const submit = useMutation({
    mutationFn: submitJoinApplication,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: MY_APPLICATIONS_KEY });
      Toast.show({ icon: 'success', content: '入会申请已提交' });
      navigate('/progress', { replace: true });
    },
    onError: async (e) => {
      if (isApiError(e, 'ALREADY_MEMBER')) {
        const d = joinConflictDetailsSchema.safeParse(e.details);
        if (!d.success) return void Toast.show({ content: e.message });
        const ok = await Dialog.confirm({
          title: '您已是工会会员',
          content: `您已是「${d.data.orgName}」的会员，是否申请会籍转移到本工会？`,
          confirmText: '申请会籍转移',
          cancelText: '暂不',
        });
        if (ok) setConflict(d.data);
        return;
      }
      if (isApiError(e, 'ALREADY_MEMBER_HERE')) {
        const ok = await Dialog.confirm({ content: e.message, confirmText: '查看会员卡', cancelText: t.common.cancel });
        if (ok) navigate('/card');
        return;
      }
      if (isApiError(e, 'ALREADY_PENDING')) {
        const ok = await Dialog.confirm({ content: e.message, confirmText: '查看办理进度', cancelText: t.common.cancel });
        if (ok) navigate('/progress');
        return;
      }
      const rest = applyServerErrors(form, e, FIELD_NAMES);
      if (rest.consent) setConsentError(rest.consent);
      Toast.show({ content: errorMessage(e) });
    },
  });

  const onFinish = (v: Values) => {
    if (!agreed) {
      setConsentError(CONSENT_REQUIRED);
      Toast.show({ content: CONSENT_REQUIRED });
      return;
    }
    const parsed = joinApplicationInputSchema.safeParse({
      ...v,
      token,
      orgId: v.useIndustry ? v.orgId : undefined,
      consent: true,
    });
    if (!parsed.success) {
      Toast.show({ content: parsed.error.issues[0]?.message ?? t.common.unknownError });
      return;
    }
    submit.mutate({ ...parsed.data, consent: true });
  };

  const useIndustry = Form.useWatch('useIndustry', form);
  const industryOrgId = Form.useWatch('orgId', form);
  const pickedIndustry = useIndustry ? industryOrgId : undefined;
  const toOrgName = industry.find((o) => o.orgId === pickedIndustry)?.orgName ?? target.orgName;

  return (
    <>
      <Form
        form={form}
        layout="horizontal"
        mode="card"
        className="gh-m-join-form"
        initialValues={{ name: accountName(me) }}
        onFinish={onFinish}
        onValuesChange={(changed: Values) => {
          // 新就业形态劳动者 are who the industry federations are for: preselect it once
          if (changed.useIndustry && !form.getFieldValue('employmentForm')) form.setFieldValue('employmentForm', '新就业形态');
        }}
        footer={
          <div className="gh-m-join-foot">
            <div className="gh-m-agree gh-m-join-agree">
              {/* antd-mobile hides its <input>; the wrapper is what assistive tech (and tests) see */}
              <span
                role="checkbox"
                aria-checked={agreed}
                aria-label="我已阅读并同意"
                tabIndex={0}
                onKeyDown={(e) => {
                  if (e.key === ' ' || e.key === 'Enter') {
                    e.preventDefault();
                    setAgree(!agreed);
                  }
                }}
              >
                <Checkbox checked={agreed} onChange={setAgree} style={{ '--icon-size': '16px', '--font-size': '13px', '--gap': '6px' }}>
                  我已阅读并同意
                </Checkbox>
              </span>
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  setNoticeOpen(true);
                }}
              >
                《{PRIVACY_NOTICE_TITLE}》
              </a>
            </div>
            {consentError && <div className="gh-m-field-error gh-m-consent-error">{consentError}</div>}
            <Button block type="submit" color="primary" size="large" shape="rounded" loading={submit.isPending}>
              提交入会申请
            </Button>
            <div className="gh-m-join-safe">
              <SafetyCertificateOutlined /> 身份证号、手机号加密存储，仅授权的工会工作人员可查看
            </div>
          </div>
        }
      >
        <Form.Header>实名信息</Form.Header>
        <Form.Item name="name" label="姓名" rules={RULES.name} required>
          <Input placeholder="请输入姓名" maxLength={30} clearable autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          rules={RULES.idNumber}
          required
          normalize={(v: string | undefined) => (v ? normalizeIdNumber(v) : v)}
        >
          <Input placeholder="请输入身份证号" maxLength={18} clearable autoComplete="off" className="gh-m-mono" />
        </Form.Item>
        <Form.Item label="出生日期" dependencies={['idNumber']} className="gh-m-derived-item">
          {() => <DerivedFromId idNumber={form.getFieldValue('idNumber') as string | undefined} />}
        </Form.Item>
        <Form.Item name="phone" label="手机号" rules={RULES.phone} required>
          <Input placeholder="请输入手机号" type="tel" maxLength={11} clearable autoComplete="tel" />
        </Form.Item>
        <Form.Item name="ethnicity" label="民族" onClick={openPicker} arrow>
          <PickerInput options={ETHNICITIES} title="选择民族" />
        </Form.Item>
        <Form.Item name="education" label="学历" onClick={openPicker} arrow>
          <PickerInput options={EDUCATION_LEVELS} title="选择学历" />
        </Form.Item>
        <Form.Item name="politicalStatus" label="政治面貌" onClick={openPicker} arrow>
          <PickerInput options={POLITICAL_STATUSES} title="选择政治面貌" />
        </Form.Item>

        <Form.Header>工作信息</Form.Header>
        {industry.length > 0 && (
          <Form.Item name="useIndustry" valuePropName="checked" className="gh-m-industry-toggle">
            <Checkbox style={{ '--icon-size': '18px', '--font-size': '14px', '--gap': '8px' }}>
              我所在的单位没有工会，加入行业工会联合会
            </Checkbox>
          </Form.Item>
        )}
        {industry.length > 0 && (
          <Form.Subscribe to={['useIndustry']}>
            {({ useIndustry }: Values) =>
              useIndustry ? (
                <Form.Item
                  name="orgId"
                  label="行业工会"
                  layout="vertical"
                  rules={[{ required: true, message: '请选择要加入的行业工会' }]}
                  getValueProps={(v: string | undefined) => ({ value: v ? [v] : [] })}
                  normalize={(v: string[]) => v[0]}
                >
                  <Selector
                    columns={1}
                    options={industry.map((o) => ({ label: o.orgName, value: o.orgId, description: `${industryLabel(o.industryLine)}行业从业者` }))}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Subscribe>
        )}
        <Form.Item name="employmentForm" label="就业形式" onClick={openPicker} arrow>
          <PickerInput options={EMPLOYMENT_FORMS} title="选择就业形式" />
        </Form.Item>
        <Form.Item name="employer" label="工作单位" rules={RULES.employer}>
          <Input placeholder="请输入工作单位全称" maxLength={100} clearable />
        </Form.Item>
        <Form.Item name="occupation" label="职业/岗位" rules={RULES.occupation}>
          <Input placeholder="如：快递员、车间操作工" maxLength={50} clearable />
        </Form.Item>
        <Form.Item name="address" label="居住地址" rules={RULES.address}>
          <Input placeholder="请输入现居住地址" maxLength={200} clearable autoComplete="street-address" />
        </Form.Item>
      </Form>

      <Popup
        visible={noticeOpen}
        onMaskClick={() => setNoticeOpen(false)}
        onClose={() => setNoticeOpen(false)}
        bodyClassName="gh-m-sheet"
      >
        <div className="gh-m-sheet-title">{PRIVACY_NOTICE_TITLE}</div>
        <div className="gh-m-sheet-body gh-m-sheet-scroll">
          <PrivacyNotice />
        </div>
        <div className="gh-m-sheet-foot">
          <Button
            block
            color="primary"
            shape="rounded"
            size="large"
            onClick={() => {
              setAgree(true);
              setNoticeOpen(false);
            }}
          >
            同意并继续
          </Button>
        </div>
      </Popup>

      <JoinTransferPopup
        from={conflict}
        toOrgName={toOrgName}
        token={token}
        toOrgId={pickedIndustry}
        onClose={() => setConflict(null)}
      />
    </>
  );
}

/** Logged in: either the form, or why there is no form (already a member here / elsewhere, or waiting). */
function JoinBody({ target, token, me }: { target: JoinTarget; token: string; me: Me }) {
  const navigate = useNavigate();
  const profile = useProfile();
  const applications = useMyApplications();
  const [transferFrom, setTransferFrom] = useState<{ memberId: string; orgName: string } | null>(null);

  if (profile.isPending || applications.isPending) {
    return (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  const active = profile.data?.memberships.filter((m) => m.status === 'active') ?? [];
  const here = active.find((m) => m.orgId === target.orgId);
  if (here) {
    return (
      <div className="gh-m-card">
        <Result status="success" title="您已是本工会会员" description={`会员卡号 ${here.cardNo}`} />
        <Button block color="primary" shape="rounded" onClick={() => navigate('/card')}>
          查看会员卡
        </Button>
      </div>
    );
  }
  const pending = applications.data?.find((a) => a.status === 'pending' && (a.kind === 'join' || a.kind === 'transfer'));
  if (pending) {
    return (
      <div className="gh-m-card">
        <Result
          status="waiting"
          title={pending.kind === 'join' ? '您的入会申请正在审核中' : '您的会籍转移正在办理中'}
          description={`${pending.kind === 'transfer' ? '转入' : ''}${pending.targetOrgName} · 可在「办理进度」查看审核结果`}
        />
        <Button block color="primary" shape="rounded" onClick={() => navigate('/progress')}>
          查看办理进度
        </Button>
      </div>
    );
  }
  const elsewhere = active[0];
  if (elsewhere) {
    return (
      <>
        <div className="gh-m-card">
          <Result
            status="info"
            title={`您已是「${elsewhere.orgName}」的会员`}
            description="一人只能在一个工会保留会籍。如已更换工作单位，请申请将会籍转移到本工会。"
          />
          <Button
            block
            color="primary"
            shape="rounded"
            onClick={() => setTransferFrom({ memberId: elsewhere.id, orgName: elsewhere.orgName })}
          >
            申请会籍转移
          </Button>
        </div>
        <JoinTransferPopup from={transferFrom} toOrgName={target.orgName} token={token} onClose={() => setTransferFrom(null)} />
      </>
    );
  }
  return <JoinForm target={target} token={token} me={me} />;
}

/** /join/:token — where a worker lands from a union's QR code (一码入会). */
export function JoinPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const target = useJoinTarget(token);
  const me = useMe();

  if (target.isPending || me.isPending) {
    return (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (target.isError) {
    const invalid = isApiError(target.error) && (target.error.status === 404 || target.error.code === 'JOIN_LINK_INVALID');
    return (
      <div className="gh-m-join-invalid" data-testid="join-invalid">
        <ErrorBlock
          status={invalid ? 'empty' : 'disconnected'}
          title={invalid ? INVALID_LINK : errorMessage(target.error)}
          description={invalid ? '入会二维码可能已被工会重新生成或停用。' : t.common.networkError}
        >
          {invalid ? (
            <Button color="primary" shape="rounded" onClick={() => navigate('/', { replace: true })}>
              返回首页
            </Button>
          ) : (
            <Button color="primary" shape="rounded" onClick={() => void target.refetch()}>
              {t.common.retry}
            </Button>
          )}
        </ErrorBlock>
      </div>
    );
  }

  return (
    <div className="gh-m-join" data-testid="member-join">
      <JoinHero target={target.data} />
      {me.data ? <JoinBody target={target.data} token={token} me={me.data} /> : <LoginFirst token={token} />}
    </div>
  );
}
