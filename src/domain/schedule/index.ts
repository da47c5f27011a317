export * from './next-due';
export * from './reminder-digest';
export * from './reminders';
export * from './review-marks';
export * from './schedule-facts';
export * from './zone-clock';
