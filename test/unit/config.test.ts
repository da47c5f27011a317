import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.TIME_ZONE).toBe('Europe/Moscow');
    expect(config.REMINDER_OFFSETS_DAYS).toEqual([7, 3, 1]);
    expect(config.CLARIFICATION_WINDOW_DAYS).toBe(14);
    expect(config.BOT_MODE).toBe('polling');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./data');
  });

  it('treats empty variables as unset, as .env.example leaves them', () => {
    expect(loadConfig({ DATABASE_URL: '', BOT_TOKEN: '' }).DATABASE_URL).toBeUndefined();
  });

  it('parses lists and numbers', () => {
    const config = loadConfig({ REMINDER_OFFSETS_DAYS: '5, 2', ADMIN_TELEGRAM_IDS: '11,22', PORT: '9000' });
    expect(config.REMINDER_OFFSETS_DAYS).toEqual([5, 2]);
    expect(config.ADMIN_TELEGRAM_IDS).toEqual(['11', '22']);
    expect(config.PORT).toBe(9000);
  });

  it('names every bad variable and what is wrong with it', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', TIME_ZONE: 'Mars/Olympus', REMINDER_OFFSETS_DAYS: 'soon', BOT_TOKEN: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'TIME_ZONE', 'REMINDER_OFFSETS_DAYS', 'BOT_TOKEN']) expect(problems).toContain(name);
    expect(problems).toContain('IANA time zone');
  });

  it('migrates at start unless told not to', () => {
    expect(loadConfig({}).MIGRATE_ON_START).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
    expect(() => loadConfig({ MIGRATE_ON_START: 'no' })).toThrow(/MIGRATE_ON_START: true or false/);
  });

  it('requires the webhook settings in webhook mode', () => {
    expect(() => loadConfig({ BOT_MODE: 'webhook' })).toThrow(/WEBHOOK_URL[\s\S]*WEBHOOK_SECRET/);
  });

  it('refuses working hours that end before they start', () => {
    expect(() => loadConfig({ WORKING_HOURS_START: '19:00', WORKING_HOURS_END: '09:00' })).toThrow(/WORKING_HOURS_END/);
  });
});
