const TOKEN_RE = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The join-link token in whatever a worker pasted or scanned: the full link
 * (`https://…/join/<token>`, possibly inside a longer message) or the bare token.
 */
export function extractJoinToken(text: string): string | null {
  const s = text.trim();
  const m = /\/join\/([A-Za-z0-9_-]{8,64})(?=$|[/?#\s])/.exec(s);
  if (m) return m[1] ?? null;
  return TOKEN_RE.test(s) ? s : null;
}

/**
 * Reads a QR code from a photo (the phone camera via <input capture> or the album): no camera
 * permission prompt, works in WeChat's browser too. Large photos are scaled down first: jsQR is
 * pure JS and a 12-megapixel frame would freeze a low-end phone. It is loaded on first use so
 * the home page does not pay for it.
 */
export async function decodeQrImage(file: File, maxSide = 1280): Promise<string | null> {
  const url = URL.createObjectURL(file);
  try {
    const { default: jsQR } = await import('jsqr');
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image();
      el.onload = () => resolve(el);
      el.onerror = () => reject(new Error('image'));
      el.src = url;
    });
    const scale = Math.min(1, maxSide / Math.max(img.naturalWidth, img.naturalHeight));
    const w = Math.max(1, Math.round(img.naturalWidth * scale));
    const h = Math.max(1, Math.round(img.naturalHeight * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(img, 0, 0, w, h);
    const data = ctx.getImageData(0, 0, w, h);
    return jsQR(data.data, w, h, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}
