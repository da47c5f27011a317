import { TOPIC_NAME_MAX, TOPIC_STATE_EMOJI, topicClosedFor, topicName } from '../../../src/domain/ticket/topic-name';
import { TICKET_STATES } from '../../../src/domain/ticket/types';

describe('team topic names (issue 14 §5)', () => {
  it('is "<state emoji> №N · Company · Subject"', () => {
    expect(topicName({ number: 12, company: 'Clinic "Health & Co"', subject: 'Report does not open', state: 'new' })).toBe(
      '🆕 №12 · Clinic "Health & Co" · Report does not open',
    );
  });

  it('gives each state its own emoji', () => {
    const emojis = TICKET_STATES.map((state) => TOPIC_STATE_EMOJI[state]);
    expect(new Set(emojis).size).toBe(TICKET_STATES.length);
  });

  it('keeps within 128 characters (UTF-16 units) without splitting a character, ending in "…"', () => {
    const name = topicName({ number: 7, company: 'Клиника', subject: '😀'.repeat(100), state: 'accepted' });
    expect(name.length).toBeLessThanOrEqual(TOPIC_NAME_MAX);
    expect(name.endsWith('😀…')).toBe(true);
    expect(name.startsWith('🛠 №7 · Клиника · ')).toBe(true);
  });

  it('puts a multi-line subject on one line', () => {
    expect(topicName({ number: 1, company: 'A', subject: 'line one\n  line two', state: 'done' })).toBe('✅ №1 · A · line one line two');
  });

  it('closes the topic of a final ticket only', () => {
    expect(TICKET_STATES.filter(topicClosedFor)).toEqual(['rejected', 'done']);
  });
});
