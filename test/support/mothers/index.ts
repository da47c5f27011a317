export { createCompany } from './company';
export { createContract } from './contract';
export { seededDepartment, type DepartmentCode } from './department';
export { createTicket, TICKET_CREATED_AT } from './ticket';
export { createAdmin, createClient, createEngineer } from './user';
