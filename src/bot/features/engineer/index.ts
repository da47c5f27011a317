import type { Feature } from '../../feature';
import { acceptFeature } from './accept';
import { assignFeature } from './assign';
import { budgetApprovalFeature } from './budget-approval';
import { commentsFeature } from './comments';
import { engineerDialogFeature } from './dialog-text';
import { filesFeature } from './files';
import { historyFeature } from './history';
import { queueFeature } from './queue';
import { staffSettingsFeature } from './settings';
import { stateActionsFeature } from './state-actions';
import { transferFeature } from './transfer';
import { workLogFeature } from './work-log';

/**
 * Engineer features (staff only; each handler checks the role on the server). They go
 * before the client's reply routing; the dialog feature last among them. Files on comments
 * reach their recipients with the notifications, through the outbox (src/notify).
 */
export const engineerFeatures: readonly Feature[] = [
  queueFeature,
  workLogFeature,
  acceptFeature,
  budgetApprovalFeature,
  stateActionsFeature,
  assignFeature,
  commentsFeature,
  historyFeature,
  filesFeature,
  transferFeature,
  staffSettingsFeature,
  engineerDialogFeature,
];
