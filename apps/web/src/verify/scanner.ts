/**
 * QR scanning from the rear camera: the browser's BarcodeDetector where it has one (Chrome on
 * Android), else jsQR on downscaled video frames (Safari, WeChat). jsQR is loaded only when needed.
 */

type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: CanvasImageSource): Promise<DetectedBarcode[]> };
type BarcodeDetectorCtor = {
  new (opts: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
};

export type ScanFailure = 'unsupported' | 'insecure' | 'denied' | 'missing' | 'failed';

export class ScanError extends Error {
  constructor(readonly kind: ScanFailure) {
    super(kind);
  }
}

type Decoder = (video: HTMLVideoElement) => Promise<string | null>;

async function nativeDecoder(): Promise<Decoder | null> {
  const Ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    if (!(await Ctor.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Ctor({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

async function jsqrDecoder(): Promise<Decoder> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new ScanError('unsupported');
  return async (video) => {
    // 640 px wide is plenty for a phone-screen QR held near the camera, and keeps each frame cheap
    const scale = Math.min(1, 640 / video.videoWidth);
    const w = Math.floor(video.videoWidth * scale);
    const h = Math.floor(video.videoHeight * scale);
    if (!w || !h) return null;
    canvas.width = w;
    canvas.height = h;
    ctx.drawImage(video, 0, 0, w, h);
    const img = ctx.getImageData(0, 0, w, h);
    return jsQR(img.data, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

function cameraError(e: unknown): ScanError {
  if (e instanceof ScanError) return e;
  const name = (e as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return new ScanError('denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return new ScanError('missing');
  return new ScanError('failed');
}

/**
 * Start the camera into `video` and call `onText` once with the first QR text found.
 * Returns a stop function (also called automatically after a hit).
 */
export async function startScanner(video: HTMLVideoElement, onText: (text: string) => void): Promise<() => void> {
  if (!window.isSecureContext) throw new ScanError('insecure');
  if (!navigator.mediaDevices?.getUserMedia) throw new ScanError('unsupported');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  } catch (e) {
    throw cameraError(e);
  }
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    video.muted = true;
    video.setAttribute('playsinline', 'true');
    await video.play();
    const decode = (await nativeDecoder()) ?? (await jsqrDecoder());
    const tick = async () => {
      if (stopped) return;
      let text: string | null = null;
      if (video.readyState >= 2) text = await decode(video).catch(() => null);
      if (stopped) return;
      if (text) {
        stop();
        onText(text);
        return;
      }
      timer = setTimeout(() => void tick(), 150);
    };
    void tick();
  } catch (e) {
    stop();
    throw cameraError(e);
  }
  return stop;
}
