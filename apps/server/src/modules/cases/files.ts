import type { MultipartFile } from '@fastify/multipart';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/access/actor';
import { AppError, errors } from '../../platform/http/errors';
import type { AppDeps } from '../../platform/http/context';
import { FileStore, FileTooLargeError, safeFileName, sniffMedia } from '../../platform/files/store';
import { casePolicy } from './policy';

/** Case attachments: photos (jpg/png) and PDFs up to 10 MB, checked by content, not by name. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function store(deps: AppDeps) {
  return new FileStore(deps.config.filesDir);
}

export async function saveAttachment(deps: AppDeps, actor: Actor, part: MultipartFile) {
  const files = store(deps);
  let saved;
  try {
    saved = await files.save(part.file, { area: 'cases', maxBytes: MAX_ATTACHMENT_BYTES });
  } catch (err) {
    if (err instanceof FileTooLargeError) throw new AppError('FILE_TOO_LARGE', 413, '附件不能超过 10 MB');
    throw err;
  }
  const mime = sniffMedia(saved.head);
  if (!mime) {
    await files.remove(saved.key);
    throw errors.field('file', '附件只能是 JPG、PNG 图片或 PDF 文件');
  }
  const id = uuidv7();
  const name = safeFileName(part.filename, mime === 'application/pdf' ? '附件.pdf' : '照片');
  await deps.database.db
    .insertInto('case_attachments')
    .values({ id, case_id: null, event_id: null, file_key: saved.key, name, mime, size: saved.size, sha256: saved.sha256, uploaded_by: actor.userId })
    .execute();
  return { id, name, mime, size: saved.size };
}

/** The uploader, the submitter, or anyone who may see the case in the console. */
export async function openAttachment(deps: AppDeps, actor: Actor, id: string) {
  const { db } = deps.database;
  const a = await db.selectFrom('case_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw errors.notFound('附件');
  if (a.uploaded_by !== actor.userId) {
    const c = a.case_id ? await db.selectFrom('cases').select(['org_path', 'origin_path', 'assignee_id', 'submitter_user_id', 'filed_by']).where('id', '=', a.case_id).executeTakeFirst() : null;
    const internal = a.event_id ? (await db.selectFrom('case_events').select('internal').where('id', '=', a.event_id).executeTakeFirst())?.internal : false;
    const allowed = c && (casePolicy.read(actor, c) || (c.submitter_user_id === actor.userId && !internal));
    if (!allowed) throw errors.notFound('附件');
  }
  return { name: a.name, mime: a.mime, size: a.size, stream: store(deps).open(a.file_key) };
}
