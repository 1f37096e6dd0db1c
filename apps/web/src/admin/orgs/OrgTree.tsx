import { forwardRef, useCallback, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { App, Empty, Spin, Tree, Typography, type GetRef, type TreeDataNode } from 'antd';
import { EllipsisOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { OrgSummary } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { fmtInt } from '../../lib/format';
import { t } from '../../lib/i18n';
import { OrgKindTag } from '../components/OrgKindTag';
import { fetchChildren, fetchOrg, orgKeys } from './api';

type ChildrenState = { items: OrgSummary[]; nextCursor: string | null };
const MORE_PREFIX = '__more__:';

export type OrgTreeHandle = {
  /** Load and expand the path from a root down to `orgId`, select it and scroll it into view. */
  reveal: (orgId: string) => Promise<void>;
};

type Props = {
  roots: OrgSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  height: number;
};

function mergeUnique(a: OrgSummary[], b: OrgSummary[]): OrgSummary[] {
  const seen = new Set(a.map((o) => o.id));
  return [...a, ...b.filter((o) => !seen.has(o.id))];
}

/**
 * Lazy, virtualised org tree: children are fetched one keyset page at a time when a node is expanded,
 * and a "加载更多" row fetches the next page. Only loaded nodes exist in memory.
 */
export const OrgTree = forwardRef<OrgTreeHandle, Props>(function OrgTree({ roots, selectedId, onSelect, height }, ref) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const [children, setChildren] = useState<Record<string, ChildrenState>>({});
  const childrenRef = useRef(children);
  childrenRef.current = children;
  const [expanded, setExpanded] = useState<string[]>([]);
  const [loadingMore, setLoadingMore] = useState<string | null>(null);

  const loadFirstPage = useCallback(async (id: string): Promise<ChildrenState> => {
    const have = childrenRef.current[id];
    if (have) return have;
    const page = await fetchChildren(id);
    const state = { items: page.items, nextCursor: page.nextCursor };
    childrenRef.current = { ...childrenRef.current, [id]: state };
    setChildren((prev) => ({ ...prev, [id]: prev[id] ?? state }));
    return state;
  }, []);

  const loadMore = useCallback(
    async (parentId: string) => {
      const have = childrenRef.current[parentId];
      if (!have?.nextCursor) return;
      setLoadingMore(parentId);
      try {
        const page = await fetchChildren(parentId, have.nextCursor);
        setChildren((prev) => {
          const cur = prev[parentId] ?? { items: [], nextCursor: null };
          return { ...prev, [parentId]: { items: mergeUnique(cur.items, page.items), nextCursor: page.nextCursor } };
        });
      } catch (e) {
        message.error(errorMessage(e));
      } finally {
        setLoadingMore(null);
      }
    },
    [message],
  );

  useImperativeHandle(
    ref,
    () => ({
      reveal: async (orgId: string) => {
        const detail = await qc.fetchQuery({ queryKey: orgKeys.detail(orgId), queryFn: () => fetchOrg(orgId) });
        const rootIds = new Set(roots.map((r) => r.id));
        // ancestors run from the top of the tree down to the parent; keep the part inside the actor's scope
        const chain = detail.ancestors.map((a) => a.id);
        const start = chain.findIndex((id) => rootIds.has(id));
        const path = rootIds.has(orgId) ? [] : start >= 0 ? chain.slice(start) : [];
        for (let i = 0; i < path.length; i++) {
          const parentId = path[i]!;
          const nextId = path[i + 1] ?? orgId;
          const page = await loadFirstPage(parentId);
          if (!page.items.some((o) => o.id === nextId)) {
            // the node sits on a later page: pin it at the top so the path is visible; later pages dedupe it
            const node: OrgSummary =
              nextId === orgId
                ? detail
                : await qc.fetchQuery({ queryKey: orgKeys.detail(nextId), queryFn: () => fetchOrg(nextId) });
            const summary: OrgSummary = {
              id: node.id,
              parentId: node.parentId,
              name: node.name,
              kind: node.kind,
              depth: node.depth,
              childCount: node.childCount,
              membersTotal: node.membersTotal,
            };
            const pinned = { ...page, items: [summary, ...page.items] };
            childrenRef.current = { ...childrenRef.current, [parentId]: pinned };
            setChildren((prev) => ({
              ...prev,
              [parentId]: { ...(prev[parentId] ?? page), items: mergeUnique([summary], (prev[parentId] ?? page).items) },
            }));
          }
        }
        setExpanded((prev) => Array.from(new Set([...prev, ...path])));
        onSelect(orgId);
        // wait for the virtual list to render the newly expanded rows, then scroll
        setTimeout(() => treeRef.current?.scrollTo({ key: orgId, align: 'top', offset: 48 }), 80);
      },
    }),
    [qc, roots, loadFirstPage, onSelect],
  );

  const treeData = useMemo(() => {
    const build = (o: OrgSummary): TreeDataNode => {
      const kids = children[o.id];
      const node: TreeDataNode = { key: o.id, title: o.name, isLeaf: o.childCount === 0 };
      if (kids) {
        const list = kids.items.map(build);
        if (kids.nextCursor) {
          list.push({ key: MORE_PREFIX + o.id, title: '', isLeaf: true, selectable: false });
        }
        node.children = list;
      }
      return node;
    };
    return roots.map(build);
  }, [roots, children]);

  const byId = useMemo(() => {
    const m = new Map<string, OrgSummary>();
    for (const r of roots) m.set(r.id, r);
    for (const c of Object.values(children)) for (const o of c.items) m.set(o.id, o);
    return m;
  }, [roots, children]);

  if (roots.length === 0) return <Empty description={t.admin.orgs.treeEmpty} image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <Tree
      ref={treeRef}
      className="gh-org-tree"
      blockNode
      treeData={treeData}
      height={height}
      itemHeight={32}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      loadedKeys={Object.keys(children)}
      loadData={async (node) => {
        const key = String(node.key);
        if (key.startsWith(MORE_PREFIX) || childrenRef.current[key]) return;
        try {
          await loadFirstPage(key);
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(_keys, info) => {
        const key = String(info.node.key);
        if (key.startsWith(MORE_PREFIX)) return;
        onSelect(key);
      }}
      titleRender={(node) => {
        const key = String(node.key);
        if (key.startsWith(MORE_PREFIX)) {
          const parentId = key.slice(MORE_PREFIX.length);
          const n = children[parentId]?.items.length ?? 0;
          return (
            <span
              className="gh-org-tree-more"
              role="button"
              onClick={(e) => {
                e.stopPropagation();
                void loadMore(parentId);
              }}
            >
              {loadingMore === parentId ? <Spin size="small" /> : <EllipsisOutlined />} {t.admin.orgs.loadMore(n)}
            </span>
          );
        }
        const o = byId.get(key);
        if (!o) return <span>{String(node.title)}</span>;
        return (
          <span className="gh-org-tree-node" title={o.name}>
            <span className="gh-org-tree-name">{o.name}</span>
            <OrgKindTag kind={o.kind} short />
            <Typography.Text type="secondary" className="gh-org-tree-count">
              {t.admin.orgs.members(fmtInt(o.membersTotal))}
            </Typography.Text>
          </span>
        );
      }}
    />
  );
});
