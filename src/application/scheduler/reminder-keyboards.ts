import { encodeCallback } from '../../telegram/callback-data';
import type { WindowKind } from '../../domain/ticket/types';
import type { JsonValue } from '../../persistence/vocabulary';

/** The outbox keyboard JSON (team convention): labels are i18n keys, data is callback data. */
export interface OutboxKeyboard {
  readonly rows: readonly (readonly { readonly label: string; readonly data: string }[])[];
}

type TicketCode = 'open' | 'acc' | 'clr' | 'rep' | 'cnf' | 'ref';

function button(label: string, code: TicketCode, ticketNumber: number): { label: string; data: string } {
  return { label, data: encodeCallback('tk', code, ticketNumber) };
}

/** The buttons that act on a window's deadline (SPEC §10): reply, or confirm / refuse. */
export function windowReminderKeyboard(window: WindowKind, ticketNumber: number): OutboxKeyboard {
  const open = button('reminder.button.open', 'open', ticketNumber);
  switch (window) {
    case 'clarification':
      return { rows: [[button('reminder.button.reply', 'rep', ticketNumber)], [open]] };
    case 'customer_testing':
      return {
        rows: [[button('reminder.button.confirm', 'cnf', ticketNumber), button('reminder.button.refuse', 'ref', ticketNumber)], [open]],
      };
    case 'ready_for_install':
      return {
        rows: [
          [button('reminder.button.confirm', 'cnf', ticketNumber), button('reminder.button.report_problem', 'ref', ticketNumber)],
          [open],
        ],
      };
  }
}

/** A ticket nearing its review deadline: accept, ask clarification, open. */
export function reviewKeyboard(ticketNumber: number): OutboxKeyboard {
  return {
    rows: [
      [button('reminder.button.accept', 'acc', ticketNumber), button('reminder.button.clarify', 'clr', ticketNumber)],
      [button('reminder.button.open', 'open', ticketNumber)],
    ],
  };
}

export function openKeyboard(ticketNumber: number): OutboxKeyboard {
  return { rows: [[button('reminder.button.open', 'open', ticketNumber)]] };
}

/** The keyboard as the outbox's jsonb value. */
export function keyboardJson(keyboard: OutboxKeyboard): JsonValue {
  return { rows: keyboard.rows.map((row) => row.map((b) => ({ label: b.label, data: b.data }))) };
}
