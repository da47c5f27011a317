import { InvalidInputError } from '../../../../src/domain/ticket/errors';
import { validateDraft, type DraftAttachment, type TicketDraft } from '../../../../src/domain/ticket/open-ticket';

const screenshot: DraftAttachment = { kind: 'photo', purpose: 'screenshot', sizeBytes: 200_000 };
const mockup: DraftAttachment = { kind: 'photo', purpose: 'mockup', sizeBytes: 300_000 };
const specFile: DraftAttachment = { kind: 'document', purpose: 'specification', sizeBytes: 50_000, mimeType: 'application/pdf' };

const base: TicketDraft = {
  service: { code: 'support.office_work', billing: 'contract', contractKind: 'support', departmentId: 'dept-support' },
  type: 'problem',
  priority: 'normal',
  subject: 'Invoice will not print',
  description: 'Printing an invoice from the register does nothing at all since the update.',
  steps: 'Register → Invoices → Print',
  attachments: [screenshot],
};
const problem = (over: Partial<TicketDraft>): TicketDraft => ({ ...base, ...over });
const modification = (over: Partial<TicketDraft>): TicketDraft => ({ ...base, type: 'modification', steps: undefined, ...over });

function rule(draft: TicketDraft): [string, string] | null {
  try {
    validateDraft(draft);
    return null;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return [error.field, error.rule];
  }
}

describe('problem evidence (SPEC §3, issue 12): the error text, or the explicit "no error message is shown"', () => {
  it('refuses a problem with neither: the error text cannot be skipped silently', () => {
    expect(rule(problem({}))).toEqual(['error_text', 'error_text_required']);
    expect(rule(problem({ errorText: '   ' }))).toEqual(['error_text', 'error_text_required']);
    expect(rule(problem({ noErrorMessage: false }))).toEqual(['error_text', 'error_text_required']);
  });

  it('accepts the error text, recorded trimmed, with the flag off', () => {
    expect(validateDraft(problem({ errorText: '  Error 0x80070005  ' }))).toMatchObject({ errorText: 'Error 0x80070005', noErrorMessage: false });
  });

  it('accepts "no error message is shown" and records it for the engineer', () => {
    expect(validateDraft(problem({ noErrorMessage: true }))).toMatchObject({ errorText: null, noErrorMessage: true });
  });

  it('an error text given wins over the flag (the two answers exclude each other)', () => {
    expect(validateDraft(problem({ errorText: 'Access denied', noErrorMessage: true }))).toMatchObject({ errorText: 'Access denied', noErrorMessage: false });
  });

  it('still wants the screenshot either way', () => {
    expect(rule(problem({ noErrorMessage: true, attachments: [] }))).toEqual(['attachments', 'screenshot_required']);
  });

  it('questions and modifications need no error text; the flag is never set for them', () => {
    expect(validateDraft({ ...base, type: 'question', steps: undefined, attachments: [], noErrorMessage: true }).noErrorMessage).toBe(false);
    expect(rule(modification({ specificationText: 'Add VAT' }))).toBeNull();
  });
});

describe('modification evidence (SPEC §3, issue 12): the specification always, mock-ups only for a new form', () => {
  it('needs no mock-up when no new report form or document template is made', () => {
    expect(validateDraft(modification({ specificationText: 'Add a VAT column', attachments: [] }))).toMatchObject({ newForm: false });
    expect(rule(modification({ newForm: false, attachments: [specFile] }))).toBeNull();
  });

  it('always needs the specification, as text or a file', () => {
    expect(rule(modification({ attachments: [] }))).toEqual(['specification', 'specification_required']);
    expect(rule(modification({ newForm: true, attachments: [mockup] }))).toEqual(['specification', 'specification_required']);
  });

  it('needs at least one mock-up when a new report form or document template is made', () => {
    expect(rule(modification({ newForm: true, specificationText: 'New act form', attachments: [] }))).toEqual(['attachments', 'mockup_required']);
    expect(validateDraft(modification({ newForm: true, specificationText: 'New act form', attachments: [mockup] }))).toMatchObject({ newForm: true });
  });

  it('never marks a problem as a new form', () => {
    expect(validateDraft(problem({ errorText: 'x', newForm: true })).newForm).toBe(false);
  });
});
