import { useEffect, useState } from 'react';
import { Skeleton } from 'antd';
import QRCode from 'qrcode';
import '../joinlinks/joinlinks.css';

/** A QR code of a URL with a caption (入会二维码, 诉求箱, 医院工伤探视码): one look, one library, one setting. */
export function QrImage({ url, caption, alt, testId, size = 168 }: { url: string; caption: string; alt: string; testId?: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { width: 320, margin: 1, errorCorrectionLevel: 'M' }).then(
      (d) => live && setSrc(d),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className="gh-join-qr">
      {src ? <img src={src} width={size} height={size} alt={alt} data-testid={testId} /> : <Skeleton.Image active style={{ width: size, height: size }} />}
      <div className="gh-join-qr-caption" title={caption}>
        {caption}
      </div>
    </div>
  );
}

/** A print-ready PNG: the code, a title and a line of instructions under it (posters need no editing). */
export async function downloadQrPoster(url: string, title: string, line: string, fileName: string): Promise<void> {
  const size = 640;
  const pad = 40;
  const captionH = 96;
  const qr = document.createElement('canvas');
  await QRCode.toCanvas(qr, url, { width: size, margin: 0, errorCorrectionLevel: 'M' });
  const c = document.createElement('canvas');
  c.width = size + pad * 2;
  c.height = size + pad * 2 + captionH;
  const g = c.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, c.width, c.height);
  g.drawImage(qr, pad, pad);
  g.fillStyle = '#1f1f1f';
  g.textAlign = 'center';
  g.font = '600 34px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
  g.fillText(title, c.width / 2, size + pad + 52, c.width - pad * 2);
  g.fillStyle = '#8c8c8c';
  g.font = '24px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
  g.fillText(line, c.width / 2, size + pad + 92, c.width - pad * 2);
  const a = document.createElement('a');
  a.href = c.toDataURL('image/png');
  a.download = fileName;
  a.click();
}
