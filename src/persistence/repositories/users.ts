import type { EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { selectEntities, selectEntity } from '../fast-select';

export function findUserByTelegramId(manager: EntityManager, telegramId: number): Promise<UserEntity | null> {
  return selectEntity(manager, UserEntity, '"e"."telegram_id" = $1', [telegramId]);
}

export function findUserById(manager: EntityManager, id: string): Promise<UserEntity | null> {
  return selectEntity(manager, UserEntity, '"e"."id" = $1', [id]);
}

/** Who hears about a department's new tickets: its engineers and admins, blocked ones left out. */
export function departmentStaff(manager: EntityManager, departmentId: string): Promise<UserEntity[]> {
  return selectEntities(
    manager,
    UserEntity,
    `"e"."department_id" = $1 AND "e"."role" IN ('engineer', 'admin') AND NOT "e"."blocked"`,
    [departmentId],
    'ORDER BY "e"."created_at"',
  );
}

/** Everyone with the admin role (SLA escalations, contract notices). */
export function admins(manager: EntityManager): Promise<UserEntity[]> {
  return selectEntities(manager, UserEntity, `"e"."role" = 'admin' AND NOT "e"."blocked"`, [], 'ORDER BY "e"."created_at"');
}

/** A company's client users. */
export function companyUsers(manager: EntityManager, companyId: string): Promise<UserEntity[]> {
  return manager.find(UserEntity, { where: { companyId }, order: { createdAt: 'ASC' } });
}
