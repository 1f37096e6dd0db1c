import { Tag } from 'antd';
import { ORG_KIND_LABELS, type OrgKind } from '@gonghui/contracts';

const COLORS: Record<OrgKind, string> = {
  province: 'red',
  city: 'volcano',
  county: 'orange',
  street: 'gold',
  community: 'green',
  park: 'cyan',
  joint: 'geekblue',
  industry: 'purple',
  enterprise: 'blue',
  branch: 'lime',
  group: 'default',
};

export function OrgKindTag({ kind, short }: { kind: OrgKind; short?: boolean }) {
  const label = ORG_KIND_LABELS[kind];
  return (
    <Tag color={COLORS[kind]} variant="filled" style={short ? { marginInlineEnd: 0, fontSize: 11, lineHeight: '18px', paddingInline: 5 } : undefined}>
      {label}
    </Tag>
  );
}
