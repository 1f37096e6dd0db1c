import { useState } from 'react';
import { Alert, App, Button, InputNumber, Switch, Table, Typography } from 'antd';
import { errorMessage, isApiError } from '../../../lib/api';
import { useMe } from '../../../lib/auth';
import { t } from '../../../lib/i18n';
import { hasRootPermission } from '../../layout/access';
import { useSaveTypeSetting, useTypeSettings, type CaseTypeSetting } from '../api';
import { CaseTypeTag } from '../labels';

const s = t.admin.cases.settings;

/** 事项类型与时限: one editable row per type, saved row by row. */
export function TypesTab() {
  const { message } = App.useApp();
  const q = useTypeSettings();
  const save = useSaveTypeSetting();
  const [draft, setDraft] = useState<Record<string, CaseTypeSetting>>({});
  // types and SLAs are one policy for the whole province: others see them read-only
  const canEdit = hasRootPermission(useMe().data!, 'case.configure');

  if (q.isError) {
    return <Alert type="info" showIcon title={isApiError(q.error) && [403, 404].includes(q.error.status) ? s.rootOnly : q.error.message} />;
  }
  const rows = (q.data ?? []).map((r) => draft[r.type] ?? r);
  const edit = (r: CaseTypeSetting, patch: Partial<CaseTypeSetting>) => setDraft((d) => ({ ...d, [r.type]: { ...r, ...patch } }));
  const dirty = (r: CaseTypeSetting) => {
    const orig = q.data?.find((x) => x.type === r.type);
    return !!orig && JSON.stringify(orig) !== JSON.stringify(r);
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{s.types.hint}</Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon title={s.rootOnly} style={{ marginBottom: 16 }} />}
      <Table<CaseTypeSetting>
        rowKey="type"
        size="middle"
        loading={q.isPending}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: s.types.col.type, dataIndex: 'type', width: 160, render: (_: unknown, r) => <CaseTypeTag type={r.type} /> },
          { title: s.types.col.enabled, dataIndex: 'enabled', width: 90, render: (v: boolean, r) => <Switch checked={v} disabled={!canEdit} onChange={(x) => edit(r, { enabled: x })} /> },
          {
            title: s.types.col.accept,
            dataIndex: 'acceptWorkdays',
            render: (v: number, r) => <InputNumber<number> min={1} max={30} precision={0} value={v} disabled={!canEdit} onChange={(x) => x !== null && edit(r, { acceptWorkdays: x })} />,
          },
          {
            title: s.types.col.resolve,
            dataIndex: 'resolveWorkdays',
            render: (v: number, r) => <InputNumber<number> min={1} max={90} precision={0} value={v} disabled={!canEdit} onChange={(x) => x !== null && edit(r, { resolveWorkdays: x })} />,
          },
          {
            title: s.types.col.followup,
            dataIndex: 'followupPercent',
            render: (v: number, r) => <InputNumber<number> min={0} max={100} precision={0} value={v} disabled={!canEdit} suffix="%" onChange={(x) => x !== null && edit(r, { followupPercent: x })} />,
          },
          {
            title: s.types.col.actions,
            key: 'actions',
            width: 100,
            render: (_: unknown, r) => (
              <Button
                type="link"
                size="small"
                disabled={!dirty(r)}
                loading={save.isPending && save.variables?.type === r.type}
                onClick={() =>
                  save.mutateAsync(r).then(
                    () => {
                      setDraft(({ [r.type]: _saved, ...rest }) => rest);
                      void message.success(s.types.savedOk(r.label));
                    },
                    (e: unknown) => void message.error(errorMessage(e)),
                  )
                }
              >
                {t.common.save}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
