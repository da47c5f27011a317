import { emptyWizard, stepsFor, wizardSchema } from '../../../src/bot/features/new-ticket/draft';

describe('new-ticket wizard steps', () => {
  test('the evidence steps follow the type (SPEC §3)', () => {
    expect(stepsFor('problem', true)).toEqual([
      'category', 'service', 'type', 'priority', 'subject', 'description', 'steps', 'error_text', 'screenshots', 'confirm',
    ]);
    // A modification always asks whether a new report form or document template is needed
    // (issue 12): the specification always, mock-ups only for a new form.
    expect(stepsFor('modification', false)).toEqual([
      'category', 'type', 'priority', 'subject', 'description', 'new_form', 'specification', 'confirm',
    ]);
    expect(stepsFor('modification', false, false)).toEqual(stepsFor('modification', false));
    expect(stepsFor('modification', false, true)).toEqual([
      'category', 'type', 'priority', 'subject', 'description', 'new_form', 'specification', 'mockups', 'confirm',
    ]);
    expect(stepsFor('question', false)).toEqual(['category', 'type', 'priority', 'subject', 'description', 'files', 'confirm']);
  });

  test('a stored draft parses back as it was; a draft of another shape does not', () => {
    const draft = { ...emptyWizard(12), step: 'subject' as const, type: 'problem' as const };
    expect(wizardSchema.parse(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
    expect(wizardSchema.safeParse({ flow: 'new_ticket', step: 'nowhere' }).success).toBe(false);
  });
});
