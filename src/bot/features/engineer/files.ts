import type { FileView } from '../../../application/views/ticket';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { replyKey } from '../../html';
import { visibleTicketFiles } from '../../tickets/ticket-access';
import { commandPayload } from '../../updates';
import { intArg } from '../../../telegram/callback-data';
import { requireStaff } from './staff';

const MAX_FILES = 30;

/** A ticket's files (the client's included) sent to the staff member: `/files N` or the button under the history. */
export const filesFeature = createFeature();

function isPhoto(file: FileView): boolean {
  return file.fileName === null && (file.mimeType ?? 'image/jpeg').startsWith('image/');
}

async function sendFiles(ctx: DeskContext, number: number | null): Promise<void> {
  const chatId = ctx.chat?.id;
  const ticket = number === null ? null : await visibleTicketFiles(ctx, number);
  if (!ticket || chatId === undefined) {
    await replyKey(ctx, 'errors.not_found');
    return;
  }
  const { files } = ticket;
  if (files.length === 0) {
    await replyKey(ctx, 'engineer.files.none', { number: ticket.number });
    return;
  }
  await replyKey(ctx, 'engineer.files.title', { number: ticket.number, count: files.length });
  const caption = ctx.t('engineer.relay.file_caption', { number: ticket.number });
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
    await sendFiles(ctx, intArg(numberArg));
  }),
);
