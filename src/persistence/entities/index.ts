import * as entityClasses from './entity-classes';

export * from './entity-classes';

/** Every mapped table; the schema itself comes from migrations, never from these classes. */
export const ENTITIES = Object.values(entityClasses);
