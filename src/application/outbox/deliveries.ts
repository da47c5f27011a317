import { isWithinWorkingHours, nextWorkingOpening } from '../../domain/calendar/working-hours';
import {
  claimNotifications,
  commentFilesFor,
  markRecipientUnreachable,
  recordAbandoned,
  recordRetry,
  recordSent,
  ticketCreationFiles,
} from '../../persistence/repositories/outbox';
import type { AppDeps } from '../deps';
import type { ClaimedNotification, FileToSend } from '../views/notification';

/**
 * What the outbox dispatcher asks of the data: claim due rows, what goes with a row, and how
 * each delivery ended. Each write is one statement (or one transaction) on the hot path of the
 * dispatcher; the statements are in persistence/repositories/outbox.ts.
 */

/**
 * Claims up to `limit` due rows for `leaseMs` (see claimNotifications), leaving out the chats
 * this dispatcher is busy with. `claimer` is this instance's liveness id: its claims are never
 * taken from it while it lives, and at once when it dies.
 */
export function claimDueNotifications(
  deps: AppDeps,
  input: {
    readonly leaseMs: number;
    readonly limit: number;
    readonly busyChats: readonly number[];
    readonly claimer?: number | null;
    /** At most this many rows of one chat (default 5). */
    readonly perChat?: number;
  },
): Promise<ClaimedNotification[]> {
  const now = deps.clock.now();
  const claimed = claimNotifications(deps.dataSource.manager, now, new Date(now.getTime() + input.leaseMs), input.limit, input.busyChats, input.claimer ?? null, input.perChat);
  // Quiet hours for staff (issue 14): a row marked quiet goes silently outside working hours.
  return claimed.then((rows) => {
    const offHours = rows.some(isQuiet) && !isWithinWorkingHours(now, deps.calendar, deps.policy);
    return offHours ? rows.map((row) => (isQuiet(row) ? { ...row, silent: true } : row)) : rows;
  });
}

function isQuiet(row: ClaimedNotification): boolean {
  return (row.params as { quiet?: unknown } | null)?.quiet === 1;
}

/** Client reminders of a window (src/application/scheduler): sent only in working hours, only while the window is open. */
const WINDOW_REMINDER = 'reminder.window.';

/**
 * Whether a claimed row goes out now. A recipient who blocked the bot gets nothing (the row is
 * given up). A window reminder goes out only while its window is still the ticket's open window
 * (an answer, or a new window, makes it stale: cancelled) and only in working hours (else it
 * waits for the next opening, unless that is already past the window's end: cancelled).
 */
export async function releaseForSending(deps: AppDeps, row: ClaimedNotification): Promise<boolean> {
  const manager = deps.dataSource.manager;
  if (row.unreachable) {
    await recordAbandoned(manager, row.id, 'unreachable', 'recipient unreachable: blocked the bot');
    return false;
  }
  if (!row.key.startsWith(WINDOW_REMINDER)) return true;
  const now = deps.clock.now();
  const params = row.params as { windowEndsAt?: unknown } | null;
  const endsAt = row.ticketWindowEndsAt;
  const cancel = async (why: string): Promise<false> => {
    await recordAbandoned(manager, row.id, 'failed', `cancelled: ${why}`);
    return false;
  };
  if (endsAt === null || params?.windowEndsAt !== endsAt.toISOString() || now.getTime() >= endsAt.getTime()) {
    return cancel('the window closed before the reminder went out');
  }
  if (isWithinWorkingHours(now, deps.calendar, deps.policy)) return true;
  const opening = nextWorkingOpening(now, deps.calendar, deps.policy);
  if (opening.getTime() >= endsAt.getTime()) return cancel('no working hours left before the window ends');
  await recordRetry(manager, row.id, opening, null, false);
  return false;
}

/** The comment named by an outbox row's params (`commentId`), if any. */
function commentIdOf(params: unknown): string | null {
  if (typeof params !== 'object' || params === null || !('commentId' in params)) return null;
  const { commentId } = params as { commentId: unknown };
  return typeof commentId === 'string' && /^[0-9a-f-]{36}$/i.test(commentId) ? commentId : null;
}

/**
 * The files sent right after the text, as part of the row (a retry resends them with it): a
 * new ticket's own files, or those of the comment that caused the notification (an internal
 * note's only to staff).
 */
export async function notificationFiles(deps: AppDeps, row: ClaimedNotification): Promise<FileToSend[]> {
  if (row.ticketId === null) return [];
  const manager = deps.dataSource.manager;
  // Every new-ticket alert carries the ticket's files, whatever its priority.
  if (row.key === 'notify.ticket_created' || row.key === 'notify.ticket_created_high') return ticketCreationFiles(manager, row.ticketId);
  const commentId = commentIdOf(row.params);
  return commentId === null ? [] : commentFilesFor(manager, row.ticketId, commentId, row.recipientId);
}

/** Telegram took it: recorded with the first message id. */
export async function notificationSent(deps: AppDeps, input: { readonly id: string; readonly messageId: number | null }): Promise<void> {
  await recordSent(deps.dataSource.manager, input.id, input.messageId, deps.clock.now());
}

/**
 * Try again at `at`: after a 429 or a transient error (`error` recorded, the attempt counted),
 * or put back untried (`error` null: stopping, a chat's rows beyond one claim).
 */
export async function retryNotification(
  deps: AppDeps,
  input: { readonly id: string; readonly at: Date; readonly error: string | null },
): Promise<void> {
  await recordRetry(deps.dataSource.manager, input.id, input.at, input.error, input.error !== null);
}

/** Given up for good: a permanent Telegram error, or too many tries. */
export async function notificationFailed(deps: AppDeps, input: { readonly id: string; readonly error: string }): Promise<void> {
  await recordAbandoned(deps.dataSource.manager, input.id, 'failed', input.error);
}

/**
 * The recipient blocked the bot (403): the row is given up, the user marked unreachable and
 * every message waiting for them stopped, in one transaction (the bot clears the mark when
 * they write again).
 */
export async function recipientBlockedBot(
  deps: AppDeps,
  input: { readonly id: string; readonly recipientId: string | null; readonly error: string },
): Promise<void> {
  await deps.dataSource.transaction(async (manager) => {
    await recordAbandoned(manager, input.id, 'unreachable', input.error);
    if (input.recipientId !== null) await markRecipientUnreachable(manager, input.recipientId, input.error);
  });
}
