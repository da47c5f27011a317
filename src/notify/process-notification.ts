import type { DataSource } from 'typeorm';
import type { BusinessCalendar, Clock, TimePolicy } from '../domain/calendar';
import { isWithinWorkingHours, nextWorkingOpening } from '../domain/calendar/working-hours';
import type { Language, Translate } from '../i18n';
import type { Logger } from '../logger';
import { commentFiles, commentIdOf, planFileSends, ticketCreationFiles, type FileToSend } from './attachments';
import { deliverParts, partsOf, type TelegramSender } from './deliver';
import {
  markRecipientUnreachable,
  recordAbandoned,
  recordRetry,
  recordSent,
  type ClaimedNotification,
} from './outbox-claims';
import { renderNotification } from './render';
import type { SendLimiter } from './send-limiter';
import { backoffMs } from './telegram-failure';

/** After this many failed tries (about 3 hours of backoff) a transient error becomes final. */
export const MAX_ATTEMPTS = 16;

export interface DeliveryContext {
  readonly dataSource: DataSource;
  readonly clock: Clock;
  readonly calendar: BusinessCalendar;
  readonly policy: TimePolicy;
  readonly translate: Translate;
  readonly telegram: TelegramSender;
  readonly limiter: SendLimiter;
  readonly defaultLanguage: Language;
  readonly logger?: Logger;
}

/** Client reminders of a window (src/application/scheduler): sent only in working hours, only while the window is open. */
const WINDOW_REMINDER = 'reminder.window.';

/**
 * Sends one claimed row and records the outcome: sent; retried later (429 after retry_after,
 * 5xx / network with backoff); unreachable (403: the user blocked the bot — they are marked and
 * nothing more is tried for them); failed (other 4xx, or too many tries), the error recorded.
 */
export async function processNotification(ctx: DeliveryContext, row: ClaimedNotification): Promise<void> {
  const now = ctx.clock.now();
  if (row.unreachable) {
    await recordAbandoned(ctx.dataSource, row.id, 'unreachable', 'recipient unreachable: blocked the bot');
    return;
  }
  if (row.key.startsWith(WINDOW_REMINDER) && !(await reminderStillDue(ctx, row, now))) return;

  const rendered = renderNotification(ctx.translate, row.language ?? ctx.defaultLanguage, row.key, row.params, row.keyboard);
  const files = planFileSends(await filesOf(ctx, row));
  const outcome = await deliverParts(ctx.telegram, ctx.limiter, row.chatId, partsOf(rendered, files), ctx.logger);
  const at = ctx.clock.now();
  if (outcome.kind === 'sent') {
    await recordSent(ctx.dataSource, row.id, outcome.messageId, at);
    return;
  }
  const { failure } = outcome;
  ctx.logger?.warn({ outboxId: row.id, chatId: row.chatId, attempts: row.attempts, error: failure.error }, 'notification not sent');
  switch (failure.kind) {
    case 'rate_limited':
      await recordRetry(ctx.dataSource, row.id, new Date(at.getTime() + failure.retryAfterSeconds * 1000), failure.error);
      return;
    case 'blocked':
      await recordAbandoned(ctx.dataSource, row.id, 'unreachable', failure.error);
      if (row.recipientId !== null) await markRecipientUnreachable(ctx.dataSource, row.recipientId, failure.error);
      return;
    case 'transient':
      if (row.attempts >= MAX_ATTEMPTS) await recordAbandoned(ctx.dataSource, row.id, 'failed', `gave up after ${row.attempts} tries: ${failure.error}`);
      else await recordRetry(ctx.dataSource, row.id, new Date(at.getTime() + backoffMs(row.attempts)), failure.error);
      return;
    case 'permanent':
      await recordAbandoned(ctx.dataSource, row.id, 'failed', failure.error);
      return;
  }
}

/**
 * The files sent right after the text, as part of the row (a retry resends them with it): a
 * new ticket's own files, or those of the comment that caused the notification.
 */
async function filesOf(ctx: DeliveryContext, row: ClaimedNotification): Promise<FileToSend[]> {
  if (row.ticketId === null) return [];
  if (row.key === 'notify.ticket_created') return ticketCreationFiles(ctx.dataSource, row.ticketId);
  const commentId = commentIdOf(row.params);
  return commentId === null ? [] : commentFiles(ctx.dataSource, row.ticketId, commentId, row.recipientId);
}

/**
 * A reminder goes out only while its window is still the ticket's open window (an answer, or a
 * new window, makes it stale: cancelled) and only in working hours (else it waits for the
 * next opening, unless that is already past the window's end: cancelled).
 */
async function reminderStillDue(ctx: DeliveryContext, row: ClaimedNotification, now: Date): Promise<boolean> {
  const params = row.params as { windowEndsAt?: unknown } | null;
  const endsAt = row.ticketWindowEndsAt;
  const cancel = async (why: string): Promise<false> => {
    await recordAbandoned(ctx.dataSource, row.id, 'failed', `cancelled: ${why}`);
    return false;
  };
  if (endsAt === null || params?.windowEndsAt !== endsAt.toISOString() || now.getTime() >= endsAt.getTime()) {
    return cancel('the window closed before the reminder went out');
  }
  if (isWithinWorkingHours(now, ctx.calendar, ctx.policy)) return true;
  const opening = nextWorkingOpening(now, ctx.calendar, ctx.policy);
  if (opening.getTime() >= endsAt.getTime()) return cancel('no working hours left before the window ends');
  await recordRetry(ctx.dataSource, row.id, opening, null, false);
  return false;
}
