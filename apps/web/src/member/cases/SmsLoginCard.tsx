import { useEffect, useState } from 'react';
import { Button, Checkbox, Dialog, Form, Input, Toast } from 'antd-mobile';
import { useMutation } from '@tanstack/react-query';
import type { Me } from '@gonghui/contracts';
import { api, errorMessage } from '../../lib/api';
import { useSetMe } from '../../lib/auth';
import { t } from '../../lib/i18n';
import { PHONE_RE, SMS_CODE_RE } from '../../lib/validators';

const L = t.member.login;

/**
 * 手机号 + 短信验证码, right on the page a QR code opened (a hospital visitor should not be sent
 * elsewhere and back). Same endpoints and consent as the login page; the first login registers.
 */
export function SmsLoginCard({ title, hint }: { title: string; hint: string }) {
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const setMe = useSetMe();
  const [agreed, setAgreed] = useState(false);
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [until]);
  const left = Math.max(0, Math.ceil((until - now) / 1000));

  const send = useMutation({
    mutationFn: (phone: string) => api.post<{ sent: true; retryAfterSeconds: number }>('/auth/sms/send', { phone }),
    onSuccess: (r) => {
      Toast.show({ icon: 'success', content: L.codeSent });
      setNow(Date.now());
      setUntil(Date.now() + (r.retryAfterSeconds > 0 ? r.retryAfterSeconds : 60) * 1000);
    },
    onError: (e) => Toast.show({ content: errorMessage(e) }),
  });
  const login = useMutation({
    mutationFn: (v: { phone: string; code: string }) => api.post<Me>('/auth/login/sms', v),
    onSuccess: setMe,
    onError: (e) => Toast.show({ icon: 'fail', content: errorMessage(e) }),
  });

  const requestCode = async () => {
    try {
      const { phone } = await form.validateFields(['phone']);
      send.mutate(phone);
    } catch {
      /* the field shows its own error */
    }
  };

  return (
    <div className="gh-m-card gh-m-case-login" data-testid="case-intake-login">
      <div className="gh-m-card-title">{title}</div>
      <div className="gh-m-hint">{hint}</div>
      <Form
        form={form}
        layout="horizontal"
        requiredMarkStyle="none"
        onFinish={(v) => {
          if (!agreed) return void Toast.show({ content: t.validation.agreeRequired });
          login.mutate(v);
        }}
        footer={
          <>
            <div className="gh-m-agree">
              <Checkbox checked={agreed} onChange={setAgreed} style={{ '--icon-size': '16px', '--font-size': '13px', '--gap': '6px' }}>
                {L.agreePrefix}
              </Checkbox>
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  void Dialog.alert({ title: L.privacyTitle, content: L.privacyBody, confirmText: t.common.confirm });
                }}
              >
                {L.privacy}
              </a>
            </div>
            <Button block type="submit" color="primary" size="large" shape="rounded" loading={login.isPending}>
              验证并继续
            </Button>
          </>
        }
      >
        <Form.Item
          name="phone"
          label={L.phone}
          rules={[
            { required: true, message: t.validation.phoneRequired },
            { pattern: PHONE_RE, message: t.validation.phoneInvalid },
          ]}
        >
          <Input placeholder={L.phonePlaceholder} type="tel" maxLength={11} clearable autoComplete="tel" />
        </Form.Item>
        <Form.Item
          name="code"
          label={L.code}
          rules={[
            { required: true, message: t.validation.codeRequired },
            { pattern: SMS_CODE_RE, message: t.validation.codeInvalid },
          ]}
          extra={
            <Button
              size="small"
              color="primary"
              fill="none"
              className="gh-m-code-btn"
              disabled={left > 0 || send.isPending}
              loading={send.isPending}
              onClick={() => void requestCode()}
            >
              {left > 0 ? L.resend(left) : L.getCode}
            </Button>
          }
        >
          <Input placeholder={L.codePlaceholder} type="tel" maxLength={6} autoComplete="one-time-code" />
        </Form.Item>
      </Form>
    </div>
  );
}
