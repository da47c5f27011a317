import { createFeature } from '../../feature';
import { messageText } from '../../updates';
import { acceptText } from './accept';
import { repliedTicketNumber } from '../ticket-replies';
import { commentText, staffReply } from './comments';
import { engineerDialog } from './flow';
import { isStaff } from './staff';
import { stateActionText } from './state-actions';
import { workLogText } from './work-log';

/**
 * What staff type or send outside commands: the answer to the step the engineer dialog waits
 * for, else a reply to a bot message about №N (a public comment). Commands pass through, so
 * /cancel and the others work inside a dialog.
 */
export const engineerDialogFeature = createFeature();

engineerDialogFeature.on('message', async (ctx, next) => {
  if (!isStaff(ctx.user)) return next();
  const text = messageText(ctx);
  if (text?.startsWith('/')) return next();
  const dialog = engineerDialog(ctx);
  // The ticket of the replied-to bot message, as the desk remembers it (never parsed from its text).
  const replied = await repliedTicketNumber(ctx);
  // A reply about another ticket is about that ticket, whatever step was left open.
  if (dialog && (replied === null || replied === dialog.number)) {
    const handled =
      (text !== undefined && (await acceptText(ctx, text))) ||
      (await stateActionText(ctx, text)) ||
      (await commentText(ctx, text)) ||
      (await workLogText(ctx, text));
    if (handled) return;
  }
  if (await staffReply(ctx, replied, text)) return;
  return next();
});
