import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import type { OrgSummary } from '@gonghui/contracts';
import { useDebouncedValue } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { useOrgRoots, useOrgSearch } from '../orgs/api';
import { OrgKindTag } from './OrgKindTag';
import { useCurrentRole } from '../layout/currentRole';

type Option = { value: string; label: string; kind?: OrgSummary['kind']; path?: string };

/**
 * Org picker for forms and filters: shows the actor's top nodes, searches by name as the user types.
 * Scales to any tree size because it never loads the tree. `initial` names the value an edited
 * record starts with (it may be neither a scope root nor a search hit); `kinds` limits the choice.
 */
export function OrgPicker({
  value,
  onChange,
  placeholder,
  allowClear = true,
  style,
  id,
  initial,
  kinds,
}: {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  initial?: { id: string; name: string } | null;
  kinds?: readonly OrgSummary['kind'][];
}) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text, 300);
  const roots = useOrgRoots();
  const search = useOrgSearch(q);
  const current = useCurrentRole();
  // remember labels of what was picked so the value keeps its name when the option list changes
  const [picked, setPicked] = useState<Record<string, Option>>({});

  const options = useMemo(() => {
    const ok = (k: OrgSummary['kind']) => !kinds || kinds.includes(k);
    const list: Option[] = [];
    const seen = new Set<string>();
    const add = (o: Option) => {
      if (!seen.has(o.value)) {
        seen.add(o.value);
        list.push(o);
      }
    };
    if (q.trim()) {
      for (const h of search.data?.items ?? []) if (ok(h.kind)) add({ value: h.id, label: h.name, kind: h.kind, path: h.pathNames.join(' / ') });
    } else {
      if (current && ok(current.orgKind)) add({ value: current.orgId, label: current.orgName, kind: current.orgKind });
      for (const r of roots.data?.items ?? []) if (ok(r.kind)) add({ value: r.id, label: r.name, kind: r.kind });
    }
    if (value && !seen.has(value)) {
      const known = picked[value] ?? (initial && initial.id === value ? { value, label: initial.name } : undefined);
      if (known) list.unshift(known);
    }
    return list;
  }, [q, search.data, roots.data, current, value, picked, initial, kinds]);

  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      allowClear={allowClear}
      value={value ?? undefined}
      placeholder={placeholder ?? t.validation.orgRequired}
      style={style}
      notFoundContent={search.isFetching ? <Spin size="small" /> : undefined}
      onChange={(v) => {
        const o = options.find((x) => x.value === v);
        if (o) setPicked((p) => ({ ...p, [o.value]: o }));
        setText('');
        onChange?.(v ?? undefined);
      }}
      optionLabelProp="label"
      options={options.map((o) => ({
        value: o.value,
        label: o.label,
        title: o.path ? `${o.path} / ${o.label}` : o.label,
        render: o,
      }))}
      optionRender={(opt) => {
        const o = (opt.data as { render: Option }).render;
        return (
          <div style={{ lineHeight: 1.4 }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{o.label}</span>
              {o.kind && <OrgKindTag kind={o.kind} short />}
            </div>
            {o.path && <div style={{ fontSize: 12, color: '#8c8c8c', overflow: 'hidden', textOverflow: 'ellipsis' }}>{o.path}</div>}
          </div>
        );
      }}
    />
  );
}
