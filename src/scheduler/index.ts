export { startScheduler } from './ticker';
export type { RunningScheduler, SchedulerDeps, SchedulerOptions, TickReport } from './ticker';
