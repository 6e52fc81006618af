/**
 * For the admin: users (create, reset password, disable/enable), units, regions and the audit
 * log. Everything a person reads is Chinese: roles, regions and log actions by their labels.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, listOf, type Region, type Role, type User } from '../api.ts';
import { ROLE_LABELS } from '../session.tsx';
import { logActionLabel, logDetailText } from '../lib/log-labels.ts';

const errorText = (e: unknown, fallback: string) => (e instanceof ApiError ? e.message : fallback);

/** Region tree as TreeSelect data (ids as strings). */
export function regionTreeData(
  regions: readonly Region[],
): { value: string; title: string; children: ReturnType<typeof regionTreeData> }[] {
  return regions.map((r) => ({
    value: String(r.id),
    title: r.name,
    children: regionTreeData(r.children ?? []),
  }));
}

/** All regions of the tree, flat, for names by id. */
export function flatRegions(regions: readonly Region[]): Region[] {
  return regions.flatMap((r) => [r, ...flatRegions(r.children ?? [])]);
}

export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: async () => listOf(await api.regions()),
  });
}

export function AdminPage() {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        系统管理
      </Typography.Title>
      <Tabs
        items={[
          { key: 'users', label: '用户', children: <UsersTab /> },
          { key: 'units', label: '单位', children: <UnitsTab /> },
          { key: 'regions', label: '地区', children: <RegionsTab /> },
          { key: 'log', label: '操作日志', children: <LogTab /> },
        ]}
      />
    </Space>
  );
}

