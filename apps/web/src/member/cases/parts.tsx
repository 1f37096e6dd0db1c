import { Tag } from 'antd-mobile';
import { ClockCircleOutlined, ExclamationCircleOutlined, FilePdfOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  CASE_STATUS_LABELS,
  CASE_TYPE_FIELDS,
  CASE_TYPE_LABELS,
  type CaseFieldDef,
  type CaseItem,
  type CaseStatus,
  type CaseType,
} from '@gonghui/contracts';
import { caseFileUrl, type CaseFile } from './api';

const STATUS_COLORS: Record<CaseStatus, string> = {
  submitted: 'warning',
  accepted: 'warning',
  assigned: 'primary',
  in_progress: 'primary',
  resolved: 'success',
  closed: 'default',
  rejected: 'danger',
  withdrawn: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} fill="outline" data-testid="case-status">
      {CASE_STATUS_LABELS[status]}
    </Tag>
  );
}

export const typeLabel = (type: CaseType) => CASE_TYPE_LABELS[type] ?? type;
export const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
export const monthDay = (iso: string) => dayjs(iso).format('M 月 D 日');

/** The promise a member can hold the union to: 预计 X 月 X 日前受理/办结, or what happens when it is missed. */
export function SlaHint({ c, compact = false }: { c: Pick<CaseItem, 'status' | 'dueAt' | 'overdue' | 'supervised' | 'rating'>; compact?: boolean }) {
  const cls = compact ? 'gh-m-case-sla is-compact' : 'gh-m-case-sla';
  if (c.status === 'resolved') {
    return <div className={`${cls} is-done`}>已办结，请对办理结果进行评价</div>;
  }
  const open = c.status === 'submitted' || c.status === 'accepted' || c.status === 'assigned' || c.status === 'in_progress';
  if (!open || !c.dueAt) return null;
  const stage = c.status === 'submitted' || c.status === 'accepted' ? '受理' : '办结';
  if (c.overdue) {
    return (
      <div className={`${cls} is-late`}>
        <ExclamationCircleOutlined /> 已超过{stage}时限{c.supervised ? '，上级工会正在督办' : '，系统已提醒办理人'}
      </div>
    );
  }
  return (
    <div className={cls}>
      <ClockCircleOutlined /> 预计 {monthDay(c.dueAt)}前{stage}
    </div>
  );
}

/** A field's value as a person reads it: money is stored in 分, shown in 元. */
export function fieldText(def: CaseFieldDef, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (def.kind === 'money' && typeof v === 'number') return `${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  return String(v);
}

/** The type-specific fields of a case as label/value rows (unknown keys are skipped). */
export function fieldRows(type: CaseType, fields: Record<string, unknown>): { key: string; label: string; value: string }[] {
  return CASE_TYPE_FIELDS[type]
    .filter((f) => fields[f.key] !== undefined && fields[f.key] !== null && fields[f.key] !== '')
    .map((f) => ({ key: f.key, label: f.label.replace(/（元）$/, ''), value: fieldText(f, fields[f.key]) }));
}

export const isImage = (mime: string) => mime === 'image/jpeg' || mime === 'image/png';

/** Attachments as tiles: images as thumbnails (tap to enlarge), PDFs as a named file tile. */
export function AttachmentTiles({ files, onPreview }: { files: CaseFile[]; onPreview: (url: string) => void }) {
  if (files.length === 0) return null;
  return (
    <div className="gh-m-case-files">
      {files.map((f) =>
        isImage(f.mime) ? (
          <button key={f.id} type="button" className="gh-m-case-tile" onClick={() => onPreview(caseFileUrl(f.id))} aria-label={`查看图片 ${f.name}`}>
            <img src={caseFileUrl(f.id)} alt={f.name} loading="lazy" />
          </button>
        ) : (
          <a key={f.id} className="gh-m-case-tile is-file" href={caseFileUrl(f.id)} target="_blank" rel="noreferrer">
            <FilePdfOutlined />
            <span>{f.name}</span>
          </a>
        ),
      )}
    </div>
  );
}
