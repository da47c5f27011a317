import type { Contract } from '../../domain/budget';
import type { ContractEntity } from '../entities/contract.entity';

/** The domain's view of a contract (validity as inclusive local dates). */
export function toContract(row: ContractEntity): Contract {
  return {
    id: row.id,
    companyId: row.companyId,
    kind: row.kind,
    validFrom: row.startsOn,
    validTo: row.endsOn,
    monthlyHours: row.monthlyHours,
  };
}
