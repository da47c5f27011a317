import type { Feature } from '../../feature';

/** Admin features (admins only; each handler checks the role on the server). */
export const adminFeatures: readonly Feature[] = [];
