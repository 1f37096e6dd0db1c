import { forwardRef, useImperativeHandle, useMemo, useState } from 'react';
import { DatePicker } from 'antd-mobile';
import dayjs from 'dayjs';
import type { PickerInputRef } from '../join/PickerInput';

/**
 * A date as a form control holding `YYYY-MM-DD` (what the API takes). Like PickerInput: put it in a
 * `Form.Item` with `onClick={(_, ref) => ref.current?.open()}` and `arrow`. Dates after today are
 * not offered (受伤日期 and the like are in the past).
 */
export const DateInput = forwardRef<PickerInputRef, { value?: string | null; onChange?: (v: string) => void; placeholder?: string; title?: string }>(
  function DateInput({ value, onChange, placeholder = '请选择日期', title }, ref) {
    const [visible, setVisible] = useState(false);
    useImperativeHandle(ref, () => ({ open: () => setVisible(true) }), []);
    const bounds = useMemo(() => ({ min: dayjs().subtract(10, 'year').toDate(), max: new Date() }), []);
    return (
      <>
        <span className={value ? 'gh-m-picker-value' : 'gh-m-picker-value is-empty'}>{value || placeholder}</span>
        <DatePicker
          title={title}
          visible={visible}
          min={bounds.min}
          max={bounds.max}
          value={value ? dayjs(value).toDate() : undefined}
          onClose={() => setVisible(false)}
          onConfirm={(d) => onChange?.(dayjs(d).format('YYYY-MM-DD'))}
        />
      </>
    );
  },
);
