import type { Feature } from '../feature';
import { adminFeatures } from './admin';
import { engineerFeatures } from './engineer';
import { cancelFeature } from './cancel';
import { clientActionsFeature } from './client-actions';
import { editsFeature } from './edits';
import { findFeature } from './find';
import { freeMessageFeature } from './free-message';
import { helpFeature } from './help';
import { hoursFeature } from './hours';
import { languageFeature } from './language';
import { menuFeature } from './menu';
import { myTicketsFeature } from './my-tickets';
import { newTicketFeature } from './new-ticket';
import { ratingFeature } from './rating';
import { regulationFeature } from './regulation';
import { startFeature } from './start';
import { ticketOpenFeature } from './ticket-open';
import { ticketRepliesFeature } from './ticket-replies';
import { undoFeature } from './undo';

/**
 * The features in the order they see an update. /cancel comes first so it works inside any
 * dialog; commands next; then dialog steps; the catch-all reply routing last. `unhandled` is
 * added by createBot after all of these. Staff features (src/bot/features/engineer, admin)
 * go before the client's reply routing.
 */
export function defaultFeatures(extra: readonly Feature[] = [...engineerFeatures, ...adminFeatures]): Feature[] {
  return [
    menuFeature,
    cancelFeature,
    editsFeature,
    startFeature,
    regulationFeature,
    languageFeature,
    helpFeature,
    myTicketsFeature,
    hoursFeature,
    ticketOpenFeature,
    undoFeature,
    findFeature,
    newTicketFeature,
    ratingFeature,
    clientActionsFeature,
    ...extra,
    ticketRepliesFeature,
    freeMessageFeature,
  ];
}
