import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Checkbox, Dialog, Form, Input, Toast } from 'antd-mobile';
import { useMutation } from '@tanstack/react-query';
import type { Me } from '@gonghui/contracts';
import { api, errorMessage } from '../../lib/api';
import { useMe, useSetMe } from '../../lib/auth';
import { t } from '../../lib/i18n';
import { PHONE_RE, SMS_CODE_RE } from '../../lib/validators';
import { BrandMark } from '../../lib/BrandMark';

const L = t.member.login;
type Values = { phone: string; code: string };

function useCountdown() {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [until]);
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return { left, start: (seconds: number) => { setNow(Date.now()); setUntil(Date.now() + seconds * 1000); } };
}

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('/login') && !next.startsWith('//') ? next : '/';
}

export function MemberLoginPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const setMe = useSetMe();
  const [agreed, setAgreed] = useState(false);
  const countdown = useCountdown();

  const send = useMutation({
    mutationFn: (phone: string) => api.post<{ sent: true; retryAfterSeconds: number }>('/auth/sms/send', { phone }),
    onSuccess: (r) => {
      Toast.show({ icon: 'success', content: L.codeSent });
      countdown.start(r.retryAfterSeconds > 0 ? r.retryAfterSeconds : 60);
    },
    onError: (e) => Toast.show({ content: errorMessage(e) }),
  });

  const login = useMutation({
    mutationFn: (v: Values) => api.post<Me>('/auth/login/sms', v),
    onSuccess: (data) => {
      setMe(data);
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorMessage(e) }),
  });

  if (me.data && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const requestCode = async () => {
    try {
      const { phone } = await form.validateFields(['phone']);
      send.mutate(phone);
    } catch {
      /* the field shows its own error */
    }
  };

  const showPrivacy = () => Dialog.alert({ title: L.privacyTitle, content: L.privacyBody, confirmText: t.common.confirm });

  return (
    <div className="gh-m-login">
      <div className="gh-m-login-hero">
        <BrandMark size={56} />
        <div className="gh-m-login-title">{t.product.name}</div>
        <div className="gh-m-login-tagline">{t.product.memberTagline}</div>
      </div>
      <div className="gh-m-login-card">
        <div className="gh-m-login-welcome">{L.title}</div>
        <div className="gh-m-login-sub">{L.welcome}</div>
        <Form
          form={form}
          layout="horizontal"
          mode="card"
          requiredMarkStyle="none"
          onFinish={(v) => {
            if (!agreed) {
              Toast.show({ content: t.validation.agreeRequired });
              return;
            }
            login.mutate(v);
          }}
          footer={
            <>
              <div className="gh-m-agree">
                <Checkbox checked={agreed} onChange={setAgreed} style={{ '--icon-size': '16px', '--font-size': '13px', '--gap': '6px' }}>
                  {L.agreePrefix}
                </Checkbox>
                <a
                  onClick={(e) => {
                    e.preventDefault();
                    showPrivacy();
                  }}
                  href="#"
                >
                  {L.privacy}
                </a>
              </div>
              <Button block type="submit" color="primary" size="large" shape="rounded" loading={login.isPending}>
                {L.submit}
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
                disabled={countdown.left > 0 || send.isPending}
                loading={send.isPending}
                onClick={() => void requestCode()}
              >
                {countdown.left > 0 ? L.resend(countdown.left) : L.getCode}
              </Button>
            }
          >
            <Input placeholder={L.codePlaceholder} type="tel" maxLength={6} autoComplete="one-time-code" />
          </Form.Item>
        </Form>
      </div>
      <div className="gh-m-login-foot">
        <a href="/admin/login">{L.cadreEntry}</a>
      </div>
    </div>
  );
}
