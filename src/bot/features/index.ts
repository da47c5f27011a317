import type { Feature } from '../feature';
import { cancelFeature } from './cancel';
import { helpFeature } from './help';
import { languageFeature } from './language';
import { regulationFeature } from './regulation';
import { startFeature } from './start';

/**
 * The features in the order they see an update. /cancel comes first so it works inside any
 * dialog; dialog steps come before the catch-all reply routing. `unhandled` is added by
 * createBot after all of these.
 */
export function defaultFeatures(): Feature[] {
  return [cancelFeature, startFeature, regulationFeature, languageFeature, helpFeature];
}
