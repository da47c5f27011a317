import type { Feature } from '../../feature';
import { adminCatalogFeature } from './catalog';
import { adminContractsFeature } from './contract-form';
import { adminDepartmentsFeature } from './departments';
import { adminServicesFeature } from './service-form';
import { adminDialogFeature } from './dialog-text';
import { adminInvitesFeature } from './invites';
import { adminMenuFeature } from './menu';
import { adminReportFeature } from './report';
import { adminUsersFeature } from './users';

/** Admin features (admins only; each handler checks the role on the server); the dialog last. */
export const adminFeatures: readonly Feature[] = [
  adminMenuFeature,
  adminReportFeature,
  adminInvitesFeature,
  adminUsersFeature,
  adminCatalogFeature,
  adminContractsFeature,
  adminDepartmentsFeature,
  adminServicesFeature,
  adminDialogFeature,
];
