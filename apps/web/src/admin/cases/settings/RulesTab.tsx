import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Modal, Popconfirm, Select, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CASE_TYPES, CASE_TYPE_LABELS, ROUTING_TARGETS, ROUTING_TARGET_LABELS, TEAM_SKILLS, TEAM_SKILL_LABELS, type CaseType, type TeamSkill } from '@gonghui/contracts';
import { errorMessage } from '../../../lib/api';
import { t } from '../../../lib/i18n';
import { applyServerErrors } from '../../components/forms';
import { OrgPicker } from '../../components/OrgPicker';
import { useCaseMeta, useRoutingRules, useRuleMutations, type CaseRoutingRule } from '../api';
import { CaseTypeTag } from '../labels';

const rs = t.admin.cases.settings.rules;
type Target = CaseRoutingRule['targetKind'];

/** 分派规则: which level (and which kind of team) handles a type of case from a subtree. */
export function RulesTab({ orgId }: { orgId: string | undefined }) {
  const { message } = App.useApp();
  const q = useRoutingRules(orgId);
  const m = useRuleMutations();
  const [adding, setAdding] = useState(false);
  const fail = (e: unknown) => void message.error(errorMessage(e));
  return (
    <>
      <Flex gap={16} align="start" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ flex: 1, margin: 0 }}>
          {rs.hint}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!orgId}>
          {rs.add}
        </Button>
      </Flex>
      {q.isError ? (
        <Alert type="error" showIcon title={q.error.message} />
      ) : (
        <Table<CaseRoutingRule>
          rowKey="id"
          size="middle"
          loading={!!orgId && q.isPending}
          dataSource={q.data ?? []}
          pagination={false}
          locale={{ emptyText: rs.empty }}
          columns={[
            { title: rs.col.org, dataIndex: 'orgName', ellipsis: true },
            { title: rs.col.type, dataIndex: 'caseType', width: 130, render: (v: CaseType) => <CaseTypeTag type={v} /> },
            { title: rs.col.category, dataIndex: 'categoryName', width: 140, render: (v: string | null) => v ?? <Typography.Text type="secondary">{rs.anyCategory}</Typography.Text> },
            { title: rs.col.target, dataIndex: 'targetKind', width: 150, render: (v: Target) => ROUTING_TARGET_LABELS[v] },
            { title: rs.col.skill, dataIndex: 'teamSkill', width: 130, render: (v: TeamSkill | null) => (v ? TEAM_SKILL_LABELS[v] : <Typography.Text type="secondary">{rs.anySkill}</Typography.Text>) },
            {
              title: rs.col.enabled,
              dataIndex: 'enabled',
              width: 80,
              render: (v: boolean, r) => <Switch size="small" checked={v} onChange={(x) => m.toggle.mutateAsync({ id: r.id, enabled: x }).then(() => undefined, fail)} />,
            },
            {
              title: rs.col.actions,
              key: 'actions',
              width: 80,
              render: (_: unknown, r) => (
                <Popconfirm title={rs.removeConfirm} okButtonProps={{ danger: true }} onConfirm={() => m.remove.mutateAsync(r.id).then(() => void message.success(rs.removedOk), fail)}>
                  <Button type="link" size="small" danger>
                    {rs.remove}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
      {adding && orgId && <RuleModal orgId={orgId} onClose={() => setAdding(false)} />}
    </>
  );
}

type Values = { orgId: string; caseType: CaseType; categoryId?: string; targetKind: Target; teamSkill?: TeamSkill };

function RuleModal({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { create } = useRuleMutations();
  const meta = useCaseMeta();
  const [open, setOpen] = useState(true);
  const caseType = Form.useWatch('caseType', form);
  const categories = meta.data?.types.find((x) => x.type === caseType)?.categories ?? [];
  return (
    <Modal title={rs.addTitle} open={open} onCancel={() => setOpen(false)} afterClose={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ orgId, caseType: 'appeal', targetKind: 'street' }}
        onValuesChange={(ch: Partial<Values>) => {
          if ('caseType' in ch) form.setFieldValue('categoryId', undefined);
        }}
        onFinish={(v) =>
          void create.mutateAsync({ ...v, categoryId: v.categoryId ?? null, teamSkill: v.teamSkill ?? null, enabled: true }).then(
            () => {
              void message.success(rs.createdOk);
              setOpen(false);
            },
            (e: unknown) => {
              if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
            },
          )
        }
      >
        <Form.Item name="orgId" label={rs.org} extra={rs.orgHelp} rules={[{ required: true, message: t.validation.orgRequired }]}>
          <OrgPicker allowClear={false} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="caseType" label={rs.col.type} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={CASE_TYPES.map((x) => ({ value: x, label: CASE_TYPE_LABELS[x] }))} />
          </Form.Item>
          <Form.Item name="categoryId" label={rs.col.category} style={{ flex: 1 }}>
            <Select allowClear placeholder={rs.anyCategory} disabled={categories.length === 0} options={categories.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
        </Flex>
        <Flex gap={16}>
          <Form.Item name="targetKind" label={rs.target} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={ROUTING_TARGETS.map((x) => ({ value: x, label: ROUTING_TARGET_LABELS[x] }))} />
          </Form.Item>
          <Form.Item name="teamSkill" label={rs.skill} style={{ flex: 1 }}>
            <Select allowClear placeholder={rs.anySkill} options={TEAM_SKILLS.map((x) => ({ value: x, label: TEAM_SKILL_LABELS[x] }))} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
