export * from './calendar.js';
export * from './statutory-clock.js';
export * from './chinese-holidays.js';
