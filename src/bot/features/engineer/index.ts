import type { Feature } from '../../feature';
import { acceptFeature } from './accept';
import { assignFeature } from './assign';
import { clientFilesRelayFeature } from './client-files-relay';
import { commentsFeature } from './comments';
import { engineerDialogFeature } from './dialog-text';
import { filesFeature } from './files';
import { historyFeature } from './history';
import { queueFeature } from './queue';
import { stateActionsFeature } from './state-actions';
import { workLogFeature } from './work-log';

/**
 * Engineer features (staff only; each handler checks the role on the server). They go
 * before the client's reply routing; the dialog feature last among them. The client-files
 * relay acts after the client's reply routing has stored a message (it awaits next()).
 */
export const engineerFeatures: readonly Feature[] = [
  clientFilesRelayFeature,
  queueFeature,
  workLogFeature,
  acceptFeature,
  stateActionsFeature,
  assignFeature,
  commentsFeature,
  historyFeature,
  filesFeature,
  engineerDialogFeature,
];
