export * from './calendar-xml';
export * from './clock';
export type { BusinessCalendar, IsoDate } from './business-calendar';
export * from './local-time';
export * from './production-calendar';
export * from './review-deadline';
export * from './time-policy';
export * from './window-end';
export * from './working-hours';
