/**
 * What a staff member's Telegram reply to a ticket message does (issue 14 §3): `ask` — "Send to
 * client / Internal note / Cancel", the default; always an `internal` note; always to the `client`.
 */
export const REPLY_DEFAULTS = ['ask', 'internal', 'client'] as const;
export type ReplyDefault = (typeof REPLY_DEFAULTS)[number];

export function isReplyDefault(value: unknown): value is ReplyDefault {
  return REPLY_DEFAULTS.includes(value as ReplyDefault);
}
