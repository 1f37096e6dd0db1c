import { useMemo, useState } from 'react';
import { Button, Form, Input, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  CASE_TYPE_FIELDS,
  caseFieldsSchema,
  caseSubmitSchema,
  type CaseDetail,
  type CaseFieldDef,
  type CaseSubmitInput,
  type CaseType,
} from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { serverFieldErrors, zodRule } from '../join/forms';
import { PickerInput, type PickerInputRef } from '../join/PickerInput';
import { useSubmitCase, type CaseTypeMeta } from './api';
import { DateInput } from './DateInput';
import { Uploader, stillUploading, uploadedIds, type UploadItem } from './Uploader';
import { CONTENT_PLACEHOLDER, canBeAnonymous, canBePublic } from './types';

type Values = {
  type?: CaseType;
  categoryId?: string | null;
  title?: string;
  content?: string;
  fields?: Record<string, string | undefined>;
  attachments?: UploadItem[];
  anonymous?: boolean;
  isPublic?: boolean;
};

/** Submit-level names that have a form item here (server errors on other paths become a toast). */
const TOP_FIELDS = ['type', 'categoryId', 'title', 'content', 'anonymous', 'isPublic'] as const;

/** 8–64 url-safe characters, made once per form: a retried or double-tapped submit is the same case. */
function newClientKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Without a title the server takes the first words of the text; a visit reads better by who and where. */
function defaultTitle(type: CaseType, fields: Record<string, string>): string | undefined {
  if (type === 'injury_visit' && fields.injuredName) return `${fields.injuredName}工伤探视${fields.hospital ? `（${fields.hospital}）` : ''}`.slice(0, 60);
  return undefined;
}

const openPicker = (_: unknown, ref: { current: PickerInputRef | null }) => ref.current?.open();
const plainLabel = (f: CaseFieldDef) => f.label.replace(/（元）$/, '');
const emptyMessage = (f: CaseFieldDef) => (f.kind === 'select' || f.kind === 'date' ? `请选择${plainLabel(f)}` : `请填写${plainLabel(f)}`);

/** One type-specific field, drawn from its definition (CASE_TYPE_FIELDS) and checked by the server's own schema. */
function renderField(f: CaseFieldDef, schema: ReturnType<typeof caseFieldsSchema>) {
  const name = ['fields', f.key];
  const rules = [zodRule(schema.shape[f.key]!, f.required ? emptyMessage(f) : undefined)];
  const common = { name, label: plainLabel(f), required: !!f.required, rules };
  switch (f.kind) {
    case 'select': {
      const opts = f.options ?? [];
      if (opts.length <= 4) {
        return (
          <Form.Item
            key={f.key}
            {...common}
            layout="vertical"
            getValueProps={(v: string | undefined) => ({ value: v ? [v] : [] })}
            normalize={(v: string[]) => v[0]}
          >
            <Selector columns={opts.length <= 3 ? opts.length : 4} options={opts.map((o) => ({ label: o, value: o }))} />
          </Form.Item>
        );
      }
      return (
        <Form.Item key={f.key} {...common} onClick={openPicker} arrow>
          <PickerInput options={opts} title={`选择${plainLabel(f)}`} />
        </Form.Item>
      );
    }
    case 'date':
      return (
        <Form.Item key={f.key} {...common} onClick={openPicker} arrow>
          <DateInput title={`选择${plainLabel(f)}`} />
        </Form.Item>
      );
    case 'money':
      return (
        <Form.Item key={f.key} {...common} extra={<span className="gh-m-case-unit">元</span>}>
          <Input placeholder="请输入金额" inputMode="decimal" clearable />
        </Form.Item>
      );
    case 'integer':
      return (
        <Form.Item key={f.key} {...common}>
          <Input placeholder={`请输入${plainLabel(f)}`} inputMode="numeric" maxLength={6} clearable />
        </Form.Item>
      );
    case 'textarea':
      return (
        <Form.Item key={f.key} {...common} layout="vertical">
          <TextArea placeholder={`请填写${plainLabel(f)}`} maxLength={f.max ?? 500} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item key={f.key} {...common}>
          <Input placeholder={`请填写${plainLabel(f)}`} maxLength={f.max ?? 200} clearable />
        </Form.Item>
      );
  }
}

