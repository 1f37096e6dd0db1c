import { useRef, useState, type ReactNode } from 'react';
import { Button, Toast, type ButtonProps } from 'antd-mobile';
import { ScanOutlined } from '@ant-design/icons';
import { decodeQrImage, extractJoinToken } from './qr';

/**
 * 扫码: opens the camera (or the album) and reads a union's join QR code from the photo.
 * Calls `onToken` with the join-link token; anything else is refused with a hint.
 */
export function ScanJoinCodeButton({
  onToken,
  children = '扫描入会二维码',
  ...button
}: { onToken: (token: string) => void; children?: ReactNode } & Omit<ButtonProps, 'onClick' | 'children' | 'loading'>) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const text = await decodeQrImage(file);
      if (!text) {
        Toast.show({ content: '未识别到二维码，请对准二维码重新拍摄' });
        return;
      }
      const token = extractJoinToken(text);
      if (!token) {
        Toast.show({ content: '这不是工会的入会二维码' });
        return;
      }
      onToken(token);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*"
        hidden
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <Button {...button} loading={busy} onClick={() => input.current?.click()}>
        <ScanOutlined /> {children}
      </Button>
    </>
  );
}
