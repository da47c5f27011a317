export * from './contract';
export * from './month-budget';
