import type { ReactNode } from 'react';
import { Button, DotLoading, ErrorBlock, InfiniteScroll } from 'antd-mobile';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';

/** What the member pages need of an infinite query of `{ items }` pages. */
type PagedQuery<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data?: { pages: { items: T[] }[] } | undefined;
  hasNextPage: boolean;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
};

/**
 * A keyset-paged list on a phone: loading, an error with 重试, the empty state, or the rows and
 * infinite scroll with 没有更多了 at the end. One place for what 消息, 我的诉求 and 诉求广场 share.
 */
export function PagedList<T>({ query, empty, endClassName, children }: { query: PagedQuery<T>; empty: ReactNode; endClassName: string; children: (items: T[]) => ReactNode }) {
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (query.isPending) {
    return (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <ErrorBlock status="disconnected" title={errorMessage(query.error)} description="">
        <Button color="primary" onClick={() => void query.refetch()}>
          {t.common.retry}
        </Button>
      </ErrorBlock>
    );
  }
  if (items.length === 0) return <>{empty}</>;
  return (
    <>
      {children(items)}
      <InfiniteScroll loadMore={async () => void (await query.fetchNextPage())} hasMore={query.hasNextPage}>
        {query.hasNextPage ? <DotLoading /> : <span className={endClassName}>{t.common.noMore}</span>}
      </InfiniteScroll>
    </>
  );
}
