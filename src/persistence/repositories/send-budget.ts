import type { EntityManager } from 'typeorm';
import { LIVE_INSTANCES_SQL } from '../instance-liveness';
import { namedQuery } from '../named-query';

export interface SendSlotRequest {
  readonly chatId: number;
  readonly messages: number;
  /** Where to go on from: 0 (the chat's turn), 1 (the bulk lane), 2 (the global slot). */
  readonly stage: number;
  /** Milliseconds between two sends to the chat. */
  readonly intervalMs: number;
  /** How much earlier than its pace the chat may be sent to (a burst). */
  readonly toleranceMs: number;
  /** Milliseconds per message of the global rate. */
  readonly slotMs: number;
  /** Milliseconds per message of the bulk lane; null: not a bulk send. */
  readonly bulkSlotMs: number | null;
}

/** Milliseconds to wait, and the stage to call again from after the wait (3: the slot is taken, send after the wait). */
export interface SendSlot {
  readonly waitMs: number;
  readonly nextStage: number;
  /** When the wait ends: milliseconds since the epoch by the database's clock. */
  readonly startAt: number;
}

/** One round trip to send_budget_take (migration SendBudget1796167510637). */
export async function takeSendSlot(manager: EntityManager, request: SendSlotRequest): Promise<SendSlot> {
  const rows = await namedQuery<{ wait_ms: number; next_stage: number; start_at: number }>(
    manager,
    `SELECT wait_ms, next_stage, start_at FROM send_budget_take($1, $2, $3, $4, $5, $6, $7)`,
    [request.chatId, request.messages, request.stage, request.intervalMs, request.toleranceMs, request.slotMs, request.bulkSlotMs],
  );
  const row = rows[0];
  if (!row) throw new Error('send_budget_take returned nothing');
  return { waitMs: Number(row.wait_ms), nextStage: Number(row.next_stage), startAt: Number(row.start_at) };
}

/** A 429 for this chat (send_budget_pause): 'global' when another chat is paused too, and then everything is. */
export async function pauseSends(manager: EntityManager, chatId: number, seconds: number): Promise<'chat' | 'global'> {
  const rows = await namedQuery<{ scope: string }>(manager, `SELECT send_budget_pause($1, $2) AS scope`, [chatId, seconds]);
  return rows[0]?.scope === 'global' ? 'global' : 'chat';
}

/** How many instances of the bot are alive now (their liveness locks), this one included. */
export async function liveInstanceCount(manager: EntityManager): Promise<number> {
  const rows = await namedQuery<{ n: number }>(manager, LIVE_INSTANCES_SQL, []);
  return rows[0]?.n ?? 0;
}
