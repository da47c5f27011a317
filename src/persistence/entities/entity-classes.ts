// One line per table; each *.entity.ts exports its entity class and nothing else at runtime.
export * from './attachment.entity';
export * from './bot-session.entity';
export * from './comment.entity';
export * from './company.entity';
export * from './contract.entity';
export * from './department.entity';
export * from './hour-charge.entity';
export * from './invite.entity';
export * from './outbox.entity';
export * from './processed-update.entity';
export * from './regulation-acceptance.entity';
export * from './regulation-version.entity';
export * from './service.entity';
export * from './ticket-history.entity';
export * from './ticket.entity';
export * from './user.entity';
export * from './work-log.entity';
