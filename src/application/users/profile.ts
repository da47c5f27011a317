import type { Language } from '../../i18n';
import { setUserLanguage } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';

/** The user's language for every message the desk sends them (bot answers and notifications). */
export async function setLanguage(deps: AppDeps, input: { readonly userId: string; readonly language: Language }): Promise<void> {
  await setUserLanguage(deps.dataSource.manager, input.userId, input.language, deps.clock.now());
}
