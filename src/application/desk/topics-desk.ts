import type { AppDeps } from '../deps';
import { linkTopicGroup, ticketOfTopic, topicGroupStatus, topicNote, unlinkTopicGroup } from '../topics/team-topics';
import { bindDeps } from './bind';

/** Team topics (issue 14 §5): linking a staff forum to a department, and finding a topic's ticket. */
export function createTopicsDesk(deps: AppDeps) {
  const bind = bindDeps(deps);
  return {
    link: bind(linkTopicGroup),
    unlink: bind(unlinkTopicGroup),
    status: bind(topicGroupStatus),
    ticketOfTopic: bind(ticketOfTopic),
    note: bind(topicNote),
  };
}

export type TopicsDesk = ReturnType<typeof createTopicsDesk>;
