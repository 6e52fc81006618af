/** The shell: session, top navigation by role, and the page for the current hash route. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { App as AntApp, Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.ts';
import { href, navigate, useRoute, type Route } from './lib/router.ts';
import { ROLE_LABELS, SessionContext } from './session.tsx';
import { LoginPage } from './pages/login.tsx';
import { HomePage } from './pages/home.tsx';
import { PublicPage } from './pages/public.tsx';

const DossierPage = lazy(() =>
  import('./pages/dossier.tsx').then((m) => ({ default: m.DossierPage })),
);
const DashboardPage = lazy(() =>
  import('./pages/dashboard.tsx').then((m) => ({ default: m.DashboardPage })),
);
const ComparePage = lazy(() =>
  import('./pages/compare.tsx').then((m) => ({ default: m.ComparePage })),
);
const AdminPage = lazy(() => import('./pages/admin.tsx').then((m) => ({ default: m.AdminPage })));
const PasswordDialog = lazy(() =>
  import('./pages/admin.tsx').then((m) => ({ default: m.PasswordDialog })),
);
const ImportPage = lazy(() =>
  import('./pages/import.tsx').then((m) => ({ default: m.ImportPage })),
);

const PUBLIC_ROUTES: Route['name'][] = ['public', 'publicReport', 'login'];

export function App() {
  const route = useRoute();
  const qc = useQueryClient();
  const session = useQuery({ queryKey: ['session'], queryFn: api.session });
  const user = session.data?.user ?? null;
  const [passwordOpen, setPasswordOpen] = useState(false);
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (session.isSuccess && !user && !PUBLIC_ROUTES.includes(route.name))
      navigate({ name: 'login' });
  }, [session.isSuccess, user, route.name]);

  const refresh = () => {
    void qc.invalidateQueries();
  };
  const logout = async () => {
    await api.logout().catch(() => undefined);
    qc.clear();
    navigate({ name: 'public' });
    await qc.invalidateQueries({ queryKey: ['session'] });
  };

  const items = [
    ...(user?.role === 'editor' || user?.role === 'admin'
      ? [{ key: 'home', label: <a href={href({ name: 'home' })}>我的填报</a> }]
      : []),
    ...(user ? [{ key: 'import', label: <a href={href({ name: 'import' })}>导入报告</a> }] : []),
    ...(user?.role === 'reviewer' || user?.role === 'admin'
      ? [{ key: 'dashboard', label: <a href={href({ name: 'dashboard' })}>汇总看板</a> }]
      : []),
    ...(user?.role === 'admin'
      ? [{ key: 'admin', label: <a href={href({ name: 'admin' })}>系统管理</a> }]
      : []),
    { key: 'public', label: <a href={href({ name: 'public' })}>公开报告</a> },
  ];
  const selected =
    route.name === 'publicReport'
      ? 'public'
      : route.name === 'dossier'
        ? user?.role === 'reviewer'
          ? 'dashboard'
          : 'home'
        : route.name;

  let page: React.ReactNode;
  if (session.isLoading) page = <Spin aria-label="加载中" />;
  else if (route.name === 'login') page = <LoginPage onLoggedIn={refresh} />;
  else if (route.name === 'public') page = <PublicPage />;
  else if (route.name === 'publicReport') page = <PublicPage openId={route.id} />;
  else if (!user) page = <Spin aria-label="加载中" />;
  else if (route.name === 'home')
    page = user.role === 'reviewer' ? <DashboardPage /> : <HomePage />;
  else if (route.name === 'dossier') page = <DossierPage key={route.id} id={route.id} />;
  else if (route.name === 'dashboard') page = <DashboardPage />;
  else if (route.name === 'compare') page = <ComparePage unitId={route.unitId} />;
  else if (route.name === 'import') page = <ImportPage />;
  else if (route.name === 'admin')
    page = user.role === 'admin' ? <AdminPage /> : <Result status="403" title="仅管理员可用" />;
  else page = <Result status="404" title="页面不存在" extra={<a href="#/">返回首页</a>} />;

  return (
    <SessionContext.Provider value={{ user, refresh }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            background: '#fff',
            borderBottom: '1px solid #eee',
            padding: '0 20px',
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            <a href="#/" style={{ color: 'inherit' }}>
              部门整体支出绩效自评
            </a>
          </Typography.Title>
          <nav aria-label="主导航" style={{ flex: 1, minWidth: 0 }}>
            <Menu
              mode="horizontal"
              selectedKeys={[selected]}
              items={items}
              style={{ borderBottom: 'none' }}
            />
          </nav>
          {user ? (
            <Space>
              <span data-testid="current-user">
                {user.username}（{ROLE_LABELS[user.role]}）
              </span>
              <Button onClick={() => setPasswordOpen(true)}>修改密码</Button>
              <Button onClick={() => void logout()}>退出</Button>
              {passwordOpen && (
                <Suspense fallback={null}>
                  <PasswordDialog
                    open
                    askCurrent
                    title="修改我的密码"
                    onClose={() => setPasswordOpen(false)}
                    onSubmit={async (next, current) => {
                      await api.changePassword(current, next);
                      message.success('密码已修改，其他设备上的登录已失效');
                    }}
                  />
                </Suspense>
              )}
            </Space>
          ) : (
            route.name !== 'login' && (
              <Button type="primary" href={href({ name: 'login' })}>
                登录
              </Button>
            )
          )}
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <main>
            <Suspense fallback={<Spin aria-label="加载中" />}>{page}</Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </SessionContext.Provider>
  );
}
