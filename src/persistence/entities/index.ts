import { AttachmentEntity } from './attachment.entity';
import { BotSessionEntity } from './bot-session.entity';
import { CommentEntity } from './comment.entity';
import { CompanyEntity } from './company.entity';
import { ContractEntity } from './contract.entity';
import { DepartmentEntity } from './department.entity';
import { HourChargeEntity } from './hour-charge.entity';
import { InviteEntity } from './invite.entity';
import { OutboxEntity } from './outbox.entity';
import { ProcessedUpdateEntity } from './processed-update.entity';
import { RegulationAcceptanceEntity } from './regulation-acceptance.entity';
import { RegulationVersionEntity } from './regulation-version.entity';
import { ServiceEntity } from './service.entity';
import { TicketHistoryEntity } from './ticket-history.entity';
import { TicketEntity } from './ticket.entity';
import { UserEntity } from './user.entity';
import { WorkLogEntity } from './work-log.entity';

export {
  AttachmentEntity,
  BotSessionEntity,
  CommentEntity,
  CompanyEntity,
  ContractEntity,
  DepartmentEntity,
  HourChargeEntity,
  InviteEntity,
  OutboxEntity,
  ProcessedUpdateEntity,
  RegulationAcceptanceEntity,
  RegulationVersionEntity,
  ServiceEntity,
  TicketEntity,
  TicketHistoryEntity,
  UserEntity,
  WorkLogEntity,
};

/** Every mapped table; the schema itself comes from migrations, never from these classes. */
export const ENTITIES = [
  AttachmentEntity,
  BotSessionEntity,
  CommentEntity,
  CompanyEntity,
  ContractEntity,
  DepartmentEntity,
  HourChargeEntity,
  InviteEntity,
  OutboxEntity,
  ProcessedUpdateEntity,
  RegulationAcceptanceEntity,
  RegulationVersionEntity,
  ServiceEntity,
  TicketEntity,
  TicketHistoryEntity,
  UserEntity,
  WorkLogEntity,
];
