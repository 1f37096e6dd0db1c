import { useNavigate } from 'react-router-dom';
import { Button, ErrorBlock, PullToRefresh } from 'antd-mobile';
import { EyeInvisibleOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import type { CaseItem } from '@gonghui/contracts';
import { PagedList } from '../home/PagedList';
import { SubPage } from '../home/SubPage';
import { useMyCases } from './api';
import { CaseStatusTag, SlaHint, at, typeLabel } from './parts';
import '../home/subpage.css';
import './cases.css';

function CaseCard({ c }: { c: CaseItem }) {
  const navigate = useNavigate();
  return (
    <button type="button" className="gh-m-card gh-m-case-card" onClick={() => navigate(`/cases/${c.id}`)} data-testid="my-case">
      <div className="gh-m-case-card-head">
        <span className="gh-m-case-kind">
          {typeLabel(c.type)}
          {c.category && <span className="gh-m-case-cat"> · {c.category}</span>}
        </span>
        <CaseStatusTag status={c.status} />
      </div>
      <div className="gh-m-case-title">{c.title}</div>
      <div className="gh-m-case-meta">
        {c.caseNo} · {at(c.createdAt)}
        {c.anonymous && (
          <span className="gh-m-case-flag">
            <EyeInvisibleOutlined /> 匿名
          </span>
        )}
      </div>
      <div className="gh-m-case-meta">
        承办：{c.orgName}
        {c.assigneeName && ` · ${c.assigneeName}`}
      </div>
      <SlaHint c={c} compact />
      {c.rating !== null && (
        <div className="gh-m-case-rated">
          {Array.from({ length: 5 }, (_, i) => (
            <StarFilled key={i} className={i < c.rating! ? 'is-on' : ''} />
          ))}
          <span>已评价</span>
        </div>
      )}
    </button>
  );
}

/** /cases — 我的诉求: everything I filed, newest first, with where each one stands. */
export function CaseListPage() {
  const navigate = useNavigate();
  const list = useMyCases();

  const empty = (
    <ErrorBlock status="empty" title="暂无诉求" description="遇到劳动权益、工作生活方面的困难，可以向工会反映">
      <Button color="primary" shape="rounded" onClick={() => navigate('/cases/new?type=appeal')}>
        我要诉求
      </Button>
    </ErrorBlock>
  );
  const body = (
    <PagedList query={list} endClassName="gh-m-case-end" empty={empty}>
      {(items) => (
        <>
          {items.map((c) => (
            <CaseCard key={c.id} c={c} />
          ))}
        </>
      )}
    </PagedList>
  );

  const right = (
    <Button size="mini" fill="none" color="primary" onClick={() => navigate('/cases/new?type=appeal')}>
      <PlusOutlined /> 新诉求
    </Button>
  );

  return (
    <SubPage title="我的诉求" right={right} testId="member-cases">
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        <div className="gh-m-case-list">{body}</div>
      </PullToRefresh>
    </SubPage>
  );
}