/**
 * The one case form (会员端 and 扫码入口): type, category, the type's own fields, text, photos/PDFs and
 * the 匿名 / 公开 switches. The server's field errors land under their fields.
 */
export function CaseForm({
  types,
  initialType,
  lockType = false,
  intakeToken,
  anonymousAllowed = true,
  submitText = '提交',
  onSubmitted,
}: {
  /** the enabled types the person may pick from */
  types: CaseTypeMeta[];
  initialType?: CaseType;
  lockType?: boolean;
  /** set on a QR intake page: submits to that link */
  intakeToken?: string;
  anonymousAllowed?: boolean;
  submitText?: string;
  onSubmitted: (c: CaseDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [clientKey] = useState(newClientKey);
  const submit = useSubmitCase(intakeToken);
  const start = initialType && types.some((t) => t.type === initialType) ? initialType : types[0]?.type;
  const picked = (Form.useWatch('type', form) as CaseType | undefined) ?? start;
  const meta = types.find((t) => t.type === picked);
  const defs = picked ? CASE_TYPE_FIELDS[picked] : [];
  const schema = useMemo(() => (picked ? caseFieldsSchema(picked) : null), [picked]);
  const anonymousOk = anonymousAllowed && !!picked && canBeAnonymous(picked);
  const publicOk = !!picked && canBePublic(picked);
  const pickType = !lockType && types.length > 1;

  const onFinish = (v: Values) => {
    if (!picked) return;
    if (stillUploading(v.attachments)) {
      Toast.show({ content: '附件正在上传，请稍候再提交' });
      return;
    }
    const fields: Record<string, string> = {};
    for (const d of defs) {
      const x = v.fields?.[d.key];
      if (typeof x === 'string' && x.trim() !== '') fields[d.key] = x.trim();
    }
    const body: CaseSubmitInput = {
      type: picked,
      categoryId: v.categoryId || undefined,
      title: v.title?.trim() || defaultTitle(picked, fields),
      content: v.content ?? '',
      fields,
      anonymous: anonymousOk && !!v.anonymous,
      isPublic: publicOk && !!v.isPublic,
      attachmentIds: uploadedIds(v.attachments),
      clientKey,
    };
    const parsed = caseSubmitSchema.safeParse(body);
    if (!parsed.success) {
      Toast.show({ content: parsed.error.issues[0]?.message ?? '请检查填写的内容' });
      return;
    }
    submit.mutate(body, {
      onSuccess: onSubmitted,
      onError: (e) => {
        const errs = serverFieldErrorsDeep(e);
        const shown: { name: (string | number)[]; errors: string[] }[] = [];
        const rest: string[] = [];
        for (const [path, message] of Object.entries(errs)) {
          const [head, key] = path.split('.');
          if (head === 'fields' && key && defs.some((d) => d.key === key)) shown.push({ name: ['fields', key], errors: [message] });
          else if ((TOP_FIELDS as readonly string[]).includes(head ?? '')) shown.push({ name: [head!], errors: [message] });
          else rest.push(message);
        }
        if (shown.length) form.setFields(shown);
        Toast.show({ content: rest[0] ?? errorMessage(e) });
      },
    });
  };

  if (!picked || !meta) return null;

  return (
    <Form
      form={form}
      layout="horizontal"
      mode="card"
      className="gh-m-case-form"
      initialValues={{ type: start, anonymous: false, isPublic: false, attachments: [] }}
      onValuesChange={(changed: Values) => {
        // another type has other fields and categories
        if (changed.type) form.setFieldsValue({ fields: {}, categoryId: undefined });
      }}
      onFinish={onFinish}
      footer={
        <div className="gh-m-case-foot">
          <Button block type="submit" color="primary" size="large" shape="rounded" loading={submit.isPending} data-testid="case-submit">
            {submitText}
          </Button>
          <div className="gh-m-case-safe">
            <SafetyCertificateOutlined /> 您的联系方式仅承办人员可见；办理进度会通过站内信和短信通知您
          </div>
        </div>
      }
    >
      {/* antd-mobile's Form starts a card for whatever precedes the first header, even a `false`: an array adds nothing */}
      {pickType
        ? [
            <Form.Header key="type-header">事项类型</Form.Header>,
            <Form.Item
              key="type"
              name="type"
              layout="vertical"
              getValueProps={(v: string | undefined) => ({ value: v ? [v] : [] })}
              normalize={(v: string[], prev: string) => v[0] ?? prev}
              description={`受理时限 ${meta.acceptWorkdays} 个工作日 · 办结时限 ${meta.resolveWorkdays} 个工作日`}
            >
              <Selector columns={3} options={types.map((t) => ({ label: t.label, value: t.type }))} />
            </Form.Item>,
          ]
        : []}

      <Form.Header>{meta.label}信息</Form.Header>
      {meta.categories.length > 0 && (
        <Form.Item
          name="categoryId"
          label="问题分类"
          onClick={openPicker}
          arrow
          getValueProps={(v: string | undefined) => ({ value: meta.categories.find((c) => c.id === v)?.name ?? null })}
          normalize={(name: string | null) => meta.categories.find((c) => c.name === name)?.id}
        >
          <PickerInput options={meta.categories.map((c) => c.name)} title="选择问题分类" />
        </Form.Item>
      )}
      {schema && defs.map((f) => renderField(f, schema))}
      <Form.Item name="title" label="标题" rules={[zodRule(caseSubmitSchema.shape.title)]}>
        <Input placeholder="一句话概括（选填）" maxLength={60} clearable />
      </Form.Item>
      <Form.Item
        name="content"
        label="详细描述"
        layout="vertical"
        required
        rules={[zodRule(caseSubmitSchema.shape.content, '请描述您的诉求')]}
      >
        <TextArea placeholder={CONTENT_PLACEHOLDER[picked]} maxLength={5000} showCount autoSize={{ minRows: 5, maxRows: 12 }} />
      </Form.Item>
      <Form.Item name="attachments" label="图片或材料" layout="vertical" description="支持 JPG、PNG 图片和 PDF，单个不超过 10 MB，最多 9 个">
        <Uploader />
      </Form.Item>

      {(anonymousOk || publicOk) && <Form.Header>提交方式</Form.Header>}
      {anonymousOk && (
        <Form.Item
          name="anonymous"
          className="gh-m-case-switch"
          label={<SwitchLabel title="匿名提交" text="工会工作人员只看到「匿名职工」，看不到您的姓名和手机号" />}
          valuePropName="checked"
          childElementPosition="right"
        >
          <Switch aria-label="匿名提交" />
        </Form.Item>
      )}
      {publicOk && (
        <Form.Item
          name="isPublic"
          className="gh-m-case-switch"
          label={<SwitchLabel title="公开到诉求广场" text="其他职工可以看到诉求内容和工会答复，不显示您的姓名" />}
          valuePropName="checked"
          childElementPosition="right"
        >
          <Switch aria-label="公开到诉求广场" />
        </Form.Item>
      )}
    </Form>
  );
}

function SwitchLabel({ title, text }: { title: string; text: string }) {
  return (
    <>
      <div>{title}</div>
      <div className="gh-m-case-switch-text">{text}</div>
    </>
  );
}

/** `details.fields` keyed by the full path (`fields.amountFen`), not just its first segment. */
function serverFieldErrorsDeep(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const fields = (e as { fields?: { path: string; message: string }[] } | null)?.fields;
  if (Array.isArray(fields)) for (const f of fields) out[f.path.replace(/^body\./, '')] = f.message;
  return Object.keys(out).length ? out : serverFieldErrors(e);
}
