import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Segmented, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CASE_TYPES, CASE_TYPE_LABELS, type CaseType } from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../../lib/api';
import { useMe } from '../../../lib/auth';
import { t } from '../../../lib/i18n';
import { hasRootPermission } from '../../layout/access';
import { applyServerErrors } from '../../components/forms';
import { useCategories, useCreateCategory, useUpdateCategory, type CaseCategory } from '../api';

const s = t.admin.cases.settings;
const cs = s.categories;

/** 分类: per type, add / rename / reorder / enable. */
export function CategoriesTab() {
  const { message } = App.useApp();
  const [type, setType] = useState<CaseType>('appeal');
  const q = useCategories(type);
  const update = useUpdateCategory();
  const [editing, setEditing] = useState<CaseCategory | 'new' | null>(null);
  const canEdit = hasRootPermission(useMe().data!, 'case.configure');

  if (q.isError && isApiError(q.error) && [403, 404].includes(q.error.status)) return <Alert type="info" showIcon title={s.rootOnly} />;

  const patch = (id: string, v: { enabled?: boolean; sort?: number }) =>
    update.mutateAsync({ id, ...v }).then(
      () => void message.success(cs.savedOk),
      (e: unknown) => void message.error(errorMessage(e)),
    );

  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{cs.type}</Typography.Text>
        <Segmented<CaseType> value={type} onChange={setType} options={CASE_TYPES.map((x) => ({ value: x, label: CASE_TYPE_LABELS[x] }))} />
        <div style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} disabled={!canEdit}>
          {cs.add}
        </Button>
      </Flex>
      {!canEdit && <Alert type="info" showIcon title={s.rootOnly} style={{ marginBottom: 16 }} />}
      <Table<CaseCategory>
        rowKey="id"
        size="middle"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={false}
        locale={{ emptyText: q.isError ? <Typography.Text type="danger">{q.error.message}</Typography.Text> : cs.empty }}
        columns={[
          { title: cs.name, dataIndex: 'name' },
          {
            title: cs.sort,
            dataIndex: 'sort',
            width: 140,
            render: (v: number, r) => (
              <InputNumber<number>
                key={`${r.id}:${v}`}
                size="small"
                min={0}
                max={999}
                precision={0}
                defaultValue={v}
                disabled={!canEdit}
                onBlur={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n !== v) void patch(r.id, { sort: n });
                }}
              />
            ),
          },
          { title: cs.enabled, dataIndex: 'enabled', width: 100, render: (v: boolean, r) => <Switch size="small" checked={v} disabled={!canEdit} onChange={(x) => void patch(r.id, { enabled: x })} /> },
          {
            title: s.types.col.actions,
            key: 'actions',
            width: 100,
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => setEditing(r)} disabled={!canEdit}>
                {cs.rename}
              </Button>
            ),
          },
        ]}
      />
      {editing && <CategoryModal type={type} editing={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function CategoryModal({ type, editing, onClose }: { type: CaseType; editing: CaseCategory | 'new'; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; sort: number }>();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [open, setOpen] = useState(true);
  const isNew = editing === 'new';
  return (
    <Modal
      title={isNew ? `${cs.addTitle} · ${CASE_TYPE_LABELS[type]}` : cs.renameTitle}
      open={open}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={isNew ? { sort: 0 } : { name: editing.name, sort: editing.sort }}
        onFinish={(v) => {
          const p = isNew ? create.mutateAsync({ type, name: v.name.trim(), sort: v.sort, enabled: true }) : update.mutateAsync({ id: editing.id, name: v.name.trim() });
          void p.then(
            () => {
              void message.success(cs.savedOk);
              setOpen(false);
            },
            (e: unknown) => {
              if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
            },
          );
        }}
      >
        <Form.Item name="name" label={cs.name} rules={[{ required: true, whitespace: true, message: cs.nameRequired }, { max: 30, message: t.admin.cases.form.tooLong(cs.name, 30) }]}>
          <Input maxLength={30} />
        </Form.Item>
        {isNew && (
          <Form.Item name="sort" label={cs.sort}>
            <InputNumber<number> min={0} max={999} precision={0} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
