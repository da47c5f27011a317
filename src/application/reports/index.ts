export * from './csv';
export * from './monthly-report';
export * from './report-chart';
export * from './report-csv';
export * from './report-sheets';
