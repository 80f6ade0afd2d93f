import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        AbortController: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core must stay free of vscode imports.' }] },
      ],
      eqeqeq: ['error', 'smart'],
    },
  },
  // Only src/core, src/webviews and the pages (src/<feature>/webview/) must not import vscode.
  {
    files: [
      'src/**',
      'test/host/**',
      'test/host-bench/**',
      'test/host-restricted/**',
      'test/web/**',
      'bench/web-probe.ts',
    ],
    ignores: ['src/core/**', 'src/webviews/**', 'src/*/webview/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/*/webview/**'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        getComputedStyle: 'readonly',
        HTMLElement: 'readonly',
        MessageEvent: 'readonly',
        Node: 'readonly',
      },
    },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
