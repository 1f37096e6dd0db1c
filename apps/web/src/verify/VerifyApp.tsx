import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, ConfigProvider, DotLoading, TextArea } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { CheckOutlined, CloseOutlined, ScanOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { extractCardToken, type CardVerifyResult } from '@gonghui/contracts';
import { api, errorMessage } from '../lib/api';
import { ScanError, startScanner, type ScanFailure } from './scanner';
import { verifyText as V } from './strings';
import './verify.css';

/**
 * 扫码验证: the public page a member's QR code opens (`/verify#<token>`), also usable by a venue or
 * merchant to scan codes one after another. No login; shows masked data only.
 */

type Outcome = { kind: 'result'; result: CardVerifyResult } | { kind: 'error'; message: string };

const CAMERA_MESSAGES: Record<ScanFailure, string> = {
  unsupported: V.cameraUnsupported,
  insecure: V.cameraInsecure,
  denied: V.cameraDenied,
  missing: V.cameraMissing,
  failed: V.cameraFailed,
};

const timeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function Scanner({ onText, onCancel, onError }: { onText: (t: string) => void; onCancel: () => void; onError: (m: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    startScanner(video.current!, onText)
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch((e: unknown) => {
        if (!cancelled) onError(e instanceof ScanError ? CAMERA_MESSAGES[e.kind] : V.cameraFailed);
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [onText, onError]);
  return (
    <div className="gh-v-scanner" data-testid="verify-scanner">
      <video ref={video} className="gh-v-video" playsInline muted />
      <div className="gh-v-frame" aria-hidden="true">
        <i />
        <i />
        <i />
        <i />
        <span className="gh-v-laser" />
      </div>
      <div className="gh-v-scan-hint">{V.scanHint}</div>
      <Button className="gh-v-scan-cancel" shape="rounded" onClick={onCancel}>
        {V.cancel}
      </Button>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="gh-v-row">
      <span className="gh-v-row-label">{label}</span>
      <span className="gh-v-row-value">{children}</span>
    </div>
  );
}

function ResultView({ outcome, onAgain }: { outcome: Outcome; onAgain: () => void }) {
  const r = outcome.kind === 'result' ? outcome.result : null;
  const ok = r?.valid === true;
  return (
    <section className={`gh-v-result ${ok ? 'is-valid' : 'is-invalid'}`} data-testid={ok ? 'verify-valid' : 'verify-invalid'} aria-live="assertive">
      <div className="gh-v-badge">{ok ? <CheckOutlined /> : <CloseOutlined />}</div>
      <div className="gh-v-verdict">{ok ? V.validTitle : V.invalidTitle}</div>
      {r?.valid === true && (
        <div className="gh-v-rows">
          <Row label={V.name}>
            <span className="gh-v-name">{r.nameMasked}</span>
          </Row>
          <Row label={V.org}>{r.orgName}</Row>
          <Row label={V.status}>
            <span className="gh-v-tag">{r.status}</span>
          </Row>
          <Row label={V.cardNo}>
            <span className="gh-v-mono">{r.cardNoMasked}</span>
          </Row>
          <Row label={V.checkedAt}>{timeFmt.format(new Date(r.checkedAt))}</Row>
        </div>
      )}
      {r?.valid === false && (
        <>
          <div className="gh-v-reason">{r.reason}</div>
          <div className="gh-v-rows">
            {r.status && (
              <Row label={V.status}>
                <span className="gh-v-tag is-bad">{r.status}</span>
              </Row>
            )}
            <Row label={V.checkedAt}>{timeFmt.format(new Date(r.checkedAt))}</Row>
          </div>
        </>
      )}
      {outcome.kind === 'error' && <div className="gh-v-reason">{outcome.message}</div>}
      <Button block color="primary" size="large" shape="rounded" className="gh-v-again" onClick={onAgain}>
        <ScanOutlined /> {V.again}
      </Button>
    </section>
  );
}

function VerifyPage() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [scanning, setScanning] = useState(false);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const [paste, setPaste] = useState('');
  const lastHash = useRef<string | null>(null);

  const verify = useMutation({
    mutationFn: (token: string) => api.post<CardVerifyResult>('/cards/verify', { token }),
    onSuccess: (result) => setOutcome({ kind: 'result', result }),
    onError: (e) => setOutcome({ kind: 'error', message: errorMessage(e) }),
  });
  const { mutate } = verify;

  const check = useCallback(
    (text: string) => {
      setScanning(false);
      setCameraError(null);
      const token = extractCardToken(text);
      if (!token) {
        setOutcome({ kind: 'error', message: text.trim() ? V.notACardCode : V.emptyInput });
        return;
      }
      setOutcome(null);
      mutate(token);
    },
    [mutate],
  );

  // a phone camera opened /verify#<token>: check at once (once per distinct hash)
  useEffect(() => {
    const fromHash = () => {
      const hash = window.location.hash.slice(1);
      if (!hash || hash === lastHash.current) return;
      lastHash.current = hash;
      check(hash);
    };
    fromHash();
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, [check]);

  const scanAgain = () => {
    // drop the used token from the address bar so a reload does not re-check an old code
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
    lastHash.current = null;
    setOutcome(null);
    setPaste('');
    setCameraError(null);
    setScanning(true);
  };
  const onCameraError = useCallback((m: string) => {
    setScanning(false);
    setCameraError(m);
  }, []);
  const onCancel = useCallback(() => setScanning(false), []);

  let main;
  if (scanning) {
    main = <Scanner onText={check} onCancel={onCancel} onError={onCameraError} />;
  } else if (verify.isPending) {
    main = (
      <section className="gh-v-checking" role="status">
        <DotLoading color="primary" />
        <div>{V.checking}</div>
      </section>
    );
  } else if (outcome) {
    main = <ResultView outcome={outcome} onAgain={scanAgain} />;
  } else {
    main = (
      <section className="gh-v-start">
        <button type="button" className="gh-v-scan-btn" onClick={scanAgain} data-testid="verify-scan">
          <ScanOutlined />
          <span>{V.scan}</span>
        </button>
        {cameraError && <div className="gh-v-camera-error">{cameraError}</div>}
        <div className="gh-v-paste">
          <div className="gh-v-paste-title">{V.pasteTitle}</div>
          <TextArea value={paste} onChange={setPaste} placeholder={V.pastePlaceholder} autoSize={{ minRows: 2, maxRows: 4 }} className="gh-v-paste-input" />
          <Button block color="primary" fill="outline" shape="rounded" onClick={() => check(paste)}>
            {V.verify}
          </Button>
        </div>
      </section>
    );
  }

  return (
    <div className="gh-v-page" data-testid="verify-page">
      <header className="gh-v-head">
        <SafetyCertificateOutlined className="gh-v-head-icon" />
        <div>
          <h1 className="gh-v-title">{V.title}</h1>
          <div className="gh-v-sub">{V.subtitle}</div>
        </div>
      </header>
      <main className="gh-v-main">{main}</main>
      <footer className="gh-v-foot">{V.privacy}</footer>
    </div>
  );
}

export default function VerifyApp() {
  return (
    <ConfigProvider locale={zhCN}>
      <div className="gh-v-stage">
        <div className="gh-v-shell">
          <VerifyPage />
        </div>
      </div>
    </ConfigProvider>
  );
}