function UsersTab() {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const users = useQuery({ queryKey: ['users'], queryFn: api.users });
  const units = useQuery({ queryKey: ['units'], queryFn: api.units });
  const regions = useRegions();
  const [createOpen, setCreateOpen] = useState(false);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const unitName = new Map((units.data ?? []).map((u) => [String(u.id), u.name]));
  const regionName = new Map(flatRegions(regions.data ?? []).map((r) => [String(r.id), r.name]));
  const toggle = (u: User) =>
    modal.confirm({
      title: u.disabled ? `启用用户 ${u.username}？` : `停用用户 ${u.username}？`,
      content: u.disabled ? '启用后可再次登录。' : '停用后不能登录，已登录的会话立即失效。',
      okText: u.disabled ? '启用' : '停用',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.setDisabled(u.id, !u.disabled);
          message.success(u.disabled ? '已启用' : '已停用');
          await qc.invalidateQueries({ queryKey: ['users'] });
        } catch (e) {
          message.error(errorText(e, '操作失败'));
        }
      },
    });
  return (
    <>
      <Button type="primary" onClick={() => setCreateOpen(true)} style={{ marginBottom: 8 }}>
        新建用户
      </Button>
      <Table<User>
        size="small"
        rowKey={(u) => String(u.id)}
        loading={users.isLoading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '角色', render: (_, u) => ROLE_LABELS[u.role] },
          {
            title: '单位 / 地区',
            render: (_, u) =>
              u.unitId != null
                ? (unitName.get(String(u.unitId)) ?? '—')
                : u.regionId != null
                  ? (regionName.get(String(u.regionId)) ?? '—')
                  : '—',
          },
          {
            title: '状态',
            render: (_, u) =>
              u.disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>,
          },
          {
            title: '操作',
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => setResetFor(u)}>
                  重置密码
                </Button>
                <Button size="small" danger={!u.disabled} onClick={() => toggle(u)}>
                  {u.disabled ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CreateUserDialog open={createOpen} onClose={() => setCreateOpen(false)} />
      <PasswordDialog
        open={resetFor !== null}
        title={`重置 ${resetFor?.username ?? ''} 的密码`}
        onClose={() => setResetFor(null)}
        onSubmit={async (pw) => {
          if (!resetFor) return;
          await api.resetPassword(resetFor.id, pw);
          message.success(`已重置 ${resetFor.username} 的密码，其已登录的会话已失效`);
        }}
      />
    </>
  );
}

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const units = useQuery({ queryKey: ['units'], queryFn: api.units });
  const regions = useRegions();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [regionId, setRegionId] = useState<string | undefined>();
  const [problem, setProblem] = useState('');
  const ready =
    username.trim() &&
    password &&
    (role !== 'editor' || unitId) &&
    (role !== 'reviewer' || regionId);
  const submit = async () => {
    try {
      await api.createUser({
        username: username.trim(),
        password,
        role,
        ...(role === 'editor' && unitId ? { unitId } : {}),
        ...(role === 'reviewer' && regionId ? { regionId } : {}),
      });
      message.success(`已创建用户 ${username.trim()}`);
      setUsername('');
      setPassword('');
      setProblem('');
      onClose();
      await qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      setProblem(errorText(e, '创建失败'));
    }
  };
  return (
    <Modal
      open={open}
      title="新建用户"
      okText="创建"
      cancelText="取消"
      okButtonProps={{ disabled: !ready }}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form layout="vertical">
        <Form.Item label="用户名" htmlFor="new-username">
          <Input id="new-username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </Form.Item>
        <Form.Item label="初始密码" htmlFor="new-password" extra="至少 8 个字符">
          <Input.Password
            id="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Form.Item>
        <Form.Item label="角色">
          <Select<Role>
            aria-label="角色"
            value={role}
            onChange={setRole}
            options={(['editor', 'reviewer', 'admin'] as const).map((r) => ({
              value: r,
              label: ROLE_LABELS[r],
            }))}
          />
        </Form.Item>
        {role === 'editor' && (
          <Form.Item label="所属单位">
            <Select
              aria-label="所属单位"
              showSearch
              optionFilterProp="label"
              value={unitId}
              onChange={setUnitId}
              options={(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            />
          </Form.Item>
        )}
        {role === 'reviewer' && (
          <Form.Item label="负责地区">
            <TreeSelect
              aria-label="负责地区"
              value={regionId}
              onChange={setRegionId}
              treeData={regionTreeData(regions.data ?? [])}
              treeDefaultExpandAll
            />
          </Form.Item>
        )}
        {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** A new password typed twice (reset by an admin, or one's own change with the current one). */
export function PasswordDialog({
  open,
  title,
  askCurrent = false,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  askCurrent?: boolean;
  onClose: () => void;
  onSubmit: (next: string, current: string) => Promise<void>;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState('');
  const mismatch = again !== '' && next !== again;
  const close = () => {
    setCurrent('');
    setNext('');
    setAgain('');
    setProblem('');
    onClose();
  };
  return (
    <Modal
      open={open}
      title={title}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ disabled: !next || next !== again || (askCurrent && !current) }}
      onCancel={close}
      onOk={async () => {
        try {
          await onSubmit(next, current);
          close();
        } catch (e) {
          setProblem(errorText(e, '修改失败'));
        }
      }}
    >
      <Form layout="vertical">
        {askCurrent && (
          <Form.Item label="当前密码" htmlFor="pw-current">
            <Input.Password
              id="pw-current"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </Form.Item>
        )}
        <Form.Item label="新密码" htmlFor="pw-next" extra="至少 8 个字符">
          <Input.Password id="pw-next" value={next} onChange={(e) => setNext(e.target.value)} />
        </Form.Item>
        <Form.Item
          label="再输入一次新密码"
          htmlFor="pw-again"
          {...(mismatch ? { validateStatus: 'error' as const, help: '两次输入不一致' } : {})}
        >
          <Input.Password id="pw-again" value={again} onChange={(e) => setAgain(e.target.value)} />
        </Form.Item>
        {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function UnitsTab() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const units = useQuery({ queryKey: ['units'], queryFn: api.units });
  const regions = useRegions();
  const regionName = new Map(flatRegions(regions.data ?? []).map((r) => [String(r.id), r.name]));
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [regionId, setRegionId] = useState<string | undefined>();
  const add = async () => {
    try {
      await api.createUnit({
        name: name.trim(),
        regionId: regionId as string,
        ...(code.trim() ? { budgetCode: code.trim() } : {}),
      });
      message.success(`已添加单位 ${name.trim()}`);
      setName('');
      setCode('');
      await qc.invalidateQueries({ queryKey: ['units'] });
    } catch (e) {
      message.error(errorText(e, '添加失败'));
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input
          aria-label="单位名称"
          placeholder="单位名称"
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ width: 240 }}
        />
        <Input
          aria-label="预算编码"
          placeholder="预算编码（可不填）"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          style={{ width: 160 }}
        />
        <TreeSelect
          aria-label="所属地区"
          placeholder="所属地区"
          value={regionId}
          onChange={setRegionId}
          treeData={regionTreeData(regions.data ?? [])}
          treeDefaultExpandAll
          style={{ width: 200 }}
        />
        <Button type="primary" disabled={!name.trim() || !regionId} onClick={() => void add()}>
          添加单位
        </Button>
      </Space>
      <Table
        size="small"
        rowKey={(u) => String(u.id)}
        loading={units.isLoading}
        dataSource={units.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '单位', dataIndex: 'name' },
          { title: '预算编码', render: (_, u) => u.budgetCode || '—' },
          { title: '地区', render: (_, u) => regionName.get(String(u.regionId)) ?? '—' },
        ]}
      />
    </>
  );
}

function RegionsTab() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const regions = useRegions();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | undefined>();
  const add = async () => {
    try {
      await api.createRegion({ name: name.trim(), ...(parentId ? { parentId } : {}) });
      message.success(`已添加地区 ${name.trim()}`);
      setName('');
      await qc.invalidateQueries({ queryKey: ['regions'] });
    } catch (e) {
      message.error(errorText(e, '添加失败'));
    }
  };
  const rows = (rs: readonly Region[], depth: number): { r: Region; depth: number }[] =>
    rs.flatMap((r) => [{ r, depth }, ...rows(r.children ?? [], depth + 1)]);
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input
          aria-label="地区名称"
          placeholder="地区名称"
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ width: 200 }}
        />
        <TreeSelect
          aria-label="上级地区"
          placeholder="上级地区（可不选）"
          allowClear
          value={parentId}
          onChange={setParentId}
          treeData={regionTreeData(regions.data ?? [])}
          treeDefaultExpandAll
          style={{ width: 200 }}
        />
        <Button type="primary" disabled={!name.trim()} onClick={() => void add()}>
          添加地区
        </Button>
      </Space>
      <ul aria-label="地区" style={{ listStyle: 'none', paddingLeft: 0 }}>
        {rows(regions.data ?? [], 0).map(({ r, depth }) => (
          <li key={String(r.id)} style={{ paddingLeft: depth * 24, lineHeight: '28px' }}>
            {depth > 0 ? '└ ' : ''}
            {r.name}
          </li>
        ))}
      </ul>
    </>
  );
}

function LogTab() {
  const log = useQuery({ queryKey: ['log'], queryFn: () => api.log(200) });
  return (
    <Table
      size="small"
      rowKey={(e) => String(e.id)}
      loading={log.isLoading}
      dataSource={log.data ?? []}
      pagination={{ pageSize: 20 }}
      columns={[
        {
          title: '时间',
          width: 180,
          render: (_, e) => new Date(e.at).toLocaleString('zh-CN'),
        },
        { title: '操作人', dataIndex: 'actor', width: 120 },
        {
          title: '操作',
          width: 160,
          render: (_, e) => <span data-testid="log-action">{logActionLabel(e.action)}</span>,
        },
        { title: '说明', render: (_, e) => logDetailText(e) },
      ]}
    />
  );
}
