import type { Form } from 'antd-mobile';
import type { z } from 'zod';
import { ApiError } from '../../lib/api';

type MobileForm = ReturnType<typeof Form.useForm>[0];
type Rule = { validator: (rule: unknown, value: unknown) => Promise<void> };

/**
 * The one form pattern on the phone: a field is checked on the client by the same zod schema the
 * server parses with (packages/contracts), so both sides say the same thing in the same words.
 * `required` is the message for an empty value; without it an empty value is accepted.
 */
export function zodRule(schema: z.ZodType, required?: string): Rule {
  return {
    validator: async (_rule, value) => {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
        if (required) throw new Error(required);
        return;
      }
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** `details.fields` of a 400 VALIDATION_FAILED as `{ field: message }` (accepts the list or the map form). */
export function serverFieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of e.fields) out[f.path.replace(/^body\./, '').split('.')[0] ?? f.path] = f.message;
  const raw = (e.details as { fields?: unknown } | null | undefined)?.fields;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string') out[k.replace(/^body\./, '')] = v;
  }
  return out;
}

/**
 * Puts the server's field errors under the matching form items (`names`); returns the ones that
 * have no item on this form, for the caller to show some other way.
 */
export function applyServerErrors(form: MobileForm, e: unknown, names: readonly string[]): Record<string, string> {
  const rest: Record<string, string> = {};
  const fields: { name: string; errors: string[] }[] = [];
  for (const [name, message] of Object.entries(serverFieldErrors(e))) {
    if (names.includes(name)) fields.push({ name, errors: [message] });
    else rest[name] = message;
  }
  if (fields.length) form.setFields(fields);
  return rest;
}
