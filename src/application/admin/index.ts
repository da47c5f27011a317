export * from './companies';
export * from './contracts';
export * from './departments';
export * from './errors';
export * from './invites';
export * from './regulation';
export * from './services';
export * from './users';
