import type { AppDeps } from '../deps';
import {
  claimDueNotifications,
  notificationFailed,
  notificationFiles,
  notificationSent,
  recipientBlockedBot,
  releaseForSending,
  retryNotification,
} from '../outbox/deliveries';
import { deferReply } from '../outbox/deferred-replies';
import { liveInstances, pauseSendsAfter429, takeSendTurn } from '../outbox/send-budget';
import { topicClosed, topicOpened, topicOpenFailed, topicPlan } from '../topics/topic-deliveries';
import { bindDeps } from './bind';

/** What the outbox dispatcher (src/notify) asks of the data. */
export function createOutboxDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  return {
    claim: bind(claimDueNotifications),
    release: bind(releaseForSending),
    files: bind(notificationFiles),
    sent: bind(notificationSent),
    retry: bind(retryNotification),
    failed: bind(notificationFailed),
    blocked: bind(recipientBlockedBot),
    deferReply: bind(deferReply),
    // Team topics (application/topics/topic-deliveries.ts).
    topicPlan: bind(topicPlan),
    topicOpened: bind(topicOpened),
    topicOpenFailed: bind(topicOpenFailed),
    topicClosed: bind(topicClosed),
    takeSendTurn: bind(takeSendTurn),
    pauseSends: bind(pauseSendsAfter429),
    liveInstances: (): Promise<number> => liveInstances(deps),
  };
}

export type OutboxDesk = ReturnType<typeof createOutboxDesk>;
