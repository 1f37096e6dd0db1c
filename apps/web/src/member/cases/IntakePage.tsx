import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, Toast } from 'antd-mobile';
import { HomeOutlined } from '@ant-design/icons';
import { errorMessage, isApiError } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { t } from '../../lib/i18n';
import { useCaseMeta, useIntakeTarget, type IntakeTarget } from './api';
import { CaseForm } from './CaseForm';
import { SmsLoginCard } from './SmsLoginCard';
import '../home/subpage.css';
import '../join/join.css';
import './cases.css';

const INVALID_LINK = '该二维码已失效';

function Hero({ target }: { target: IntakeTarget }) {
  const injury = target.purpose === 'injury';
  return (
    <div className="gh-m-join-hero gh-m-intake-hero">
      <Link to="/" className="gh-m-join-home">
        <HomeOutlined /> 首页
      </Link>
      <div className="gh-m-join-kicker">{injury ? '工伤探视申请' : '职工诉求 · 扫码反映'}</div>
      <div className="gh-m-join-org" data-testid="intake-org">
        {target.orgName}
      </div>
      <div className="gh-m-join-path">{target.label}</div>
      <ol className="gh-m-join-flow">
        <li>验证手机号</li>
        <li>{injury ? '填写受伤情况' : '填写诉求'}</li>
        <li>{injury ? '工会探视慰问' : '工会受理答复'}</li>
      </ol>
    </div>
  );
}

function IntakeForm({ token, target }: { token: string; target: IntakeTarget }) {
  const navigate = useNavigate();
  const meta = useCaseMeta();
  if (meta.isPending) {
    return (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (meta.isError) {
    return (
      <ErrorBlock status="disconnected" title={errorMessage(meta.error)} description="">
        <Button color="primary" onClick={() => void meta.refetch()}>
          {t.common.retry}
        </Button>
      </ErrorBlock>
    );
  }
  const injury = target.purpose === 'injury';
  // a hospital's code files 工伤探视 only; an appeal box takes every other enabled type
  const types = meta.data.types.filter((m) => m.enabled && (injury ? m.type === 'injury_visit' : m.type !== 'injury_visit'));
  if (types.length === 0) return <ErrorBlock status="empty" title="该服务暂未开通" description="如需帮助，请拨打职工服务热线 12351" />;
  return (
    <CaseForm
      types={types}
      initialType={injury ? 'injury_visit' : 'appeal'}
      lockType={injury}
      intakeToken={token}
      anonymousAllowed={!injury}
      submitText={injury ? '提交探视申请' : '提交诉求'}
      onSubmitted={(c) => {
        Toast.show({ icon: 'success', content: '已提交' });
        navigate(`/cases/${c.id}`, { replace: true });
      }}
    />
  );
}

/** /c/:token — a union's appeal box or a hospital's 工伤探视 code: verify the phone here, then the form. */
export function IntakePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const target = useIntakeTarget(token);
  const me = useMe();

  if (target.isPending || me.isPending) {
    return (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (target.isError) {
    const invalid = isApiError(target.error) && (target.error.status === 404 || target.error.code === 'INTAKE_LINK_INVALID');
    return (
      <div className="gh-m-join-invalid" data-testid="intake-invalid">
        <ErrorBlock
          status={invalid ? 'empty' : 'disconnected'}
          title={invalid ? INVALID_LINK : errorMessage(target.error)}
          description={invalid ? '二维码可能已被工会停用。如需帮助，请拨打职工服务热线 12351。' : t.common.networkError}
        >
          <Button color="primary" shape="rounded" onClick={() => (invalid ? navigate('/', { replace: true }) : void target.refetch())}>
            {invalid ? '返回首页' : t.common.retry}
          </Button>
        </ErrorBlock>
      </div>
    );
  }
  const injury = target.data.purpose === 'injury';
  return (
    <div className="gh-m-join gh-m-intake" data-testid="member-case-intake">
      <Hero target={target.data} />
      {me.data ? (
        <IntakeForm token={token} target={target.data} />
      ) : (
        <SmsLoginCard
          title="请先验证手机号"
          hint={
            injury
              ? '验证手机号后填写受伤职工的情况，工会将联系您安排探视。首次使用将自动注册。'
              : '验证手机号后填写诉求，办理进度和答复会通过短信通知您；可以选择匿名提交。首次使用将自动注册。'
          }
        />
      )}
    </div>
  );
}
