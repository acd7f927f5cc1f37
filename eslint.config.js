import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/**
 * eslint-plugin-regexp's "Possible Errors" rules: no regular expression with
 * super-linear backtracking or super-linear moves (ReDoS: services read
 * hostile feeds and pages), none that is invalid, useless or contradicts
 * itself. Its style rules are left out. Both super-linear rules are
 * heuristics: a regex built at run time (`new RegExp(...)`) is not checked,
 * and an attack string needs more than one repeated part
 * (`<p[^>]*>` on "<p<p<p...") goes unseen. `pnpm bench:hostile` measures what
 * the rules cannot see.
 */
const regexpCorrectness = Object.fromEntries(
  Object.entries(regexp.rules)
    .filter(([, rule]) => rule.meta.docs.category === 'Possible Errors' && !rule.meta.deprecated)
    .map(([name]) => [`regexp/${name}`, 'error']),
);

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.scratch/**', 'data/**', 'test/artifacts/**', '**/dist/**', 'test/fuzz/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['packages/**/*.ts', 'services/**/*.ts'],
    plugins: { regexp },
    rules: {
      ...regexpCorrectness,
      'regexp/no-super-linear-move': ['error', { ignoreSticky: false, ignorePartial: false }],
      // Control characters in a class are how junk is stripped from feed and page text; no-control-regex already guards the rest.
      'regexp/no-control-character': 'off',
    },
  },
  {
    // Tests and benchmarks run on text they wrote themselves.
    files: ['**/*.test.ts', 'test/**'],
    rules: Object.fromEntries(Object.keys(regexpCorrectness).map((name) => [name, 'off'])),
  },
  {
    // The CLI and benchmarks print for people; tests may too.
    files: ['services/cli/**', 'test/**', '**/scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
