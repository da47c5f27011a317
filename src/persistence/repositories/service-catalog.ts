import type { DataSource, EntityManager } from 'typeorm';
import { ServiceEntity } from '../entities/service.entity';

/**
 * How long an instance serves the active catalog from memory. The catalog is reference data
 * an admin changes a few times a year, while every wizard step reads it; a change made on this
 * instance is seen at once (forgetActiveCatalog), one made elsewhere (another instance, the
 * admin CLI) within this time. Ticket creation checks the service in its own transaction.
 */
export const CATALOG_TTL_MS = 15_000;

interface Cached {
  readonly loadedAt: number;
  readonly services: Promise<ServiceEntity[]>;
}

const cache = new WeakMap<DataSource, Cached>();

/** The active service catalog in display order (SPEC §2), at most CATALOG_TTL_MS old. */
export function activeCatalog(manager: EntityManager): Promise<ServiceEntity[]> {
  const now = performance.now();
  const cached = cache.get(manager.connection);
  if (cached && now - cached.loadedAt < CATALOG_TTL_MS) return cached.services;
  const services = manager.find(ServiceEntity, { where: { active: true }, order: { sortOrder: 'ASC', code: 'ASC' } });
  cache.set(manager.connection, { loadedAt: now, services });
  // A failed read is not remembered: the next step asks the database again.
  services.catch(() => {
    if (cache.get(manager.connection)?.services === services) cache.delete(manager.connection);
  });
  return services;
}

/** The catalog changed through this process: the next read goes to the database. */
export function forgetActiveCatalog(manager: EntityManager): void {
  cache.delete(manager.connection);
}
