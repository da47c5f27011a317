import type { TicketState } from './types';
import { FINAL_STATES } from './types';

/**
 * Team topics (issue 14 §5): each ticket of a department linked to a staff forum has a topic
 * named "<state emoji> №N · Company · Subject". Telegram allows 1–128 characters; a longer name
 * is cut with "…" (the subject is the part that gives way; the whole ticket is in the topic).
 */
export const TOPIC_NAME_MAX = 128;

/** One emoji per state, so the topic list shows where each ticket stands. */
export const TOPIC_STATE_EMOJI: Readonly<Record<TicketState, string>> = {
  new: '🆕',
  clarification: '❓',
  accepted: '🛠',
  rejected: '⛔',
  customer_testing: '🧪',
  in_development: '💻',
  ready_for_install: '📦',
  done: '✅',
};

export interface TopicNameFacts {
  readonly number: number;
  readonly company: string;
  readonly subject: string;
  readonly state: TicketState;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The topic's name, at most TOPIC_NAME_MAX UTF-16 units (so also at most as many characters), never split inside a character. */
export function topicName(facts: TopicNameFacts): string {
  const parts = [`${TOPIC_STATE_EMOJI[facts.state]} №${facts.number}`, oneLine(facts.company), oneLine(facts.subject)].filter((p) => p !== '');
  const full = parts.join(' · ');
  if (full.length <= TOPIC_NAME_MAX) return full;
  const chars = [...full];
  while (chars.join('').length > TOPIC_NAME_MAX - 1) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** A ticket in a final state has its topic closed. */
export function topicClosedFor(state: TicketState): boolean {
  return FINAL_STATES.includes(state);
}
