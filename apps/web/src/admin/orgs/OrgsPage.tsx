import { useCallback, useRef, useState } from 'react';
import { App, Card, Col, Row, Skeleton } from 'antd';
import { errorMessage } from '../../lib/api';
import { useElementHeight } from '../../lib/hooks';
import { t } from '../../lib/i18n';
import { PageContainer } from '../components/PageContainer';
import { useOrgRoots } from './api';
import { OrgDetailPanel } from './OrgDetailPanel';
import { OrgSearch } from './OrgSearch';
import { OrgTree, type OrgTreeHandle } from './OrgTree';
import './orgs.css';

export default function OrgsPage() {
  const { message } = App.useApp();
  const roots = useOrgRoots();
  const [picked, setPicked] = useState<string | null>(null);
  const selectedId = picked ?? roots.data?.items[0]?.id ?? null;
  const treeRef = useRef<OrgTreeHandle>(null);
  const treeBox = useRef<HTMLDivElement>(null);
  const treeHeight = useElementHeight(treeBox, 560);

  const reveal = useCallback(
    (id: string) => {
      setPicked(id);
      treeRef.current?.reveal(id).catch((e: unknown) => message.error(errorMessage(e)));
    },
    [message],
  );

  return (
    <PageContainer title={t.admin.orgs.title} subtitle={t.admin.orgs.subtitle}>
      <Row gutter={16} wrap={false} className="gh-orgs">
        <Col flex="420px" style={{ minWidth: 0 }}>
          <Card variant="borderless" className="gh-orgs-tree-card" styles={{ body: { padding: 12, display: 'flex', flexDirection: 'column', height: '100%' } }}>
            <OrgSearch onPick={(hit) => reveal(hit.id)} />
            <div ref={treeBox} className="gh-orgs-tree-box" data-testid="org-tree">
              {roots.isPending ? (
                <Skeleton active paragraph={{ rows: 8 }} />
              ) : roots.isError ? (
                <div style={{ color: '#cf1322', padding: 16 }}>{roots.error.message}</div>
              ) : (
                <OrgTree ref={treeRef} roots={roots.data.items} selectedId={selectedId} onSelect={setPicked} height={treeHeight} />
              )}
            </div>
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <OrgDetailPanel orgId={selectedId} onNavigate={reveal} />
        </Col>
      </Row>
    </PageContainer>
  );
}
