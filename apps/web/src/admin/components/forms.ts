import type { FormInstance } from 'antd';
import { ApiError } from '../../lib/api';

/**
 * The one form pattern: antd Form validates on the client; when the server still answers
 * 400 VALIDATION_FAILED, its `details.fields` are put back on the matching form items.
 * Returns true when at least one field error was shown.
 */
export function applyServerErrors<T>(form: FormInstance<T>, e: unknown): boolean {
  if (!(e instanceof ApiError) || e.fields.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  const fields = e.fields
    .map((f) => ({ name: f.path.replace(/^body\./, '').split('.')[0] ?? '', errors: [f.message] }))
    .filter((f) => known.has(f.name));
  if (fields.length === 0) return false;
  form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  return true;
}
