import type { ServiceEntity } from '../../persistence/entities';
import { activeCatalog } from '../../persistence/repositories/service-catalog';
import type { AppDeps } from '../deps';
import type { ServiceView } from '../views/access';

const views = new WeakMap<Promise<ServiceEntity[]>, Promise<ServiceView[]>>();

export function toServiceView(row: ServiceEntity): ServiceView {
  return {
    code: row.code,
    categoryCode: row.categoryCode,
    selectable: row.selectable,
    nameRu: row.nameRu,
    nameEn: row.nameEn,
    billing: row.billing,
    contractKind: row.contractKind,
  };
}

/**
 * The active service catalog in display order (SPEC §2), as the new-ticket wizard shows it.
 * Every wizard step reads it, so it is served from memory for a few seconds (CATALOG_TTL_MS);
 * ticket creation checks the chosen service again in its own transaction.
 */
export function serviceCatalog(deps: AppDeps): Promise<readonly ServiceView[]> {
  const rows = activeCatalog(deps.dataSource.manager);
  let mapped = views.get(rows);
  if (!mapped) {
    mapped = rows.then((list) => list.map(toServiceView));
    views.set(rows, mapped);
  }
  return mapped;
}
