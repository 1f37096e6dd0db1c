import { forwardRef, useImperativeHandle, useMemo, useState } from 'react';
import { Picker } from 'antd-mobile';

export type PickerInputRef = { open: () => void };

/**
 * A one-column picker as a form control holding a plain string (antd-mobile's Picker holds an
 * array). Put it in a `Form.Item` with `onClick={(_, ref) => ref.current?.open()}` and `arrow`.
 */
export const PickerInput = forwardRef<
  PickerInputRef,
  { value?: string | null; onChange?: (v: string | null) => void; options: readonly string[]; placeholder?: string; title?: string }
>(function PickerInput({ value, onChange, options, placeholder = '请选择', title }, ref) {
  const [visible, setVisible] = useState(false);
  useImperativeHandle(ref, () => ({ open: () => setVisible(true) }), []);
  const columns = useMemo(() => [options.map((o) => ({ label: o, value: o }))], [options]);
  return (
    <>
      <span className={value ? 'gh-m-picker-value' : 'gh-m-picker-value is-empty'}>{value || placeholder}</span>
      <Picker
        columns={columns}
        title={title}
        visible={visible}
        value={value ? [value] : []}
        onClose={() => setVisible(false)}
        onConfirm={(v) => onChange?.(typeof v[0] === 'string' ? v[0] : null)}
      />
    </>
  );
});
