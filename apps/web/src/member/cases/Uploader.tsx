import { useEffect, useRef } from 'react';
import { ImageViewer, SpinLoading, Toast } from 'antd-mobile';
import { CloseOutlined, ExclamationCircleOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../lib/api';
import { uploadCaseFile } from './api';

export const MAX_FILES = 9;
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,application/pdf';

export type UploadItem = {
  uid: string;
  name: string;
  mime: string;
  /** object URL of the local image, for the thumbnail */
  preview?: string;
  status: 'uploading' | 'done' | 'error';
  id?: string;
  error?: string;
};

let seq = 0;

/**
 * Photos and PDFs for a case, uploaded as soon as they are picked (POST /api/case-files) so that
 * submitting only sends their ids. Size is checked here (10 MB); the server checks the content.
 * Controlled: the form holds the list; `uploadedIds` reads the ids back.
 */
export function Uploader({ value = [], onChange }: { value?: UploadItem[]; onChange?: (v: UploadItem[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  // uploads finish after re-renders: always patch the latest list
  const latest = useRef(value);
  latest.current = value;
  const set = (v: UploadItem[]) => {
    latest.current = v;
    onChange?.(v);
  };
  const patch = (uid: string, p: Partial<UploadItem>) => set(latest.current.map((it) => (it.uid === uid ? { ...it, ...p } : it)));

  // object URLs live as long as the page
  const previews = useRef<string[]>([]);
  useEffect(() => () => previews.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const pick = (files: FileList | null) => {
    if (!files) return;
    const room = MAX_FILES - latest.current.length;
    const list = Array.from(files);
    if (list.length > room) Toast.show({ content: `附件最多 ${MAX_FILES} 个` });
    const added: { item: UploadItem; file: File }[] = [];
    for (const file of list.slice(0, Math.max(0, room))) {
      if (file.type && !ACCEPT.split(',').includes(file.type)) {
        Toast.show({ content: `「${file.name}」格式不支持，仅支持 JPG、PNG 图片和 PDF 文件` });
        continue;
      }
      if (file.size > MAX_BYTES) {
        Toast.show({ content: `「${file.name}」超过 10 MB，请压缩后再上传` });
        continue;
      }
      const image = file.type.startsWith('image/');
      const preview = image ? URL.createObjectURL(file) : undefined;
      if (preview) previews.current.push(preview);
      added.push({ file, item: { uid: `f${++seq}`, name: file.name, mime: file.type || 'application/octet-stream', preview, status: 'uploading' } });
    }
    if (added.length === 0) return;
    set([...latest.current, ...added.map((a) => a.item)]);
    for (const { file, item } of added) {
      uploadCaseFile(file).then(
        (r) => patch(item.uid, { status: 'done', id: r.id, mime: r.mime }),
        (e: unknown) => {
          const msg = errorMessage(e);
          patch(item.uid, { status: 'error', error: msg });
          Toast.show({ content: `「${file.name}」上传失败：${msg}` });
        },
      );
    }
  };

  const images = value.filter((it) => it.preview);
  const preview = (it: UploadItem) => {
    const i = images.indexOf(it);
    if (i >= 0) ImageViewer.Multi.show({ images: images.map((x) => x.preview!), defaultIndex: i });
  };

  return (
    <div className="gh-m-case-files" data-testid="case-uploader">
      {value.map((it) => (
        <div key={it.uid} className={`gh-m-case-tile${it.preview ? '' : ' is-file'}${it.status === 'error' ? ' is-error' : ''}`}>
          {it.preview ? (
            <img src={it.preview} alt={it.name} onClick={() => preview(it)} />
          ) : (
            <>
              <FilePdfOutlined />
              <span>{it.name}</span>
            </>
          )}
          {it.status === 'uploading' && (
            <div className="gh-m-case-tile-mask">
              <SpinLoading color="white" style={{ '--size': '20px' }} />
            </div>
          )}
          {it.status === 'error' && (
            <div className="gh-m-case-tile-mask" title={it.error}>
              <ExclamationCircleOutlined />
              <span>上传失败</span>
            </div>
          )}
          <button type="button" className="gh-m-case-tile-del" aria-label={`删除 ${it.name}`} onClick={() => set(latest.current.filter((x) => x.uid !== it.uid))}>
            <CloseOutlined />
          </button>
        </div>
      ))}
      {value.length < MAX_FILES && (
        <button type="button" className="gh-m-case-tile is-add" onClick={() => input.current?.click()} aria-label="添加图片或 PDF">
          <PlusOutlined />
          <span>图片/PDF</span>
        </button>
      )}
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid="case-file-input"
        onChange={(e) => {
          pick(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}

export const uploadedIds = (items: UploadItem[] | undefined) => (items ?? []).filter((it) => it.status === 'done' && it.id).map((it) => it.id!);
export const stillUploading = (items: UploadItem[] | undefined) => (items ?? []).some((it) => it.status === 'uploading');
