import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { ReloadOutlined } from '@ant-design/icons';
import { cardVerifyUrl, type MemberCard } from '@gonghui/contracts';
import { isApiError } from '../../lib/api';
import { fmtDate } from '../../lib/format';
import { t } from '../../lib/i18n';
import { useMemberCard } from './api';
import { cardText as C } from './strings';
import './card.css';

/** Date.now(), ticking every second: drives the countdown and the live clock. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** C00000012345 → C000 0001 2345: easier to read aloud at a counter */
function groupCardNo(no: string): string {
  return no.replace(/(.{4})(?=.)/g, '$1 ');
}

function useQrDataUrl(text: string | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return;
    let live = true;
    // the encoder loads with the card page only, not with the member home. Rendered at 2× for sharp
    // pixels; level L keeps the modules large (a lit screen needs little error correction) for cheap cameras
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(text, { errorCorrectionLevel: 'L', margin: 1, width: 440, color: { dark: '#1a1a1a', light: '#ffffff' } }))
      .then((u) => live && setUrl(u))
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
    };
  }, [text]);
  return url;
}

function UnionCard({ card }: { card: MemberCard }) {
  const top = card.orgPathNames[0] ?? card.orgName;
  return (
    <div className="gh-card" data-testid="member-card">
      <div className="gh-card-sheen" aria-hidden="true" />
      <div className="gh-card-head">
        <span className="gh-card-emblem" aria-hidden="true">
          工
        </span>
        <div>
          <div className="gh-card-title">{C.cardTitle}</div>
          <div className="gh-card-title-en">{C.cardTitleEn}</div>
        </div>
        <span className="gh-card-status">{C.statusActive}</span>
      </div>
      <div className="gh-card-top-org">{top}</div>
      <div className="gh-card-name-row">
        <div>
          <div className="gh-card-label">{C.name}</div>
          <div className="gh-card-name">{card.name}</div>
        </div>
        <div className="gh-card-right">
          <div className="gh-card-label">{C.joinedAt}</div>
          <div className="gh-card-value">{fmtDate(card.joinedAt)}</div>
        </div>
      </div>
      <div className="gh-card-label">{C.cardNo}</div>
      <div className="gh-card-no">{groupCardNo(card.cardNo)}</div>
      <div className="gh-card-org">
        <span className="gh-card-label">{C.org}</span>
        <span className="gh-card-org-name">{card.orgName}</span>
      </div>
    </div>
  );
}

function QrPanel({ card, updatedAt, fetching, failed, onRefresh }: { card: MemberCard; updatedAt: number; fetching: boolean; failed: boolean; onRefresh: () => void }) {
  const now = useNow();
  const qr = useQrDataUrl(cardVerifyUrl(window.location.origin, card.token));
  const left = Math.max(0, Math.ceil((updatedAt + card.refreshInSeconds * 1000 - now) / 1000));

  // the countdown ran out: fetch the next token (a failed fetch waits for a tap instead of looping)
  useEffect(() => {
    if (left === 0 && !fetching && !failed) onRefresh();
  }, [left, fetching, failed, onRefresh]);

  const clock = new Date(now).toLocaleTimeString('zh-CN', { hour12: false });
  return (
    <section className="gh-card-qr-panel">
      <button type="button" className="gh-card-qr" onClick={onRefresh} aria-label={C.refreshNow} data-testid="card-qr">
        {qr ? <img src={qr} alt="会员验证二维码" width={220} height={220} /> : <DotLoading color="primary" />}
        {failed && <span className="gh-card-qr-mask">{C.refreshFailed}</span>}
      </button>
      <div className="gh-card-qr-hint">{C.qrHint}</div>
      <div className="gh-card-countdown" role="timer" aria-live="off">
        {fetching ? (
          C.refreshing
        ) : (
          <span aria-label={C.refreshIn(left)}>
            <b>{left}</b> {C.refreshSuffix}
          </span>
        )}
        <button type="button" className="gh-card-refresh" onClick={onRefresh} aria-label={C.refreshNow}>
          <ReloadOutlined spin={fetching} />
        </button>
      </div>
      <div className="gh-card-clock">
        {C.liveClock} <span>{clock}</span>
      </div>
      <div className="gh-card-note">{C.antiScreenshot}</div>
    </section>
  );
}

export function CardPage() {
  const navigate = useNavigate();
  const card = useMemberCard();
  const { refetch } = card;
  const onRefresh = useCallback(() => void refetch(), [refetch]);

  let content;
  if (card.isPending) {
    content = (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  } else if (card.isError && !card.data) {
    content = isApiError(card.error, 'NOT_A_MEMBER') ? (
      <ErrorBlock status="empty" title={C.notMemberTitle} description={C.notMemberBody} className="gh-card-empty" data-testid="card-not-member">
        <Button color="primary" shape="rounded" onClick={() => navigate('/join')}>
          {C.toJoin}
        </Button>
        <Button fill="none" size="small" className="gh-card-empty-home" onClick={() => navigate('/')}>
          {C.backHome}
        </Button>
      </ErrorBlock>
    ) : (
      <ErrorBlock status="disconnected" title={card.error.message} description={t.common.networkError}>
        <Button color="primary" onClick={onRefresh}>
          {t.common.retry}
        </Button>
      </ErrorBlock>
    );
  } else if (card.data) {
    content = (
      <>
        <UnionCard card={card.data} />
        <QrPanel card={card.data} updatedAt={card.dataUpdatedAt} fetching={card.isFetching} failed={card.isError} onRefresh={onRefresh} />
      </>
    );
  }

  return (
    <div className="gh-card-page" data-testid="member-card-page">
      <NavBar className="gh-card-nav" onBack={() => navigate('/')}>
        {C.title}
      </NavBar>
      <div className="gh-card-body">{content}</div>
    </div>
  );
}
