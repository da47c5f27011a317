import type { Role } from './types';

/** Why a user may not create tickets or write on them (SPEC §8). */
export type WriteBlock = 'account' | 'no_contract';

/**
 * SPEC §8: an account an admin blocked writes nothing; a client whose company has no contract
 * valid today cannot create, comment or answer either (the vendor's work goes on). Staff are
 * never blocked by contracts. `contractValidToday` is only read for clients with a company.
 * Null when the user may write.
 */
export function writeBlock(
  user: { readonly blocked: boolean; readonly role: Role; readonly companyId: string | null },
  contractValidToday: boolean | null,
): WriteBlock | null {
  if (user.blocked) return 'account';
  if (user.role === 'client' && user.companyId !== null && contractValidToday === false) return 'no_contract';
  return null;
}
