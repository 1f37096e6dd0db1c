import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { ROLE_LABELS, TEAM_SKILLS, TEAM_SKILL_LABELS, type TeamSkill } from '@gonghui/contracts';
import { errorMessage } from '../../../lib/api';
import { useDebouncedValue } from '../../../lib/hooks';
import { t } from '../../../lib/i18n';
import { applyServerErrors } from '../../components/forms';
import { useUsers } from '../../users/api';
import { useTeamMutations, useTeams, type CaseTeam } from '../api';

const ts = t.admin.cases.settings.teams;
type Member = CaseTeam['members'][number];

/** 承办团队: the handler groups of one org, their members, who is on duty and how loaded they are. */
export function TeamsTab({ orgId }: { orgId: string | undefined }) {
  const { message } = App.useApp();
  const q = useTeams(orgId);
  const m = useTeamMutations();
  const [creating, setCreating] = useState(false);
  const [adding, setAdding] = useState<CaseTeam | null>(null);
  const fail = (e: unknown) => void message.error(errorMessage(e));
  const ok = () => void message.success(ts.savedOk);

  if (!orgId) return <Empty description={t.validation.orgRequired} />;
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {ts.add}
        </Button>
      </Flex>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <Alert type="error" showIcon title={q.error.message} />
      ) : q.data.length === 0 ? (
        <Empty description={ts.empty} />
      ) : (
        <Flex vertical gap={16}>
          {q.data.map((team) => (
            <Card
              key={team.id}
              size="small"
              data-testid="case-team"
              title={
                <Space size={8}>
                  <span>{team.name}</span>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {TEAM_SKILL_LABELS[team.skill]}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                    {team.orgName}
                  </Typography.Text>
                </Space>
              }
              extra={
                <Space>
                  <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding(team)}>
                    {ts.addMember}
                  </Button>
                  <Popconfirm
                    title={ts.remove}
                    description={<div style={{ maxWidth: 260 }}>{ts.removeConfirm(team.name)}</div>}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => m.remove.mutateAsync(team.id).then(() => void message.success(ts.removedOk), fail)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />}>
                      {ts.remove}
                    </Button>
                  </Popconfirm>
                </Space>
              }
            >
              <Table<Member>
                rowKey="userId"
                size="small"
                pagination={false}
                dataSource={team.members}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                columns={[
                  {
                    title: ts.memberCol.name,
                    dataIndex: 'name',
                    render: (v: string, r) => (
                      <Space size={6}>
                        <span>{v}</span>
                        {r.partner && (
                          <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                            {ts.partner}
                          </Tag>
                        )}
                      </Space>
                    ),
                  },
                  { title: ts.memberCol.phone, dataIndex: 'phone', width: 140, render: (v: string) => <span className="gh-mono">{v}</span> },
                  {
                    title: ts.memberCol.onDuty,
                    dataIndex: 'onDuty',
                    width: 90,
                    render: (v: boolean, r) => (
                      <Switch size="small" checked={v} onChange={(x) => m.updateMember.mutateAsync({ teamId: team.id, userId: r.userId, onDuty: x }).then(ok, fail)} />
                    ),
                  },
                  {
                    title: ts.memberCol.leader,
                    dataIndex: 'isLeader',
                    width: 90,
                    render: (v: boolean, r) => (
                      <Switch size="small" checked={v} onChange={(x) => m.updateMember.mutateAsync({ teamId: team.id, userId: r.userId, isLeader: x }).then(ok, fail)} />
                    ),
                  },
                  {
                    title: ts.memberCol.load,
                    dataIndex: 'openCases',
                    width: 100,
                    render: (v: number) => <Typography.Text type={v >= 10 ? 'warning' : undefined}>{v}</Typography.Text>,
                  },
                  {
                    title: ts.memberCol.actions,
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, r) => (
                      <Popconfirm
                        title={ts.removeMemberConfirm(r.name)}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => m.removeMember.mutateAsync({ teamId: team.id, userId: r.userId }).then(ok, fail)}
                      >
                        <Button type="link" size="small" danger>
                          {ts.removeMember}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]}
              />
            </Card>
          ))}
        </Flex>
      )}
      {creating && <TeamModal orgId={orgId} onClose={() => setCreating(false)} />}
      {adding && <MemberModal team={adding} onClose={() => setAdding(null)} />}
    </>
  );
}

function TeamModal({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; skill: TeamSkill }>();
  const { create } = useTeamMutations();
  const [open, setOpen] = useState(true);
  return (
    <Modal title={ts.addTitle} open={open} onCancel={() => setOpen(false)} afterClose={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ skill: 'general' }}
        onFinish={(v) =>
          void create.mutateAsync({ orgId, name: v.name.trim(), skill: v.skill }).then(
            () => {
              void message.success(ts.createdOk);
              setOpen(false);
            },
            (e: unknown) => {
              if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
            },
          )
        }
      >
        <Form.Item name="name" label={ts.name} rules={[{ required: true, whitespace: true, min: 2, max: 40, message: ts.namePlaceholder }]}>
          <Input maxLength={40} placeholder={ts.namePlaceholder} />
        </Form.Item>
        <Form.Item name="skill" label={ts.skill} rules={[{ required: true }]}>
          <Select options={TEAM_SKILLS.map((x) => ({ value: x, label: TEAM_SKILL_LABELS[x] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MemberModal({ team, onClose }: { team: CaseTeam; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string; onDuty: boolean; isLeader: boolean }>();
  const { addMember } = useTeamMutations();
  const [open, setOpen] = useState(true);
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  // the users admin search: name prefix or a full phone number, within the actor's scope
  const users = useUsers({ q: q || undefined });
  const inTeam = new Set(team.members.map((x) => x.userId));
  const options = (users.data?.pages.flatMap((p) => p.items) ?? [])
    .filter((u) => !inTeam.has(u.id))
    .map((u) => ({
      value: u.id,
      label: `${u.name}（${u.phoneMasked}）`,
      roles: u.roles.map((r) => `${ROLE_LABELS[r.role]} · ${r.orgName}`).join('；'),
    }));
  return (
    <Modal
      title={ts.addMemberTitle(team.name)}
      open={open}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
      onOk={() => form.submit()}
      confirmLoading={addMember.isPending}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ onDuty: true, isLeader: false }}
        onFinish={(v) =>
          void addMember.mutateAsync({ teamId: team.id, ...v }).then(
            () => {
              void message.success(ts.savedOk);
              setOpen(false);
            },
            (e: unknown) => {
              if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
            },
          )
        }
      >
        <Form.Item name="userId" label={ts.user} extra={ts.userHint} rules={[{ required: true, message: ts.userPlaceholder }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
            placeholder={ts.userPlaceholder}
            loading={users.isFetching}
            options={options}
            optionRender={(o) => (
              <div style={{ lineHeight: 1.4 }}>
                <div>{o.data.label}</div>
                <div style={{ fontSize: 12, color: '#8c8c8c', overflow: 'hidden', textOverflow: 'ellipsis' }}>{o.data.roles}</div>
              </div>
            )}
          />
        </Form.Item>
        <Space size={32}>
          <Form.Item name="onDuty" label={ts.onDuty} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="isLeader" label={ts.leader} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
