import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api.ts';
import { navigate } from '../lib/router.ts';

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.login(values.username, values.password);
      qc.setQueryData(['session'], { user });
      onLoggedIn();
      navigate(user.role === 'reviewer' ? { name: 'dashboard' } : { name: 'home' });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请检查网络');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 400, margin: '48px auto' }}>
      <Typography.Title level={3}>登录</Typography.Title>
      {error && <Alert type="error" title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="login" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, message: '请输入用户名' }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          登录
        </Button>
      </Form>
    </Card>
  );
}
