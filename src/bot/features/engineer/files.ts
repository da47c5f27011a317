import type { AttachmentEntity } from '../../../persistence/entities';
import { ticketAttachments } from '../../../persistence/repositories/comments';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { commandPayload } from '../../updates';
import { requireStaff, staffTicket } from './staff';

const MAX_FILES = 30;

/** A ticket's files (the client's included) sent to the staff member: `/files N` or the button under the history. */
export const filesFeature = createFeature();

function isPhoto(file: AttachmentEntity): boolean {
  return file.fileName === null && (file.mimeType ?? 'image/jpeg').startsWith('image/');
}

async function sendFiles(ctx: DeskContext, ref: string | number | undefined): Promise<void> {
  const row = await staffTicket(ctx, ref);
  const chatId = ctx.chat?.id;
  if (!row || chatId === undefined) return;
  const files = await ticketAttachments(ctx.deps.app.dataSource.manager, row.id, { includeInternal: true });
  if (files.length === 0) {
    await replyKey(ctx, 'engineer.files.none', { number: row.number });
    return;
  }
  await replyKey(ctx, 'engineer.files.title', { number: row.number, count: files.length });
  const caption = ctx.t('engineer.relay.file_caption', { number: row.number });
  for (const file of files.slice(0, MAX_FILES)) {
    const send = isPhoto(file)
      ? ctx.telegram.sendPhoto(chatId, file.fileId, { caption, parse_mode: 'HTML' })
      : ctx.telegram.sendDocument(chatId, file.fileId, { caption, parse_mode: 'HTML' });
    await send.catch((error: unknown) => ctx.log.warn({ err: error, fileId: file.fileId }, 'could not resend a ticket file'));
  }
}

filesFeature.command('files', async (ctx) => {
  if (!(await requireStaff(ctx))) return;
  const number = /^№?\s*(\d{1,9})$/.exec(commandPayload(ctx))?.[1];
  if (!number) {
    await replyKey(ctx, 'engineer.files.usage');
    return;
  }
  await sendFiles(ctx, Number(number));
});

filesFeature.use(
  onCallback('en', 'fl', async (ctx, [numberArg]) => {
    if (!(await requireStaff(ctx))) return;
    await ctx.answerCbQuery();
    await sendFiles(ctx, numberArg);
  }),
);
