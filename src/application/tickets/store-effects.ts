import type { EntityManager } from 'typeorm';
import type { Effect, HistoryEffect, NotifyEffect } from '../../domain/ticket/effects';
import type { TicketSnapshot } from '../../domain/ticket/types';
import { recordHoursCharge } from '../../persistence/repositories/hours';
import { appendHistory } from '../../persistence/repositories/ticket-history';
import { enqueueNotifyEffects, type AddressedNotification, type CommentFiles } from './notifications';

/**
 * Carries out a decision's effects in the caller's transaction: history rows, norm-hours
 * charges, and one outbox row per recipient. Deadline effects need nothing here: the deadlines
 * live on the ticket row and refreshTicketSchedule reads them from there.
 * `ticket` is the snapshot after the decision (its owner and responsible address the vendor);
 * `change` goes into the outbox dedupe keys, `files` names the comment whose files go with the
 * notifications (see enqueueNotifyEffects).
 */
export async function storeEffects(
  manager: EntityManager,
  ticket: TicketSnapshot,
  effects: readonly Effect[],
  actorId: string | null,
  now: Date,
  change: string | null = null,
  files: CommentFiles | null = null,
): Promise<AddressedNotification[]> {
  await appendHistory(manager, effects.filter((e): e is HistoryEffect => e.kind === 'history'));
  for (const effect of effects) if (effect.kind === 'charge_hours') await recordHoursCharge(manager, effect);
  const notices = effects.filter((e): e is NotifyEffect => e.kind === 'notify');
  return enqueueNotifyEffects(manager, ticket, notices, actorId, now, change, files);
}
