import { InvalidInputError, NotPermittedError } from '../../../../src/domain/ticket/errors';
import { TICKET_LIMITS } from '../../../../src/domain/ticket/input-rules';
import { openTicket, validateDraft, type DraftAttachment, type TicketDraft } from '../../../../src/domain/ticket/open-ticket';
import type { Actor } from '../../../../src/domain/ticket/types';
import { NOW, actors, policy, shippedCalendar } from '../fixtures';

const { calendar } = shippedCalendar();
const MB = 1024 * 1024;
const screenshot: DraftAttachment = { kind: 'photo', purpose: 'screenshot', sizeBytes: 200_000 };
const mockup: DraftAttachment = { kind: 'document', purpose: 'mockup', sizeBytes: MB, mimeType: 'application/pdf' };

const DraftMother = {
  problem(over: Partial<TicketDraft> = {}): TicketDraft {
    return {
      service: { code: 'support.remote', billing: 'contract', contractKind: 'support', departmentId: 'dept-support' },
      type: 'problem',
      priority: 'normal',
      subject: '  Report totals are wrong ',
      description: 'The monthly report shows totals that differ from the sum of the rows.',
      steps: 'Open Reports → Monthly → February',
      errorText: 'Division by zero in Totals',
      attachments: [screenshot],
      ...over,
    };
  },
  modification(over: Partial<TicketDraft> = {}): TicketDraft {
    return DraftMother.problem({ type: 'modification', steps: undefined, errorText: undefined, specificationText: 'Add a column with VAT', newForm: true, attachments: [mockup], ...over });
  },
  question(over: Partial<TicketDraft> = {}): TicketDraft {
    return DraftMother.problem({ type: 'question', steps: undefined, errorText: undefined, attachments: [], ...over });
  },
};

const open = (draft: TicketDraft, actor: Actor = actors.author) =>
  openTicket(draft, actor, NOW, calendar, policy, { id: 'ticket-9', number: 9 });

function ruleOf(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return [error.field, error.rule];
    throw error;
  }
  throw new Error('expected InvalidInputError');
}

describe('openTicket', () => {
  it('creates a ticket in new with its review deadline, history and the department notice', () => {
    const { ticket, draft, effects } = open(DraftMother.problem({ priority: 'high' }));
    expect(ticket).toMatchObject({
      id: 'ticket-9',
      number: 9,
      state: 'new',
      companyId: 'company-1',
      authorId: 'client-author',
      serviceCode: 'support.remote',
      billing: 'contract',
      contractKind: 'support',
      departmentId: 'dept-support',
      priority: 'high',
      ownerId: null,
      enteredNewAt: NOW,
      // Thursday 2026-02-19 → Fri 20, Tue 24, Wed 25 (Mon 23 is a holiday).
      reviewDueAt: new Date('2026-02-25T20:59:59.999Z'),
      windowEndsAt: null,
    });
    expect(draft.subject).toBe('Report totals are wrong');
    expect(draft).toMatchObject({ errorText: 'Division by zero in Totals', noErrorMessage: false, newForm: false });
    expect(effects).toEqual([
      { kind: 'history', ticketId: 'ticket-9', field: 'created', from: null, to: 'new', reason: null, actorId: 'client-author', at: NOW },
      { kind: 'review_deadline_set', ticketId: 'ticket-9', dueAt: new Date('2026-02-25T20:59:59.999Z') },
      {
        kind: 'notify',
        ticketId: 'ticket-9',
        audience: { kind: 'department' },
        event: 'ticket_created',
        key: 'notify.ticket_created_high',
        params: { number: 9, subject: 'Report totals are wrong', deadline: '25.02.2026 23:59' },
        at: NOW,
      },
    ]);
  });

  it('uses the normal key for normal priority', () => {
    expect(open(DraftMother.question()).effects[2]).toMatchObject({ key: 'notify.ticket_created' });
  });

  it.each([actors.owner, actors.admin, actors.system])('is for clients only, not %p', (actor) => {
    expect(() => open(DraftMother.problem(), actor)).toThrow(NotPermittedError);
  });

  it('needs the client’s company', () => {
    expect(() => open(DraftMother.problem(), { ...actors.author, companyId: null })).toThrow(
      expect.objectContaining({ params: { action: 'open', reason: 'other_company' } }),
    );
  });
});

