import type { AppDeps } from '../deps';
import { commentRating, monthRatings, rateTicket } from '../tickets/rating';
import { bindDeps } from './bind';

/** Clients' ratings of done tickets (issue 13): give, comment, read; averages for the monthly report. */
export function createRatingsDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  return {
    rate: bind(rateTicket),
    comment: bind(commentRating),
    /** `{ month: 'YYYY-MM', companyId? }` → average per company and per engineer (ids), with counts. */
    month: bind(monthRatings),
  };
}

export type RatingsDesk = ReturnType<typeof createRatingsDesk>;
