import type { EntityManager } from 'typeorm';
import type { Language } from '../../../i18n';
import type { ServiceEntity } from '../../../persistence/entities';
import { activeCatalog } from '../../../persistence/repositories/service-catalog';

/** The active service catalog in display order (SPEC §2); served from memory for a few seconds. */
export function loadCatalog(manager: EntityManager): Promise<ServiceEntity[]> {
  return activeCatalog(manager);
}

export interface Category {
  readonly code: string;
  readonly name: ServiceEntity;
  /** Selectable entries; a category without sub-types has exactly one, itself. */
  readonly services: readonly ServiceEntity[];
}

export function categories(catalog: readonly ServiceEntity[]): Category[] {
  const codes = [...new Set(catalog.map((s) => s.categoryCode))];
  return codes.flatMap((code) => {
    const rows = catalog.filter((s) => s.categoryCode === code);
    const name = rows.find((s) => s.code === code) ?? rows[0];
    const services = rows.filter((s) => s.selectable);
    return name && services.length > 0 ? [{ code, name, services }] : [];
  });
}

export function hasSubtypes(category: Category | undefined): boolean {
  return category !== undefined && !(category.services.length === 1 && category.services[0]?.code === category.code);
}

export function serviceName(service: ServiceEntity, lang: Language): string {
  return lang === 'ru' ? service.nameRu : service.nameEn;
}

/** "Category — sub-type" for a selectable service code, or the code when unknown. */
export function fullServiceName(catalog: readonly ServiceEntity[], code: string, lang: Language): string {
  const service = catalog.find((s) => s.code === code);
  if (!service) return code;
  const category = catalog.find((s) => s.code === service.categoryCode);
  return category && category.code !== service.code
    ? `${serviceName(category, lang)} — ${serviceName(service, lang)}`
    : serviceName(service, lang);
}
