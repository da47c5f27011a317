/**
 * String-literal unions that only storage and its callers share (the ticket vocabulary,
 * history fields included, is the domain's). Each list matches a CHECK constraint in the
 * migrations; a new value needs a migration as well as an edit here.
 */

export const COMMENT_VISIBILITIES = ['public', 'internal'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

export const ATTACHMENT_PURPOSES = ['screenshot', 'specification', 'mockup', 'other'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** A Telegram photo, any document, or the media a phone sends (issue 13 §3). */
export const ATTACHMENT_KINDS = ['photo', 'document', 'video', 'video_note', 'voice', 'audio', 'animation'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** pending → sending (claimed, leased until next_attempt_at) → sent | failed | unreachable. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unreachable'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What the scheduler must do when a ticket's next_due_at comes (SPEC §6). */
export const DUE_KINDS = ['review_warning', 'review_breach', 'reminder', 'window_end'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** What a jsonb column holds: i18n parameters, button data, dialog state. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