describe('validateDraft (SPEC §3)', () => {
  it.each<[string, TicketDraft, string, string]>([
    ['unknown type', DraftMother.problem({ type: 'bug' as TicketDraft['type'] }), 'type', 'unknown_value'],
    ['unknown priority', DraftMother.problem({ priority: 'urgent' as TicketDraft['priority'] }), 'priority', 'unknown_value'],
    ['a service without code', DraftMother.problem({ service: { code: ' ', billing: 'none', contractKind: null, departmentId: 'd' } }), 'service', 'unknown_value'],
    ['a contract service without a kind', DraftMother.problem({ service: { code: 's', billing: 'contract', contractKind: null, departmentId: 'd' } }), 'service', 'unknown_value'],
    ['a paid service with a kind', DraftMother.problem({ service: { code: 's', billing: 'paid', contractKind: 'support', departmentId: 'd' } }), 'service', 'unknown_value'],
    ['a blank subject', DraftMother.problem({ subject: '   ' }), 'subject', 'required'],
    ['a 4-character subject after trimming', DraftMother.problem({ subject: '  Bug!  ' }), 'subject', 'too_short'],
    ['a 121-character subject', DraftMother.problem({ subject: 'x'.repeat(121) }), 'subject', 'too_long'],
    ['a 19-character description', DraftMother.problem({ description: 'x'.repeat(19) }), 'description', 'too_short'],
    ['a 4001-character description', DraftMother.problem({ description: 'x'.repeat(4001) }), 'description', 'too_long'],
    ['a problem without steps', DraftMother.problem({ steps: ' ' }), 'steps', 'required'],
    ['a problem without a screenshot', DraftMother.problem({ attachments: [] }), 'attachments', 'screenshot_required'],
    ['a problem whose screenshot is not an image', DraftMother.problem({ attachments: [{ kind: 'document', purpose: 'screenshot', sizeBytes: 10, mimeType: 'application/pdf' }] }), 'attachments', 'screenshot_required'],
    ['a problem with only other files', DraftMother.problem({ attachments: [{ kind: 'photo', purpose: 'other', sizeBytes: 10 }] }), 'attachments', 'screenshot_required'],
    ['a modification without a specification', DraftMother.modification({ specificationText: '  ' }), 'specification', 'specification_required'],
    ['a modification without a mock-up', DraftMother.modification({ attachments: [] }), 'attachments', 'mockup_required'],
    ['a file over 20 MB', DraftMother.problem({ attachments: [screenshot, { kind: 'document', purpose: 'other', sizeBytes: 20 * MB + 1 }] }), 'attachments', 'file_too_large'],
    ['a negative size', DraftMother.problem({ attachments: [screenshot, { kind: 'document', purpose: 'other', sizeBytes: -1 }] }), 'attachments', 'file_too_large'],
    ['more than 100 files', DraftMother.problem({ attachments: Array.from({ length: 101 }, () => screenshot) }), 'attachments', 'too_many_files'],
    ['an over-long error text', DraftMother.problem({ errorText: 'e'.repeat(4001) }), 'error_text', 'too_long'],
  ])('refuses %s', (_name, draft, field, rule) => {
    expect(ruleOf(() => validateDraft(draft))).toEqual([field, rule]);
  });

  it.each<[string, TicketDraft]>([
    ['a 5-character subject and a 20-character description', DraftMother.question({ subject: 'x'.repeat(5), description: 'y'.repeat(20) })],
    ['a 120-character subject and a 4000-character description', DraftMother.question({ subject: 'x'.repeat(120), description: 'y'.repeat(4000) })],
    ['a screenshot sent as an image file', DraftMother.problem({ attachments: [{ kind: 'document', purpose: 'screenshot', sizeBytes: 10, mimeType: 'image/png' }] })],
    ['a file of exactly 20 MB', DraftMother.problem({ attachments: [{ kind: 'photo', purpose: 'screenshot', sizeBytes: 20 * MB }] })],
    ['a modification with the specification as a file', DraftMother.modification({ specificationText: undefined, attachments: [mockup, { kind: 'document', purpose: 'specification', sizeBytes: 10 }] })],
    ['a question with no files', DraftMother.question()],
    ['emoji counted as characters', DraftMother.question({ subject: '🙂🙂🙂🙂🙂' })],
  ])('accepts %s', (_name, draft) => {
    expect(() => validateDraft(draft)).not.toThrow();
  });

  it('takes a lower per-file limit from configuration', () => {
    const draft = DraftMother.problem({ attachments: [{ kind: 'photo', purpose: 'screenshot', sizeBytes: 6 * MB }] });
    expect(ruleOf(() => validateDraft(draft, 5 * MB))).toEqual(['attachments', 'file_too_large']);
    expect(() => validateDraft(draft, 5 * MB)).toThrow(expect.objectContaining({ params: expect.objectContaining({ limit: 5 }) }));
  });

  it('exports the limits the bot shows', () => {
    expect(TICKET_LIMITS.subject).toEqual({ min: 5, max: 120 });
    expect(TICKET_LIMITS.description).toEqual({ min: 20, max: 4000 });
    expect(TICKET_LIMITS.attachmentMaxBytes).toBe(20 * MB);
    expect(TICKET_LIMITS.plannedHours).toEqual({ step: 0.25, max: 1000 });
  });
});
