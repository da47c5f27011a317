import type { RegulationVersionEntity } from '../../persistence/entities';
import { acceptRegulation as recordAcceptance, currentRegulation as newestRegulation } from '../../persistence/repositories/regulation';
import { findUserById } from '../../persistence/repositories/users';
import type { AppDeps } from '../deps';
import type { RegulationAcceptance, RegulationView } from '../views/access';

function toRegulationView(row: RegulationVersionEntity): RegulationView {
  return { version: row.version, summaryRu: row.summaryRu, summaryEn: row.summaryEn, url: row.url };
}

/** The newest published regulation version: the one every user must have accepted (SPEC §8); null when none is. */
export async function currentRegulation(deps: AppDeps): Promise<RegulationView | null> {
  const row = await newestRegulation(deps.dataSource.manager);
  return row ? toRegulationView(row) : null;
}

/**
 * SPEC §8: the user accepts the regulation version they were shown. Only the current version
 * can be accepted: a button of an older one comes back `outdated` with the current text, since
 * what the user read is not what applies now. One transaction: the acceptance row (once per
 * version) and the user's accepted version, which only moves forward.
 */
export async function acceptRegulation(
  deps: AppDeps,
  input: { readonly userId: string; readonly version: number },
): Promise<RegulationAcceptance> {
  const now = deps.clock.now();
  return deps.dataSource.transaction(async (m) => {
    const current = await newestRegulation(m);
    if (!current || !(await findUserById(m, input.userId))) return { kind: 'none' };
    if (current.version !== input.version) return { kind: 'outdated', current: toRegulationView(current) };
    await recordAcceptance(m, input.userId, current.version, now);
    return { kind: 'accepted', version: current.version };
  });
}
