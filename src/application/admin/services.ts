import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { BILLING_CLASSES, CONTRACT_KINDS } from '../../domain/ticket/types';
import { ServiceEntity } from '../../persistence/entities';
import { forgetActiveCatalog } from '../../persistence/repositories/service-catalog';
import { findDepartmentByRef } from './departments';
import { AdminDuplicateError, AdminInputError, AdminNotFoundError } from './errors';
import { parseInput } from './parse';
import { ruleMessage, serviceNameField, textField } from './rules';

/** The catalog in display order; inactive entries only when asked for. */
export function listServices(
  manager: EntityManager,
  options: { readonly includeInactive?: boolean } = {},
): Promise<ServiceEntity[]> {
  return manager.find(ServiceEntity, {
    where: options.includeInactive ? {} : { active: true },
    order: { sortOrder: 'ASC', code: 'ASC' },
  });
}

const serviceSchema = z.object({
  code: z.string({ error: ruleMessage('required') }).trim().toLowerCase().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)?$/, ruleMessage('code_format')),
  nameRu: serviceNameField,
  nameEn: serviceNameField,
  billing: z.enum(BILLING_CLASSES, { error: ruleMessage('unknown_value') }),
  contractKind: z.enum(CONTRACT_KINDS, { error: ruleMessage('unknown_value') }).nullable().default(null),
  department: textField(1, 100),
});

/** Untrusted input: billing and contract kind arrive as text and are parsed here. */
export interface ServiceInput {
  /** Without one (the bot's form), `category` names the category and the code is made from the English name. */
  readonly code?: string;
  readonly category?: string;
  readonly nameRu: string;
  readonly nameEn: string;
  readonly billing: string;
  readonly contractKind?: string | null;
  readonly department: string;
}

/**
 * Adds a selectable catalog entry; `<category>.<sub>` codes join the category of that prefix.
 * A `contract` service names its contract kind, others must not. Throws AdminInputError,
 * AdminDuplicateError, AdminNotFoundError (department).
 */
export async function addService(manager: EntityManager, input: ServiceInput): Promise<ServiceEntity> {
  const code = input.code ?? (await freeServiceCode(manager, input.category ?? '', parseInput(serviceSchema.shape.nameEn, input.nameEn, 'nameEn')));
  const s = parseInput(serviceSchema, { ...input, code });
  if ((s.billing === 'contract') !== (s.contractKind !== null)) {
    throw new AdminInputError('contractKind', 'contract_kind_billing');
  }
  if (await manager.existsBy(ServiceEntity, { code: s.code })) throw new AdminDuplicateError('service', s.code);
  const department = await findDepartmentByRef(manager, s.department);
  const [last] = await manager.find(ServiceEntity, { order: { sortOrder: 'DESC' }, take: 1 });
  const saved = await manager.save(
    manager.create(ServiceEntity, {
      code: s.code,
      categoryCode: s.code.split('.')[0] ?? s.code,
      selectable: true,
      nameRu: s.nameRu,
      nameEn: s.nameEn,
      billing: s.billing,
      contractKind: s.contractKind,
      defaultDepartmentId: department.id,
      active: true,
      sortOrder: (last?.sortOrder ?? 0) + 10,
    }),
  );
  forgetActiveCatalog(manager);
  return saved;
}

/** `<category>.<name>` from the English name ("Backup checks" → support.backup_checks), free in the catalog. */
async function freeServiceCode(manager: EntityManager, category: string, nameEn: string): Promise<string> {
  const prefix = category.trim().toLowerCase();
  if (!/^[a-z][a-z0-9_]*$/.test(prefix) || !(await manager.existsBy(ServiceEntity, { categoryCode: prefix }))) {
    throw new AdminNotFoundError('service', prefix);
  }
  const slug = nameEn.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'service';
  for (let n = 1; ; n++) {
    const code = `${prefix}.${n === 1 ? slug : `${slug}_${n}`}`;
    if (!(await manager.existsBy(ServiceEntity, { code }))) return code;
  }
}

/** Hides an entry from new tickets; old tickets keep their service. Throws AdminNotFoundError. */
export async function setServiceActive(manager: EntityManager, code: string, active: boolean): Promise<ServiceEntity> {
  const service = await manager.findOneBy(ServiceEntity, { code: code.trim() });
  if (!service) throw new AdminNotFoundError('service', code.trim());
  await manager.update(ServiceEntity, { id: service.id }, { active });
  forgetActiveCatalog(manager);
  return { ...service, active };
}
