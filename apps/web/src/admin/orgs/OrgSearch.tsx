import { useState } from 'react';
import { AutoComplete, Empty, Input, Spin } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { OrgSearchHit } from '@gonghui/contracts';
import { useDebouncedValue } from '../../lib/hooks';
import { fmtInt } from '../../lib/format';
import { t } from '../../lib/i18n';
import { OrgKindTag } from '../components/OrgKindTag';
import { useOrgSearch } from './api';

/** Debounced org-name search; picking a hit hands it to `onPick`. */
export function OrgSearch({ onPick }: { onPick: (hit: OrgSearchHit) => void }) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text, 300);
  const search = useOrgSearch(q);
  const hits = q.trim() ? (search.data?.items ?? []) : [];

  return (
    <AutoComplete
      style={{ width: '100%' }}
      value={text}
      onChange={setText}
      popupMatchSelectWidth={420}
      notFoundContent={
        q.trim() ? (
          search.isFetching ? <Spin size="small" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.admin.orgs.searchEmpty} />
        ) : null
      }
      options={hits.map((h) => ({
        value: h.id,
        label: (
          <div className="gh-org-hit" data-testid="org-search-hit">
            <div className="gh-org-hit-top">
              <span className="gh-org-hit-name">{h.name}</span>
              <OrgKindTag kind={h.kind} short />
              <span className="gh-org-hit-count">{t.admin.orgs.members(fmtInt(h.membersTotal))}</span>
            </div>
            {h.pathNames.length > 0 && <div className="gh-org-hit-path">{h.pathNames.join(' / ')}</div>}
          </div>
        ),
      }))}
      onSelect={(id: string) => {
        const hit = hits.find((h) => h.id === id);
        setText(hit?.name ?? '');
        if (hit) onPick(hit);
      }}
    >
      <Input
        allowClear
        prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
        suffix={search.isFetching ? <Spin size="small" /> : undefined}
        placeholder={t.admin.orgs.searchPlaceholder}
        aria-label={t.admin.orgs.searchPlaceholder}
      />
    </AutoComplete>
  );
}
