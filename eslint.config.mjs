import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The architecture as lint rules (README "One direction"): Telegram update → bot feature →
 * application use case or query → domain decision → persistence. A file that reaches around a
 * layer fails `npm run lint`; test/unit/architecture.test.ts shows each rule biting.
 */
const persistence = {
  group: ['**/persistence', '**/persistence/**', 'typeorm', 'typeorm/**', 'pg'],
  message: 'Reach data only through the application layer (the Desk in src/application/desk.ts).',
};
const EDGES = ['bot', 'notify', 'telegram', 'scheduler', 'server', 'cli', 'sandbox', 'main', 'admin-cli'];
/** The edges as seen from a file `depth` folders below src/application (relative paths only mean src/ at the right depth). */
function edgesAt(depth) {
  const up = '\\.\\./'.repeat(depth + 1);
  return {
    regex: `^(${up}(${EDGES.join('|')})(/|$)|telegraf(/|$))`,
    message: 'The application layer decides; it never imports the code that talks to Telegram or runs it.',
  };
}
/** Statements are written in src/persistence (repositories); the application calls them. */
const SQL_MESSAGE = 'SQL lives in src/persistence (a repository function): the application calls it.';
const sqlHelpers = { group: ['**/persistence/fast-select', '**/persistence/named-query'], message: SQL_MESSAGE };
const sqlCalls = { selector: "CallExpression[callee.property.name=/^(query|createQueryBuilder)$/]", message: SQL_MESSAGE };

const outsideDomain = {
  regex: '^(?!\\.\\.?/|luxon$|zod$)|^\\.\\./\\.\\./',
  message: 'The domain is pure: it imports only itself, luxon and zod.',
};

export const architectureRules = [
  {
    files: ['src/bot/**/*.ts', 'src/notify/**/*.ts', 'src/scheduler/**/*.ts', 'src/cli/**/*.ts', 'src/telegram/**/*.ts', 'src/admin-cli.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [persistence] }] },
  },
  ...[0, 1, 2, 3].map((depth) => ({
    files: [`src/application/${'*/'.repeat(depth)}*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [edgesAt(depth), sqlHelpers] }],
      'no-restricted-syntax': ['error', sqlCalls],
    },
  })),
  {
    files: ['src/domain/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [outsideDomain] }] },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The launcher of `npm start` is plain CommonJS: it must run before anything is compiled.
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly', Atomics: 'readonly', SharedArrayBuffer: 'readonly', Int32Array: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...architectureRules,
);
