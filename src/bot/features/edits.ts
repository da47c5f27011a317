import type { DeskContext } from '../context';
import { dialogOf, saveDialog } from '../dialog';
import { createFeature } from '../feature';
import { replyHtml, replyKey } from '../html';
import { refusalText } from '../tickets/act';
import { NEW_TICKET_FLOW, wizardSchema } from './new-ticket/draft';
import { applyEditedText } from './new-ticket/input';
import { pendingOf } from './free-message';

/**
 * Issue 13 §4: a client edits a message already sent. In the wizard the field it gave takes
 * the new text; a message held for "Add to / New ticket" is held with the new text; a message
 * that became a comment is updated (the engineer gets "was / now", history keeps both).
 * Anything else is answered: the edit changes nothing, send a new message.
 */
export const editsFeature = createFeature();

async function handleEdit(ctx: DeskContext): Promise<void> {
  const edited = ctx.editedMessage;
  if (!edited || !ctx.chat || !ctx.actor) return;
  const text = 'text' in edited ? edited.text : 'caption' in edited ? edited.caption : undefined;
  if (text === undefined) return;
  const wizard = dialogOf(ctx, NEW_TICKET_FLOW, wizardSchema);
  if (wizard && (await applyEditedText(ctx, wizard, edited.message_id, text))) return;
  const held = pendingOf(ctx);
  if (held && held.messageId === edited.message_id) {
    await saveDialog(ctx, { ...held, text });
    return;
  }
  try {
    const result = await ctx.deps.desk.conversation.editComment({ actor: ctx.actor, source: { chatId: ctx.chat.id, messageId: edited.message_id }, text });
    if (result) {
      await replyKey(ctx, 'client.edit.comment_updated', { number: result.number });
      return;
    }
  } catch (error) {
    const refusal = refusalText(ctx, error);
    if (refusal === null) throw error;
    await replyHtml(ctx, refusal);
    return;
  }
  await replyKey(ctx, 'client.edit.not_stored');
}

editsFeature.on('edited_message', async (ctx, next) => {
  if (ctx.chat.type !== 'private' || ctx.user?.role !== 'client') return next();
  await handleEdit(ctx);
});
