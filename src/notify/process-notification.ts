import type { OutboxDesk } from '../application/desk/outbox-desk';
import type { ClaimedNotification } from '../application/views/notification';
import type { Clock } from '../domain/calendar';
import type { Language, Translate } from '../i18n';
import type { Logger } from '../logger';
import { deliverParts, partsOf, type DeliveryOutcome, type TelegramSender } from './deliver';
import { planFileSends } from './file-sends';
import { mediaLabel } from '../telegram/media-label';
import { renderNotification } from './render';
import type { SendLimiter } from './send-limiter';
import type { ForumApi } from '../telegram/forum';
import { topicStep } from './topic-delivery';
import { backoffMs } from './telegram-failure';

/** After this many failed tries (about 3 hours of backoff) a transient error becomes final. */
export const MAX_ATTEMPTS = 16;

export interface DeliveryContext {
  /** The outbox's use cases (src/application/desk/outbox-desk.ts). */
  readonly outbox: OutboxDesk;
  readonly clock: Clock;
  readonly translate: Translate;
  readonly telegram: TelegramSender;
  readonly limiter: SendLimiter;
  readonly defaultLanguage: Language;
  readonly logger?: Logger;
  /** Forum topic methods (default: through the telegram client's callApi). */
  readonly forum?: ForumApi;
}

/**
 * Sends one claimed row and records the outcome: sent; retried later (429 after retry_after,
 * 5xx / network with backoff); unreachable (403: the user blocked the bot — they are marked and
 * nothing more is tried for them); failed (other 4xx, or too many tries), the error recorded.
 * Rows the application holds back (a stale or out-of-hours reminder, an unreachable recipient)
 * are not sent.
 */
export async function processNotification(ctx: DeliveryContext, row: ClaimedNotification): Promise<void> {
  if (!(await ctx.outbox.release(row))) return;
  // Team topics (topic-delivery.ts): a notice into a ticket's topic, or a topic operation.
  const topic = await topicStep(ctx, row);
  if (topic.kind === 'handled') return;
  const outcome = topic.kind === 'outcome' ? topic.outcome : await deliverRow(ctx, row, topic.kind === 'send' ? topic : null);
  if (outcome.kind === 'sent') {
    await ctx.outbox.sent({ id: row.id, messageId: outcome.messageId });
    return;
  }
  const { failure } = outcome;
  const at = ctx.clock.now();
  ctx.logger?.warn({ outboxId: row.id, chatId: row.chatId, attempts: row.attempts, error: failure.error }, 'notification not sent');
  switch (failure.kind) {
    case 'rate_limited':
      await ctx.outbox.retry({ id: row.id, at: new Date(at.getTime() + failure.retryAfterSeconds * 1000), error: failure.error });
      return;
    case 'blocked':
      await ctx.outbox.blocked({ id: row.id, recipientId: row.recipientId, error: failure.error });
      return;
    case 'transient':
      if (row.attempts >= MAX_ATTEMPTS) await ctx.outbox.failed({ id: row.id, error: `gave up after ${row.attempts} tries: ${failure.error}` });
      else await ctx.outbox.retry({ id: row.id, at: new Date(at.getTime() + backoffMs(row.attempts)), error: failure.error });
      return;
    case 'permanent':
      await ctx.outbox.failed({ id: row.id, error: failure.error });
      return;
  }
}

/** Renders the row and sends its text and files (into a topic: the group's language, no buttons). */
async function deliverRow(
  ctx: DeliveryContext,
  row: ClaimedNotification,
  topic: { readonly telegram: TelegramSender; readonly language: Language | null } | null,
): Promise<DeliveryOutcome> {
  const language = topic?.language ?? row.language ?? ctx.defaultLanguage;
  const rendered = renderNotification(ctx.translate, language, row.key, row.params, topic ? null : row.keyboard);
  // A phone's media go with their kind and duration as the caption ("🎤 voice 0:07").
  const files = planFileSends(await ctx.outbox.files(row), (file) => mediaLabel((key, params) => ctx.translate(language, key, params), file));
  return deliverParts(topic?.telegram ?? ctx.telegram, ctx.limiter, row.chatId, partsOf(rendered, [...(rendered.files ?? []), ...files]), ctx.logger, row.silent === true);
}
