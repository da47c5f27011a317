import type { EntityManager } from 'typeorm';
import { UserEntity } from '../../../src/persistence/entities';
import { nextSequence } from './sequence';

// Telegram ids above 2^32, as real ones are nowadays, to catch 32-bit mistakes.
const TELEGRAM_ID_BASE = 7_000_000_000;

async function createUser(manager: EntityManager, fields: Partial<UserEntity>): Promise<UserEntity> {
  const n = nextSequence();
  return manager.save(
    manager.create(UserEntity, {
      telegramId: TELEGRAM_ID_BASE + n,
      language: 'ru',
      displayName: `User ${n}`,
      username: `user${n}`,
      blocked: false,
      unreachable: false,
      acceptedRegulationVersion: 1,
      ...fields,
    }),
  );
}

/** A client of the company who accepted regulation version 1. */
export function createClient(
  manager: EntityManager,
  companyId: string,
  overrides: Partial<UserEntity> = {},
): Promise<UserEntity> {
  return createUser(manager, { role: 'client', companyId, departmentId: null, ...overrides });
}

export function createEngineer(
  manager: EntityManager,
  departmentId: string,
  overrides: Partial<UserEntity> = {},
): Promise<UserEntity> {
  return createUser(manager, { role: 'engineer', companyId: null, departmentId, ...overrides });
}

export function createAdmin(manager: EntityManager, overrides: Partial<UserEntity> = {}): Promise<UserEntity> {
  return createUser(manager, { role: 'admin', companyId: null, departmentId: null, ...overrides });
}
