import { In, type EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity';

export function findUserByTelegramId(manager: EntityManager, telegramId: number): Promise<UserEntity | null> {
  return manager.findOneBy(UserEntity, { telegramId });
}

export function findUserById(manager: EntityManager, id: string): Promise<UserEntity | null> {
  return manager.findOneBy(UserEntity, { id });
}

/** Who hears about a department's new tickets: its engineers and admins, blocked ones left out. */
export function departmentStaff(manager: EntityManager, departmentId: string): Promise<UserEntity[]> {
  return manager.find(UserEntity, {
    where: { departmentId, role: In(['engineer', 'admin']), blocked: false },
    order: { createdAt: 'ASC' },
  });
}

/** Everyone with the admin role (SLA escalations, contract notices). */
export function admins(manager: EntityManager): Promise<UserEntity[]> {
  return manager.find(UserEntity, { where: { role: 'admin', blocked: false }, order: { createdAt: 'ASC' } });
}

/** A company's client users. */
export function companyUsers(manager: EntityManager, companyId: string): Promise<UserEntity[]> {
  return manager.find(UserEntity, { where: { companyId }, order: { createdAt: 'ASC' } });
}
