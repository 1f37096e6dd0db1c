import { useState } from 'react';
import { App, Badge, Button, Card, Flex, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CloseOutlined, PlusOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type UserListItem } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { OrgPicker } from '../components/OrgPicker';
import { PageContainer } from '../components/PageContainer';
import { useCurrentRole } from '../layout/currentRole';
import { useRevokeRole, useUsers } from './api';
import { AssignRoleModal } from './AssignRoleModal';
import { CreateUserModal } from './CreateUserModal';

const u = t.admin.users;

export default function UsersPage() {
  const { message } = App.useApp();
  const current = useCurrentRole();
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [assignFor, setAssignFor] = useState<UserListItem | null>(null);
  const users = useUsers({ orgId, q: q || undefined });
  const revoke = useRevokeRole();
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <PageContainer
      title={u.title}
      subtitle={u.subtitle}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {u.create}
        </Button>
      }
    >
      <Card variant="borderless" styles={{ body: { paddingBottom: 8 } }}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Space.Compact>
            <Space.Addon>{u.orgFilter}</Space.Addon>
            <OrgPicker value={orgId} onChange={setOrgId} placeholder={u.orgFilterPlaceholder} style={{ width: 300 }} />
          </Space.Compact>
          <Input.Search allowClear placeholder={u.qPlaceholder} style={{ width: 260 }} onSearch={(v) => setQ(v.trim())} />
          <div style={{ flex: 1 }} />
          <Tooltip title={t.common.refresh}>
            <Button icon={<ReloadOutlined />} onClick={() => void users.refetch()} loading={users.isRefetching} />
          </Tooltip>
        </Flex>
        <Table<UserListItem>
          rowKey="id"
          size="middle"
          loading={users.isPending}
          dataSource={rows}
          pagination={false}
          locale={users.isError ? { emptyText: <Typography.Text type="danger">{users.error.message}</Typography.Text> } : undefined}
          scroll={{ x: 960 }}
          columns={[
            {
              title: u.col.name,
              dataIndex: 'name',
              width: 120,
              render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
            },
            { title: u.col.phone, dataIndex: 'phoneMasked', width: 140, render: (p: string) => <span style={{ fontFamily: 'monospace' }}>{p}</span> },
            {
              title: u.col.roles,
              dataIndex: 'roles',
              render: (_: unknown, user) =>
                user.roles.length === 0 ? (
                  <Typography.Text type="secondary">{u.noRoles}</Typography.Text>
                ) : (
                  <Flex vertical gap={4}>
                    {user.roles.map((r) => (
                      <span key={r.id} className="gh-role-line">
                        <Tag color="red" style={{ marginInlineEnd: 6 }}>
                          {ROLE_LABELS[r.role]}
                        </Tag>
                        <span>{r.orgName}</span>
                        <Popconfirm
                          title={u.revokeConfirm(ROLE_LABELS[r.role], r.orgName)}
                          okText={u.revoke}
                          okButtonProps={{ danger: true, loading: revoke.isPending }}
                          onConfirm={() =>
                            revoke.mutateAsync(r.id).then(
                              () => void message.success(u.revokedOk),
                              (e: unknown) => void message.error(errorMessage(e)),
                            )
                          }
                        >
                          <Button type="text" size="small" danger icon={<CloseOutlined />} aria-label={u.revoke} title={u.revoke} />
                        </Popconfirm>
                      </span>
                    ))}
                  </Flex>
                ),
            },
            {
              title: u.col.password,
              dataIndex: 'hasPassword',
              width: 100,
              render: (v: boolean) => (v ? <Tag>{u.hasPassword}</Tag> : <Tag color="default">{u.noPassword}</Tag>),
            },
            {
              title: u.col.status,
              dataIndex: 'lockedUntil',
              width: 150,
              render: (v: string | null) =>
                v && new Date(v) > new Date() ? (
                  <Tooltip title={`至 ${fmtDateTime(v)}`}>
                    <Badge status="error" text={u.locked} />
                  </Tooltip>
                ) : (
                  <Badge status="success" text={u.normal} />
                ),
            },
            { title: u.col.createdAt, dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
            {
              title: u.col.actions,
              key: 'actions',
              width: 110,
              fixed: 'right',
              render: (_: unknown, user) => (
                <Button type="link" size="small" icon={<UserAddOutlined />} onClick={() => setAssignFor(user)}>
                  {u.assign}
                </Button>
              ),
            },
          ]}
        />
        <Flex justify="center" align="center" gap={12} style={{ padding: '12px 0 4px', color: '#8c8c8c', fontSize: 13 }}>
          <span>{t.common.loadedCount(rows.length)}</span>
          {users.hasNextPage ? (
            <Button size="small" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
              {t.common.loadMore}
            </Button>
          ) : (
            rows.length > 0 && <span>· {t.common.noMore}</span>
          )}
        </Flex>
      </Card>
      <CreateUserModal open={creating} defaultOrgId={orgId ?? current?.orgId} onClose={() => setCreating(false)} />
      <AssignRoleModal user={assignFor} defaultOrgId={orgId ?? current?.orgId} onClose={() => setAssignFor(null)} />
    </PageContainer>
  );
}
