import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectRoot, PROJECT_ROOT } from '../../src/project-root';

describe('the project root', () => {
  it('is the folder with package.json, locales/ and calendar/, from src/ as from dist/src/', () => {
    expect(existsSync(join(PROJECT_ROOT, 'package.json'))).toBe(true);
    expect(existsSync(join(PROJECT_ROOT, 'locales', 'ru'))).toBe(true);
    expect(existsSync(join(PROJECT_ROOT, 'calendar', 'ru.json'))).toBe(true);
    const root = mkdtempSync(join(tmpdir(), 'desk-root-'));
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'dist', 'src', 'bot'), { recursive: true });
    expect(findProjectRoot(join(root, 'dist', 'src', 'bot'))).toBe(root);
    expect(findProjectRoot(root)).toBe(root);
  });

  it('says so when there is none', () => {
    expect(() => findProjectRoot('/')).toThrow('no package.json above /');
  });
});
