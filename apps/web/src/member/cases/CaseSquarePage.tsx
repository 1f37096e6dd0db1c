import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, ErrorBlock, PullToRefresh, Toast } from 'antd-mobile';
import { HeartFilled, HeartOutlined } from '@ant-design/icons';
import { errorMessage } from '../../lib/api';
import { PagedList } from '../home/PagedList';
import { SubPage } from '../home/SubPage';
import { useLike, usePublicCases, type PublicCase } from './api';
import { CaseStatusTag, at, typeLabel } from './parts';
import '../home/subpage.css';
import './cases.css';

function PublicCaseCard({ c }: { c: PublicCase }) {
  const like = useLike();
  const [open, setOpen] = useState(false);
  const long = c.content.length > 90;
  const toggle = () =>
    like.mutate({ id: c.id, like: !c.liked }, { onError: (e) => Toast.show({ content: errorMessage(e) }) });
  return (
    <div className="gh-m-card gh-m-square-item" data-testid="public-case">
      <div className="gh-m-case-card-head">
        <span className="gh-m-case-kind">
          {typeLabel(c.type)}
          {c.category && <span className="gh-m-case-cat"> · {c.category}</span>}
        </span>
        <CaseStatusTag status={c.status} />
      </div>
      <div className="gh-m-case-title">{c.title}</div>
      <div className={open || !long ? 'gh-m-case-content' : 'gh-m-case-content is-clamped'}>{c.content}</div>
      {long && (
        <button type="button" className="gh-m-link-btn" onClick={() => setOpen(!open)}>
          {open ? '收起' : '展开全文'}
        </button>
      )}
      {c.reply && (
        <div className="gh-m-square-reply">
          <b>{c.orgName} 答复：</b>
          {c.reply}
        </div>
      )}
      <div className="gh-m-square-foot">
        <span className="gh-m-case-meta">
          {c.submitter} · {at(c.createdAt)}
        </span>
        <button
          type="button"
          className={c.liked ? 'gh-m-like is-on' : 'gh-m-like'}
          onClick={toggle}
          aria-pressed={c.liked}
          aria-label={`点赞 ${c.likes}`}
          data-testid="like"
        >
          {c.liked ? <HeartFilled /> : <HeartOutlined />}
          <span>{c.likes > 0 ? c.likes : '赞'}</span>
        </button>
      </div>
    </div>
  );
}

/** /cases/square — 诉求广场: appeals their authors made public, with the union's replies. */
export function CaseSquarePage() {
  const navigate = useNavigate();
  const list = usePublicCases();

  const empty = <ErrorBlock status="empty" title="广场上还没有诉求" description="提交诉求时选择「公开到诉求广场」，其他职工就能看到并点赞" />;
  const body = (
    <PagedList query={list} endClassName="gh-m-case-end" empty={empty}>
      {(items) => (
        <>
          {items.map((c) => (
            <PublicCaseCard key={c.id} c={c} />
          ))}
        </>
      )}
    </PagedList>
  );

  const right = (
    <Button size="mini" fill="none" color="primary" onClick={() => navigate('/cases/new?type=appeal')}>
      我要诉求
    </Button>
  );

  return (
    <SubPage title="诉求广场" right={right} testId="member-case-square">
      <div className="gh-m-square-intro">职工公开的诉求和工会的答复。觉得说出了您的心声，就点个赞。</div>
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        <div className="gh-m-case-list">{body}</div>
      </PullToRefresh>
    </SubPage>
  );
}
