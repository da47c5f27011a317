import { Markup } from 'telegraf';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { TicketAction } from '../application/views/ticket-actions';
import { encodeCallback } from '../telegram/callback-data';
import { ticketActionData, ticketActionLabel } from '../telegram/ticket-actions';

export type Button = InlineKeyboardButton.CallbackButton;

/** A callback button; `data` comes from encodeCallback, labels are plain text (not HTML). */
export function button(label: string, scope: string, action: string, ...args: readonly (string | number)[]): Button {
  return Markup.button.callback(label, encodeCallback(scope, action, ...args));
}

/** The button of a ticket action: its one label (translated by `t`) and callback code, as on cards and notifications. */
export function actionButton(t: (key: string) => string, action: TicketAction, ticketNumber: number): Button {
  return Markup.button.callback(t(ticketActionLabel(action)), ticketActionData(action, ticketNumber));
}

export function keyboard(rows: readonly (readonly Button[])[]): InlineKeyboardMarkup {
  return { inline_keyboard: rows.filter((row) => row.length > 0).map((row) => [...row]) };
}

/** Lays buttons out `perRow` to a row. */
export function grid(buttons: readonly Button[], perRow: number): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}
