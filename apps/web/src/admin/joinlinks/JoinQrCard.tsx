import { App, Button, Card, Empty, Flex, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined, QrcodeOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { JOINABLE_KINDS, type JoinLink, type OrgKind } from '@gonghui/contracts';
import { errorMessage, isApiError } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { QrImage, downloadQrPoster } from '../components/QrImage';
import { hasPermission } from '../layout/access';
import { useGenerateJoinLink, useJoinLinks, useRevokeJoinLink } from './api';
import './joinlinks.css';

const j = t.admin.joinLink;

export function joinUrl(link: JoinLink): string {
  return `${window.location.origin}${link.path}`;
}

/**
 * 入会二维码 (一码入会) on the org detail page: the org's active join link as a QR code a union
 * prints on posters; workers scan it and land on the member H5 join form for this union.
 */
export function JoinQrCard({ orgId, orgKind }: { orgId: string; orgKind: OrgKind }) {
  if (!JOINABLE_KINDS.includes(orgKind)) return null;
  return <JoinQrCardBody orgId={orgId} />;
}


function JoinQrCardBody({ orgId }: { orgId: string }) {
  const { message } = App.useApp();
  const me = useMe().data;
  // the server decides per org (member.manage there); this only hides buttons nobody could use
  const canManage = !!me && hasPermission(me, 'member.manage');
  const links = useJoinLinks(orgId);
  const generate = useGenerateJoinLink(orgId);
  const revoke = useRevokeJoinLink(orgId);
  const active = links.data?.find((l) => !l.revokedAt) ?? null;

  // No right to manage this org's codes (or out of scope): the card is simply not there.
  if (links.isError && isApiError(links.error) && [401, 403, 404].includes(links.error.status)) return null;

  const onGenerate = () =>
    generate.mutateAsync().then(
      () => void message.success(active ? j.regeneratedOk : j.generatedOk),
      (e: unknown) => void message.error(errorMessage(e)),
    );

  return (
    <Card
      variant="borderless"
      title={
        <Space size={8}>
          <QrcodeOutlined />
          {j.title}
        </Space>
      }
      style={{ marginTop: 16 }}
      data-testid="join-qr-card"
    >
      {links.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : links.isError ? (
        <Typography.Text type="danger">{links.error.message}</Typography.Text>
      ) : !active ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={j.none}>
          {canManage && (
            <Button type="primary" icon={<QrcodeOutlined />} loading={generate.isPending} onClick={() => void onGenerate()}>
              {j.generate}
            </Button>
          )}
        </Empty>
      ) : (
        <Flex gap={28} align="start" wrap>
          <QrImage url={joinUrl(active)} caption={active.orgName} alt={j.qrAlt(active.orgName)} testId="join-qr" />
          <Flex vertical gap={12} style={{ flex: 1, minWidth: 280 }}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {j.hint}
            </Typography.Paragraph>
            <div>
              <div className="gh-join-label">{j.linkLabel}</div>
              <Typography.Text copyable={{ text: joinUrl(active), tooltips: [j.copy, j.copied] }} style={{ wordBreak: 'break-all' }}>
                <span className="gh-join-url" data-testid="join-link-url">
                  {joinUrl(active)}
                </span>
              </Typography.Text>
            </div>
            <div className="gh-join-label">{j.createdAt(fmtDateTime(active.createdAt))}</div>
            <Space wrap>
              <Button icon={<DownloadOutlined />} onClick={() => void downloadQrPoster(joinUrl(active), active.orgName, j.posterLine, `${active.orgName}-入会二维码.png`).catch((e: unknown) => message.error(errorMessage(e)))}>
                {j.download}
              </Button>
              {canManage && (
                <Popconfirm
                  title={j.regenerateTitle}
                  description={j.regenerateConfirm}
                  okText={j.regenerate}
                  okButtonProps={{ loading: generate.isPending }}
                  onConfirm={onGenerate}
                >
                  <Button icon={<ReloadOutlined />}>{j.regenerate}</Button>
                </Popconfirm>
              )}
              {canManage && (
                <Popconfirm
                  title={j.revokeTitle}
                  description={j.revokeConfirm}
                  okText={j.revoke}
                  okButtonProps={{ danger: true, loading: revoke.isPending }}
                  onConfirm={() =>
                    revoke.mutateAsync(active.id).then(
                      () => void message.success(j.revokedOk),
                      (e: unknown) => void message.error(errorMessage(e)),
                    )
                  }
                >
                  <Button danger icon={<StopOutlined />}>
                    {j.revoke}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
