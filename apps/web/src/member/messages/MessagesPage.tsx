import { useNavigate } from 'react-router-dom';
import { Badge, Button, Dialog, ErrorBlock, List, PullToRefresh, Toast } from 'antd-mobile';
import { AuditOutlined, BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Notification } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';
import { PagedList } from '../home/PagedList';
import { SubPage } from '../home/SubPage';
import { useMarkAllRead, useMarkRead, useNotifications } from './api';
import './messages.css';

function when(iso: string): string {
  const d = dayjs(iso);
  if (d.isSame(dayjs(), 'day')) return d.format('HH:mm');
  if (d.isSame(dayjs().subtract(1, 'day'), 'day')) return '昨天';
  return d.isSame(dayjs(), 'year') ? d.format('M月D日') : d.format('YYYY/M/D');
}

/** Application messages (审批结果, 转会进度…) get their own icon; the rest are plain notices. */
const isApplication = (n: Notification) => /application|join|transfer|found/.test(n.kind);

/** /messages — 消息: my in-app inbox (站内信). Opening a message marks it read. */
export function MessagesPage() {
  const navigate = useNavigate();
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = list.data?.pages[0]?.unread ?? 0;

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link && n.link.startsWith('/') && !n.link.startsWith('//')) navigate(n.link);
    else void Dialog.alert({ title: n.title, content: <div className="gh-m-msg-full">{n.body}</div>, confirmText: t.common.confirm });
  };

  const onReadAll = () =>
    markAll.mutate(undefined, {
      onSuccess: () => Toast.show({ content: '已全部标为已读' }),
      onError: (e) => Toast.show({ content: errorMessage(e) }),
    });

  const right = (
    <Button size="mini" fill="none" color="primary" disabled={unread === 0 || markAll.isPending} onClick={onReadAll}>
      全部已读
    </Button>
  );

  const empty = <ErrorBlock status="empty" title="暂无消息" description="审批结果、办理进度和工会通知会发到这里" />;
  const body = (
    <PagedList query={list} endClassName="gh-m-msg-end" empty={empty}>
      {(items) => (
        <>
          <List className="gh-m-msg-list">
            {items.map((n) => (
              <List.Item
                key={n.id}
                data-testid="notification"
                className={n.readAt ? 'gh-m-msg is-read' : 'gh-m-msg'}
                prefix={
                  <Badge content={n.readAt ? null : Badge.dot}>
                    <span className={isApplication(n) ? 'gh-m-msg-icon is-app' : 'gh-m-msg-icon'}>
                      {isApplication(n) ? <AuditOutlined /> : <BellOutlined />}
                    </span>
                  </Badge>
                }
                extra={<span className="gh-m-msg-time">{when(n.createdAt)}</span>}
                description={<span className="gh-m-msg-body">{n.body}</span>}
                onClick={() => open(n)}
                arrow={false}
              >
                <span className="gh-m-msg-title">{n.title}</span>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </PagedList>
  );

  return (
    <SubPage title={unread > 0 ? `消息（${unread}）` : '消息'} right={right} testId="member-messages">
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        <div className="gh-m-msgs">{body}</div>
      </PullToRefresh>
    </SubPage>
  );
}
