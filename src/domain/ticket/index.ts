export * from './effects';
export * from './errors';
export * from './events';
export * from './guards';
export * from './input-rules';
export * from './open-ticket';
export * from './transition';
export * from './types';
