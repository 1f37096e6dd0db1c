import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Dialog, Popup, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isApiError } from '../../lib/api';
import { MY_APPLICATIONS_KEY } from '../progress/api';
import { submitTransfer } from '../transfer/api';
import { TransferReasonInput, TransferStepsExplainer, transferReasonRule } from '../transfer/TransferParts';

/**
 * 已是会员 → 会籍转移 from the join page: the member record found by 身份证号 (or in the profile)
 * moves to the union of the scanned code (or to the industry federation picked on the form).
 */
export function JoinTransferPopup({
  from,
  toOrgName,
  token,
  toOrgId,
  onClose,
}: {
  from: { memberId: string; orgName: string } | null;
  toOrgName: string;
  token: string;
  toOrgId?: string;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = useMutation({
    mutationFn: () =>
      // the token names the scanned union; toOrgId, when set, is the industry federation it offered
      submitTransfer({ memberId: from!.memberId, token, ...(toOrgId ? { toOrgId } : {}), reason: reason.trim() }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: MY_APPLICATIONS_KEY });
      Toast.show({ icon: 'success', content: '转会申请已提交' });
      navigate('/progress', { replace: true });
    },
    onError: (e) => {
      // the record found by 身份证号 belongs to another login (e.g. imported with another phone number)
      if (isApiError(e) && e.status === 404) {
        void Dialog.alert({
          content: `「${from?.orgName ?? ''}」登记的会籍未绑定当前手机号。请用入会时登记的手机号登录后办理会籍转移，或联系原工会更新手机号。`,
          confirmText: '知道了',
        });
        return;
      }
      Toast.show({ content: errorMessage(e) });
    },
  });

  const onSubmit = async () => {
    try {
      await transferReasonRule.validator(null, reason);
      setError(null);
      submit.mutate();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Popup visible={from !== null} onMaskClick={onClose} onClose={onClose} bodyClassName="gh-m-sheet" destroyOnClose>
      <div className="gh-m-sheet-title">申请会籍转移</div>
      <div className="gh-m-sheet-body">
        <div className="gh-m-transfer-route">
          <div>
            <span>转出</span>
            {from?.orgName}
          </div>
          <div>
            <span>转入</span>
            {toOrgName}
          </div>
        </div>
        <TransferStepsExplainer />
        <div className="gh-m-sheet-label">转会原因</div>
        <TransferReasonInput value={reason} onChange={setReason} />
        {error && <div className="gh-m-field-error">{error}</div>}
      </div>
      <div className="gh-m-sheet-foot">
        <Button block color="primary" shape="rounded" size="large" loading={submit.isPending} onClick={() => void onSubmit()}>
          提交转会申请
        </Button>
      </div>
    </Popup>
  );
}
