import type { ServiceView } from '../../../application/views/access';
import type { Language } from '../../../i18n';
import type { DeskContext } from '../../context';

/** The active service catalog in display order (SPEC §2); served from memory for a few seconds. */
export function loadCatalog(ctx: DeskContext): Promise<readonly ServiceView[]> {
  return ctx.deps.desk.users.serviceCatalog();
}

export interface Category {
  readonly code: string;
  readonly name: ServiceView;
  /** Selectable entries; a category without sub-types has exactly one, itself. */
  readonly services: readonly ServiceView[];
}

export function categories(catalog: readonly ServiceView[]): Category[] {
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

export function serviceName(service: ServiceView, lang: Language): string {
  return lang === 'ru' ? service.nameRu : service.nameEn;
}

/** "Category — sub-type" for a selectable service code, or the code when unknown. */
export function fullServiceName(catalog: readonly ServiceView[], code: string, lang: Language): string {
  const service = catalog.find((s) => s.code === code);
  if (!service) return code;
  const category = catalog.find((s) => s.code === service.categoryCode);
  return category && category.code !== service.code
    ? `${serviceName(category, lang)} — ${serviceName(service, lang)}`
    : serviceName(service, lang);
}
