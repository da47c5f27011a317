import type { AttachmentKind, CommentVisibility } from '../../persistence/vocabulary';
import type { TicketEventKind } from '../../domain/ticket/events';
import type { ActionOffer } from './ticket-actions';
import type { ContractKind, Priority, TicketSnapshot, TicketState } from '../../domain/ticket/types';

/**
 * What the ticket queries return: plain readonly objects the bot renders (bot/views). No
 * persistence entity ever crosses into the bot; these are the only shapes it sees.
 */

/** A user as a card or a list shows them. */
export interface PersonView {
  readonly id: string;
  readonly displayName: string;
}

/** The client who wrote the ticket, as staff see them: enough to reach them in Telegram. */
export interface ClientContactView extends PersonView {
  readonly username: string | null;
  readonly telegramId: number;
}

/** A ticket as it stands now: the domain's snapshot and the subject people recognise it by. */
export interface TicketView extends TicketSnapshot {
  readonly subject: string;
}

export type { CommentVisibility };

export interface FileView {
  readonly id: string;
  readonly commentId: string | null;
  readonly fileId: string;
  readonly fileName: string | null;
  readonly mimeType: string | null;
  readonly sizeBytes: number | null;
  readonly purpose: string;
  readonly mediaGroupId: string | null;
  /** A photo, a document, or a video, video note, voice message, audio or animation. */
  readonly kind: AttachmentKind;
  /** Seconds, for the timed kinds. */
  readonly durationSeconds: number | null;
}

export interface CommentView {
  readonly id: string;
  /** Null for text the system wrote. */
  readonly author: PersonView | null;
  readonly visibility: CommentVisibility;
  readonly text: string;
  readonly createdAt: Date;
}

/** A catalog entry's names; `category` is set for a sub-type (shown as "category — sub-type"). */
export interface ServiceNameView {
  readonly code: string;
  readonly nameRu: string;
  readonly nameEn: string;
  readonly category: { readonly nameRu: string; readonly nameEn: string } | null;
}

export interface DepartmentView {
  readonly id: string;
  readonly code: string;
  readonly nameRu: string;
  readonly nameEn: string;
}

/** Everything the ticket card shows (SPEC §3 fields, people, files, comments, actions). */
export interface TicketCard {
  readonly ticket: TicketSnapshot;
  readonly subject: string;
  readonly description: string;
  readonly steps: string | null;
  readonly errorText: string | null;
  /** The client said the problem shows no error message (SPEC §3: instead of an error text). */
  readonly noErrorMessage: boolean;
  /** A modification's specification as the client typed it in the wizard (files are in `files`). */
  readonly specificationText: string | null;
  readonly company: { readonly id: string; readonly name: string } | null;
  /** The author with their Telegram contact; staff only (null for clients). */
  readonly client: ClientContactView | null;
  /** Hours logged on the ticket in total; staff only (null for clients). */
  readonly loggedHours: number | null;
  readonly linkedTicketNumber: number | null;
  /** The client's rating of a done ticket (issue 13), if given. */
  readonly rating?: { readonly score: number; readonly comment: string | null } | null;
  readonly service: ServiceNameView;
  readonly department: DepartmentView;
  readonly author: PersonView | null;
  readonly owner: PersonView | null;
  readonly responsible: PersonView | null;
  /** Files of the ticket and of the comments the viewer may see. */
  readonly files: readonly FileView[];
  /** Comments the viewer may see (clients: public only), oldest first. */
  readonly comments: readonly CommentView[];
  /** Events the viewer may send now (SPEC §5, the domain's allowedEvents). */
  readonly actions: readonly TicketEventKind[];
  /** The buttons the card offers the viewer, as meaning (src/telegram/ticket-actions.ts renders them). */
  readonly offer: ActionOffer;
  /** Whether the viewer is staff (engineer, admin): they see internal notes and the staff buttons. */
  readonly staffView: boolean;
  readonly queuePosition: number | null;
}

/** A history line with the actor's name (null actor = the system). */
export interface HistoryView {
  readonly field: string;
  /** Owner / responsible values are user ids: resolve them with the history's `people`. */
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string | null;
  readonly actor: PersonView | null;
  readonly at: Date;
}

export interface TicketHistory {
  readonly number: number;
  readonly entries: readonly HistoryView[];
  readonly people: ReadonlyMap<string, PersonView>;
}

/** The files of a ticket a viewer may see, oldest first. */
export interface TicketFiles {
  readonly number: number;
  readonly files: readonly FileView[];
}

export interface QueueItemView {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly priority: Priority;
  readonly state: TicketState;
  /** The client company's name: staff see whose ticket it is in the queue. */
  readonly company: string;
}

/** A page of a department's queue (SPEC §9 order). */
export interface QueuePage {
  readonly department: DepartmentView;
  readonly items: readonly QueueItemView[];
  readonly total: number;
}

export interface MyTicketItem {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly state: TicketState;
  readonly priority: Priority;
  readonly plannedDate: string | null;
  /** Whether the user is the owner (else the responsible). */
  readonly owned: boolean;
}

/** A user's open tickets by state, each group by planned date then number. */
export type MyTickets = Partial<Record<TicketState, readonly MyTicketItem[]>>;

/**
 * What accepting or re-planning a ticket would draw on (SPEC §7), this month in the vendor's
 * zone: `not_charged` for paid and none-billed services; `no_contract` when the company has no
 * valid contract of the service's kind today (only an admin's override accepts then).
 */
export type PlanBudget =
  | { readonly kind: 'not_charged'; readonly billing: 'paid' | 'none' }
  | { readonly kind: 'no_contract' }
  | {
      readonly kind: 'charged';
      readonly contractKind: ContractKind;
      readonly month: string;
      readonly contractNumber: string;
      readonly monthlyHours: number;
      readonly remaining: number;
    };
