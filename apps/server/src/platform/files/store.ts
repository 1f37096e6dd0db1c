import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, type ReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uuidv7 } from 'uuidv7';

/**
 * Uploads on local disk under FILES_DIR (an S3-compatible driver can implement the same methods).
 * Names on disk are generated (`<area>/<yyyy>/<mm>/<uuidv7>`), never taken from the user; the
 * original file name is kept in the database for display only.
 */
export type StoredFile = {
  key: string;
  size: number;
  /** sha256 of the content, hex */
  sha256: string;
  /** the first bytes, for type sniffing */
  head: Buffer;
};

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file exceeds ${maxBytes} bytes`);
  }
}

const KEY_RE = /^[a-z0-9-]+(?:\/[a-z0-9-]+)+$/;
const HEAD_BYTES = 64 * 1024;

export class FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Absolute path of a stored key; refuses anything that is not one of our generated keys. */
  path(key: string): string {
    if (!KEY_RE.test(key)) throw new Error('invalid file key');
    const p = resolve(join(this.root, key));
    if (!p.startsWith(this.root + sep)) throw new Error('invalid file key');
    return p;
  }

  /** Stream to disk while hashing; over `maxBytes` the partial file is removed and FileTooLargeError thrown. */
  async save(input: Readable, opts: { area: string; maxBytes: number }): Promise<StoredFile> {
    const now = new Date();
    const key = `${opts.area}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${uuidv7()}`;
    const file = this.path(key);
    mkdirSync(dirname(file), { recursive: true });
    const hash = createHash('sha256');
    const headParts: Buffer[] = [];
    let headLen = 0;
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > opts.maxBytes) return cb(new FileTooLargeError(opts.maxBytes));
        hash.update(chunk);
        if (headLen < HEAD_BYTES) {
          const part = chunk.subarray(0, HEAD_BYTES - headLen);
          headParts.push(Buffer.from(part));
          headLen += part.length;
        }
        cb(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    // a stream cut short by the multipart size limit ends "successfully" but marked truncated
    if ((input as Readable & { truncated?: boolean }).truncated) {
      await rm(file, { force: true });
      throw new FileTooLargeError(opts.maxBytes);
    }
    return { key, size, sha256: hash.digest('hex'), head: Buffer.concat(headParts) };
  }

  open(key: string, opts: { start?: number; highWaterMark?: number } = {}): ReadStream {
    return createReadStream(this.path(key), opts);
  }

  async size(key: string): Promise<number> {
    return (await stat(this.path(key))).size;
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

/** What an upload really is, by content (never by its name or the browser's content type). */
export function sniffUpload(head: Buffer): { type: 'xlsx' } | { type: 'csv'; encoding: TextEncoding } | null {
  // .xlsx is a zip: local file header PK\x03\x04
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { type: 'xlsx' };
  const encoding = detectTextEncoding(head);
  return encoding ? { type: 'csv', encoding } : null;
}

export type TextEncoding = 'utf-8' | 'gb18030';

/**
 * UTF-8 (with or without BOM) or, failing that, GBK/GB18030 (what Excel for Chinese Windows saves
 * as "CSV"). Binary content (NUL bytes, undecodable) is not text.
 */
export function detectTextEncoding(head: Buffer): TextEncoding | null {
  if (head.length === 0) return 'utf-8';
  if (head.includes(0)) return null;
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  for (const enc of ['utf-8', 'gb18030'] as const) {
    try {
      // stream: true tolerates a character cut at the end of the sample
      new TextDecoder(enc, { fatal: true }).decode(head, { stream: true });
      return enc;
    } catch {
      /* try the next */
    }
  }
  return null;
}

/** A display-safe version of a client-supplied file name: no directories, control characters or quotes. */
export function safeFileName(name: string | undefined, fallback = 'upload'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (!clean) return fallback;
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 120 - ext.length) + ext;
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export type MediaType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** Photos and documents by their magic bytes: JPEG, PNG or PDF, nothing else (a renamed .exe is refused). */
export function sniffMedia(head: Buffer): MediaType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}
