import { useState } from 'react';
import { App, Button, Image, Upload, type UploadFile } from 'antd';
import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../lib/api';
import { t } from '../../lib/i18n';
import { CASE_FILE_MAX_BYTES, CASE_FILE_TYPES, caseFileUrl, uploadCaseFile, type CaseAttachment } from './api';

const u = t.admin.cases.upload;
const MAX_FILES = 9;

/**
 * Form control for case attachments: each file is uploaded on pick (POST /api/case-files) and the
 * value is the list of returned ids, which the case/action body carries as `attachmentIds`.
 */
export function AttachmentUpload({ value, onChange, id }: { value?: string[]; onChange?: (ids: string[]) => void; id?: string }) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<CaseAttachment>[]>([]);
  const sync = (list: UploadFile<CaseAttachment>[]) => {
    setFiles(list);
    onChange?.(list.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
  };
  const count = value?.length ?? 0;
  return (
    <Upload<CaseAttachment>
      id={id}
      multiple
      accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
      fileList={files}
      listType="text"
      beforeUpload={(f, batch) => {
        const ext = /\.(jpe?g|png|pdf)$/i.test(f.name);
        if (!CASE_FILE_TYPES.includes(f.type) && !ext) {
          void message.error(u.badType);
          return Upload.LIST_IGNORE;
        }
        if (f.size > CASE_FILE_MAX_BYTES) {
          void message.error(u.tooBig);
          return Upload.LIST_IGNORE;
        }
        if (files.length + batch.indexOf(f) >= MAX_FILES) {
          void message.error(u.tooMany);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        uploadCaseFile(file as File).then(
          (a) => onSuccess?.(a),
          (e: unknown) => {
            void message.error(u.failed((file as File).name, errorMessage(e)));
            onError?.(e as Error);
          },
        );
      }}
      onChange={({ fileList }) => sync(fileList.filter((f) => f.status !== 'error'))}
    >
      <Button icon={<UploadOutlined />} disabled={count >= MAX_FILES}>
        {u.button}
      </Button>
    </Upload>
  );
}

/** Attachments of a case or an event: images as previewable thumbnails, PDFs as links. */
export function AttachmentList({ files, size = 88 }: { files: CaseAttachment[]; size?: number }) {
  const images = files.filter((f) => f.mime.startsWith('image/'));
  const others = files.filter((f) => !f.mime.startsWith('image/'));
  return (
    <div className="gh-case-files">
      {images.length > 0 && (
        <Image.PreviewGroup>
          {images.map((f) => (
            <Image
              key={f.id}
              src={caseFileUrl(f.id)}
              alt={f.name}
              width={size}
              height={size}
              style={{ objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }}
            />
          ))}
        </Image.PreviewGroup>
      )}
      {others.map((f) => (
        <a key={f.id} href={caseFileUrl(f.id)} target="_blank" rel="noreferrer" className="gh-case-file-pdf" title={f.name}>
          <FilePdfOutlined style={{ color: '#cf1322' }} />
          <span className="gh-ellipsis">{f.name}</span>
          <span className="gh-case-sub">{fmtSize(f.size)}</span>
        </a>
      ))}
    </div>
  );
}

function fmtSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
