import { planFileSends, sendFile } from '../../../notify/file-sends';
import { mediaLabel } from '../../../telegram/media-label';
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

const PURPOSES = ['screenshot', 'specification', 'mockup', 'other'] as const;

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
    const captions = new Map(
      mine.map((file, index) => {
        const caption = ctx.t('engineer.files.caption', { number: ticket.number, purpose: ctx.t(`engineer.files.purpose.${purpose}`), index: index + 1, total: mine.length });
        // A phone's media say what they are: "№N · other 1/2 · 🎤 voice 0:07".
        const label = mediaLabel((key, params) => ctx.t(key, params), file);
        return [file, label === null ? caption : `${caption} · ${label}`];
      }),
    );
    // Albums only of kinds Telegram groups (photos with videos, documents, audio); the rest one by one, each with its own method.
    for (const send of planFileSends(mine, (file) => captions.get(file) ?? null)) {
      await sendFile(ctx.telegram, chatId, send, { parse_mode: 'HTML' }).catch((error: unknown) =>
        ctx.log.warn({ err: error, number: ticket.number }, 'could not resend ticket files'),
      );
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
