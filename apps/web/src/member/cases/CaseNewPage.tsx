import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, Toast } from 'antd-mobile';
import { CASE_TYPES, type CaseType } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';
import { useProfile } from '../api';
import { SubPage } from '../home/SubPage';
import { useCaseMeta } from './api';
import { CaseForm } from './CaseForm';
import '../home/subpage.css';
import './cases.css';

const asType = (s: string | null): CaseType | undefined => (CASE_TYPES as readonly string[]).includes(s ?? '') ? (s as CaseType) : undefined;

/** /cases/new?type= — 我要诉求 (and 法律援助, 心理咨询 … from the home grid). */
export function CaseNewPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const type = asType(params.get('type'));
  const meta = useCaseMeta();
  const profile = useProfile();
  // the member's own union handles it; without one, the way in is a union's appeal QR code
  const member = profile.data?.memberships.some((m) => m.status === 'active');
  const types = (meta.data?.types ?? []).filter((m) => m.enabled);
  const current = types.find((m) => m.type === type);
  const title = current && current.type !== 'appeal' ? current.label : '我要诉求';

  let body;
  if (meta.isPending || profile.isPending) {
    body = (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  } else if (meta.isError) {
    body = (
      <ErrorBlock status="disconnected" title={errorMessage(meta.error)} description="">
        <Button color="primary" onClick={() => void meta.refetch()}>
          {t.common.retry}
        </Button>
      </ErrorBlock>
    );
  } else if (profile.isSuccess && !member) {
    body = (
      <ErrorBlock status="empty" title="您还不是工会会员" description="请先入会后在这里提交；也可以扫描工会张贴的诉求二维码提交，或拨打职工服务热线 12351">
        <Button color="primary" shape="rounded" onClick={() => navigate('/join')}>
          入会指引
        </Button>
      </ErrorBlock>
    );
  } else if (types.length === 0 || (type && !current)) {
    body = <ErrorBlock status="empty" title="该服务暂未开通" description="如需帮助，请拨打职工服务热线 12351" />;
  } else {
    body = (
      <>
        <div className="gh-m-case-intro">
          提交后由您所在工会受理，超过时限未办理的将自动提醒并提交上级工会督办。您可以在「我的诉求」查看每一步进展。
        </div>
        <CaseForm
          types={types}
          initialType={current?.type}
          submitText="提交"
          onSubmitted={(c) => {
            Toast.show({ icon: 'success', content: '已提交' });
            navigate(`/cases/${c.id}`, { replace: true });
          }}
        />
      </>
    );
  }

  return (
    <SubPage title={title} testId="member-case-new">
      {body}
    </SubPage>
  );
}
