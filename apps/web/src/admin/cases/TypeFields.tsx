import { DatePicker, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import type { CaseFieldDef } from '@gonghui/contracts';
import { ApiError } from '../../lib/api';
import { t } from '../../lib/i18n';

const f = t.admin.cases.form;

function rulesOf(d: CaseFieldDef): Rule[] {
  const rules: Rule[] = [];
  if (d.required) {
    // the rule's keys pick the validator: text gets whitespace (a string rule), numbers a number rule,
    // dates (Dayjs) and selects a bare `required` — any other key would type-check as a string
    const message = d.kind === 'select' || d.kind === 'date' ? f.pick(d.label) : f.required(d.label);
    if (d.kind === 'text' || d.kind === 'textarea') rules.push({ required: true, whitespace: true, message });
    else if (d.kind === 'money' || d.kind === 'integer') rules.push({ required: true, type: 'number', message });
    else rules.push({ required: true, message });
  }
  if ((d.kind === 'text' || d.kind === 'textarea') && d.max) rules.push({ max: d.max, message: f.tooLong(d.label, d.max) });
  return rules;
}

/**
 * The type-specific fields of a case (CASE_TYPE_FIELDS / case-meta), as form items under `fields`.
 * Money is typed in 元 (the server stores integer fen); dates are Dayjs until `fieldsToBody`.
 */
export function TypeFields({ defs }: { defs: readonly CaseFieldDef[] }) {
  return (
    <>
      {defs.map((d) => (
        <Form.Item key={d.key} name={['fields', d.key]} label={d.label} rules={rulesOf(d)} style={d.kind === 'textarea' ? undefined : { maxWidth: 480 }}>
          {control(d)}
        </Form.Item>
      ))}
    </>
  );
}

function control(d: CaseFieldDef) {
  switch (d.kind) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={d.max} showCount={!!d.max} />;
    case 'date':
      return <DatePicker style={{ width: 200 }} />;
    case 'money':
      return <InputNumber<number> min={0.01} max={100_000_000} precision={2} style={{ width: 220 }} placeholder={f.moneyPlaceholder} suffix="元" />;
    case 'integer':
      return <InputNumber<number> min={1} max={100_000} precision={0} style={{ width: 160 }} />;
    case 'select':
      return <Select allowClear={!d.required} placeholder={f.select} options={(d.options ?? []).map((o) => ({ value: o, label: o }))} style={{ width: 220 }} />;
    default:
      return <Input maxLength={d.max} />;
  }
}

/** Form values → the `fields` object of the request: dates as YYYY-MM-DD, empty values left out. */
export function fieldsToBody(defs: readonly CaseFieldDef[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of defs) {
    const v = values?.[d.key];
    if (v === undefined || v === null || v === '') continue;
    out[d.key] = d.kind === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/**
 * Server field errors (details.fields) onto the form, including nested `fields.<key>` paths that the
 * shared applyServerErrors (top-level names only) cannot place. Returns true when one was shown.
 */
export function applyCaseErrors<T>(form: FormInstance<T>, e: unknown, fieldKeys: readonly string[] = []): boolean {
  if (!(e instanceof ApiError) || e.fields.length === 0) return false;
  const top = new Set(Object.keys(form.getFieldsValue(true) as object));
  const keys = new Set(fieldKeys);
  const out: { name: (string | number)[]; errors: string[] }[] = [];
  for (const fe of e.fields) {
    const parts = fe.path.replace(/^body\.?/, '').split('.').filter(Boolean);
    if (parts[0] === 'fields' && parts[1]) out.push({ name: ['fields', parts[1]], errors: [fe.message] });
    else if (parts[0] && keys.has(parts[0])) out.push({ name: ['fields', parts[0]], errors: [fe.message] });
    else if (parts[0] && top.has(parts[0])) out.push({ name: [parts[0]], errors: [fe.message] });
  }
  if (out.length === 0) return false;
  form.setFields(out as Parameters<FormInstance<T>['setFields']>[0]);
  return true;
}
