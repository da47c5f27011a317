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

const PURPOSES = ['screenshot', 'specification', 'mockup', 'other'] as const;
const ALBUM_MAX = 10;

interface Captioned {
  readonly file: FileView;
  readonly caption: string;
}

/** Albums of at most ten, photos apart from documents (Telegram does not mix them). */
function albums(items: readonly Captioned[]): Captioned[][] {
  const out: Captioned[][] = [];
  for (const group of [items.filter((i) => isPhoto(i.file)), items.filter((i) => !isPhoto(i.file))]) {
    for (let i = 0; i < group.length; i += ALBUM_MAX) out.push(group.slice(i, i + ALBUM_MAX));
  }
  return out;
}

async function sendAlbum(ctx: DeskContext, chatId: number, album: readonly Captioned[]): Promise<void> {
  const [only] = album;
  if (album.length === 1 && only) {
    const extra = { caption: only.caption, parse_mode: 'HTML' as const };
    await (isPhoto(only.file) ? ctx.telegram.sendPhoto(chatId, only.file.fileId, extra) : ctx.telegram.sendDocument(chatId, only.file.fileId, extra));
    return;
  }
  // albums() never mixes photos and documents.
  await (only && isPhoto(only.file)
    ? ctx.telegram.sendMediaGroup(chatId, album.map((i) => ({ type: 'photo' as const, media: i.file.fileId, caption: i.caption, parse_mode: 'HTML' as const })))
    : ctx.telegram.sendMediaGroup(chatId, album.map((i) => ({ type: 'document' as const, media: i.file.fileId, caption: i.caption, parse_mode: 'HTML' as const }))));
}

/**
 * The ticket's files by purpose, as albums, each captioned "№N · screenshot 1/3": staff's
 * `/files N` and the client's card button (issue 13 §6) send them the same way.
 */
export async function sendFiles(ctx: DeskContext, number: number | null): Promise<void> {
  const chatId = ctx.chat?.id;
  const ticket = number === null ? null : await visibleTicketFiles(ctx, number);
  if (!ticket || chatId === undefined) {
    await replyKey(ctx, 'errors.not_found');
    return;
  }
  const files = ticket.files.slice(0, MAX_FILES);
  if (files.length === 0) {
    await replyKey(ctx, 'engineer.files.none', { number: ticket.number });
    return;
  }
  await replyKey(ctx, 'engineer.files.title', { number: ticket.number, count: ticket.files.length });
  for (const purpose of PURPOSES) {
    const mine = files.filter((f) => (PURPOSES as readonly string[]).includes(f.purpose) ? f.purpose === purpose : purpose === 'other');
    const captioned = mine.map((file, index) => ({
      file,
      caption: ctx.t('engineer.files.caption', { number: ticket.number, purpose: ctx.t(`engineer.files.purpose.${purpose}`), index: index + 1, total: mine.length }),
    }));
    for (const album of albums(captioned)) {
      await sendAlbum(ctx, chatId, album).catch((error: unknown) => ctx.log.warn({ err: error, number: ticket.number }, 'could not resend ticket files'));
    }
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
