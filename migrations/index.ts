import { InitialSchema1767225600000 } from './1767225600000-initial-schema';
import { SeedReferenceData1767225660000 } from './1767225660000-seed-reference-data';
import { RequestKeys1767225720000 } from './1767225720000-request-keys';
import { UpdateClaims1767225780000 } from './1767225780000-update-claims';
import { OneLiveCharge1767225840000 } from './1767225840000-one-live-charge';
import { TicketEvidence1767225900000 } from './1767225900000-ticket-evidence';
import { OutboxActionOffers1767225960000 } from './1767225960000-outbox-action-offers';
import { ClientDesk1796161027898 } from './1796161027898-client-desk';
import { LiveClaims1796161062964 } from './1796161062964-live-claims';
import { DepartmentMembers1796161437880 } from './1796161437880-department-members';
import { BudgetApprovals1796164046978 } from './1796164046978-budget-approvals';
import { SendBudget1796167510637 } from './1796167510637-send-budget';
import { BudgetApprovalHistory1796167518969 } from './1796167518969-budget-approval-history';
import { TeamTopics1796167637242 } from './1796167637242-team-topics';
import { StaffReplyDefault1796167688580 } from './1796167688580-staff-reply-default';
import { AttachmentKinds1796167770470 } from './1796167770470-attachment-kinds';
import { CommentUndo1796167910750 } from './1796167910750-comment-undo';
import { SendBudgetLogged1796170490125 } from './1796170490125-send-budget-logged';
import { TicketSearchVectors1796182000000 } from './1796182000000-ticket-search-vectors';
import { WorkLogsByDay1796182100000 } from './1796182100000-work-logs-by-day';

/** Every migration, oldest first. A new migration is added at the end of this list. */
export const MIGRATIONS = [
  InitialSchema1767225600000,
  SeedReferenceData1767225660000,
  RequestKeys1767225720000,
  UpdateClaims1767225780000,
  OneLiveCharge1767225840000,
  TicketEvidence1767225900000,
  OutboxActionOffers1767225960000,
  ClientDesk1796161027898,
  LiveClaims1796161062964,
  DepartmentMembers1796161437880,
  BudgetApprovals1796164046978,
  SendBudget1796167510637,
  BudgetApprovalHistory1796167518969,
  TeamTopics1796167637242,
  StaffReplyDefault1796167688580,
  AttachmentKinds1796167770470,
  CommentUndo1796167910750,
  SendBudgetLogged1796170490125,
  TicketSearchVectors1796182000000,
  WorkLogsByDay1796182100000,
];
