import { z } from 'zod';
import { TransitionNotAllowedError } from '../../domain/ticket/errors';
import { intArg } from '../../telegram/callback-data';
import type { DeskContext } from '../context';
import { clearDialog, dialogOf, saveDialog } from '../dialog';
import { createFeature, onCallback, type CallbackContext } from '../feature';
import { editOrReplyHtml, replyHtml, replyKey } from '../html';
import { actionButton, button, keyboard } from '../keyboard';
import { refusalText } from '../tickets/act';
import { messageText } from '../updates';

/**
 * Issue 13 §7: once a ticket is done (the client confirmed, or the window closed it) the client
 * rates it 1–5 and may add a comment. The score buttons edit their own message into the thanks;
 * a second tap with the same score only answers the button (no edit into the same state).
 */
export const ratingFeature = createFeature();

const RATE_COMMENT_FLOW = 'rate_comment';
const commentDialog = z.object({ flow: z.literal(RATE_COMMENT_FLOW), number: z.number().int().positive() });

export function stars(score: number): string {
  return '★'.repeat(score) + '☆'.repeat(5 - score);
}

function scoreKeyboard(ctx: DeskContext, number: number) {
  return keyboard([[1, 2, 3, 4, 5].map((score) => button(`${score} ★`, 'rt', 's', number, score))]);
}

/** Asks the client for a rating of done ticket №number. */
export async function askRating(ctx: DeskContext, number: number): Promise<void> {
  await replyKey(ctx, 'client.rating.ask', { number }, { keyboard: scoreKeyboard(ctx, number) });
}

async function refused(ctx: CallbackContext, error: unknown, number: number): Promise<void> {
  const text = error instanceof TransitionNotAllowedError ? ctx.t('client.rating.not_done', { number }) : refusalText(ctx, error);
  if (text === null) throw error;
  await ctx.answerCbQuery();
  await replyHtml(ctx, text);
}

ratingFeature.use(
  onCallback('tk', 'rate', async (ctx, [arg]) => {
    const number = intArg(arg);
    if (number === null || ctx.user?.role !== 'client') {
      await ctx.answerCbQuery(ctx.t('errors.not_found'));
      return;
    }
    await ctx.answerCbQuery();
    await askRating(ctx, number);
  }),
  onCallback('rt', 's', async (ctx, [numberArg, scoreArg]) => {
    const number = intArg(numberArg);
    const score = intArg(scoreArg);
    if (number === null || score === null || !ctx.actor || ctx.user?.role !== 'client') {
      await ctx.answerCbQuery(ctx.t('errors.not_found'));
      return;
    }
    let result;
    try {
      result = await ctx.deps.desk.ratings.rate({ ticket: { number }, actor: ctx.actor, score });
    } catch (error) {
      await refused(ctx, error, number);
      return;
    }
    if (result.previousScore === score) {
      // A second tap: the message already says so.
      await ctx.answerCbQuery(ctx.t('client.rating.thanks_short', { stars: stars(score) }));
      return;
    }
    await ctx.answerCbQuery(ctx.t('client.rating.thanks_short', { stars: stars(score) }));
    await editOrReplyHtml(ctx, ctx.t('client.rating.thanks', { number, stars: stars(score), score }), {
      keyboard: keyboard([[button(ctx.t('client.rating.add_comment'), 'rt', 'c', number)], [actionButton(ctx.t, 'open', number)]]),
    });
  }),
  onCallback('rt', 'c', async (ctx, [numberArg]) => {
    const number = intArg(numberArg);
    if (number === null || ctx.user?.role !== 'client') {
      await ctx.answerCbQuery(ctx.t('errors.not_found'));
      return;
    }
    await ctx.answerCbQuery();
    if (dialogOf(ctx, RATE_COMMENT_FLOW, commentDialog)?.number === number) return;
    await saveDialog(ctx, { flow: RATE_COMMENT_FLOW, number });
    await replyKey(ctx, 'client.rating.ask_comment', { number }, { keyboard: keyboard([[button(ctx.t('common.cancel'), 'dlg', 'x')]]) });
  }),
);

/** The comment typed after "Add a comment". */
ratingFeature.on('message', async (ctx, next) => {
  const dialog = dialogOf(ctx, RATE_COMMENT_FLOW, commentDialog);
  const text = messageText(ctx);
  if (!dialog || !ctx.actor || text?.startsWith('/')) return next();
  if (text === undefined) {
    await replyKey(ctx, 'client.reason_as_text');
    return;
  }
  try {
    await ctx.deps.desk.ratings.comment({ ticket: { number: dialog.number }, actor: ctx.actor, comment: text });
  } catch (error) {
    const refusal = refusalText(ctx, error);
    if (refusal === null) throw error;
    await replyHtml(ctx, refusal);
    return;
  }
  await clearDialog(ctx);
  await replyKey(ctx, 'client.rating.comment_saved', { number: dialog.number });
});
