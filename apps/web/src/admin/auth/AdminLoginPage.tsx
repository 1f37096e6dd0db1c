import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input } from 'antd';
import { LockOutlined, MobileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { Me } from '@gonghui/contracts';
import { api, errorMessage } from '../../lib/api';
import { useMe, useSetMe } from '../../lib/auth';
import { t } from '../../lib/i18n';
import { PHONE_RE } from '../../lib/validators';
import { BrandMark } from '../../lib/BrandMark';
import { applyServerErrors } from '../components/forms';
import './login.css';

type LoginForm = { phone: string; password: string };

function safeNext(next: string | null): string {
  return next && next.startsWith('/admin') && !next.startsWith('/admin/login') ? next : '/admin'; // the landing page depends on the account (AdminHome)
}

export function AdminLoginPage() {
  const [form] = Form.useForm<LoginForm>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);

  const login = useMutation({
    mutationFn: (v: LoginForm) => api.post<Me>('/auth/login/password', v),
    onSuccess: (data) => {
      setMe(data);
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });

  if (me.data && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  return (
    <div className="gh-login">
      <div className="gh-login-inner">
        <div className="gh-login-brand">
          <BrandMark size={48} />
          <div>
            <div className="gh-login-product">{t.product.fullName}</div>
            <div className="gh-login-tagline">{t.product.tagline}</div>
          </div>
        </div>
        <Card className="gh-login-card" variant="borderless">
          <div className="gh-login-card-title">{t.admin.login.title}</div>
          <div className="gh-login-card-sub">{t.admin.login.subtitle}</div>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 20 }}
              closable={{ onClose: () => setError(null) }}
              data-testid="login-error"
            />
          )}
          <Form<LoginForm>
            form={form}
            size="large"
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => {
              setError(null);
              login.mutate(v);
            }}
            onValuesChange={() => error && setError(null)}
          >
            <Form.Item
              name="phone"
              label={t.admin.login.phone}
              rules={[
                { required: true, message: t.validation.phoneRequired },
                { pattern: PHONE_RE, message: t.validation.phoneInvalid },
              ]}
            >
              <Input prefix={<MobileOutlined />} placeholder="请输入 11 位手机号" maxLength={11} autoComplete="username" inputMode="numeric" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t.admin.login.password}
              rules={[{ required: true, message: t.validation.passwordRequired }]}
            >
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 12, marginTop: 8 }}>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                {t.admin.login.submit}
              </Button>
            </Form.Item>
          </Form>
          <div className="gh-login-foot">
            <span>
              <SafetyCertificateOutlined /> {t.admin.login.remember}
            </span>
          </div>
          <div className="gh-login-highlights">
            {t.admin.login.highlights.map((h) => (
              <span key={h}>{h}</span>
            ))}
          </div>
        </Card>
        <div className="gh-login-footer">
          <a href="/login">{t.admin.login.memberEntry}</a>
          <span>·</span>
          <span>{t.product.copyright}</span>
        </div>
      </div>
    </div>
  );
}
