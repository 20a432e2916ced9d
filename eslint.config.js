import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypeScript from 'eslint-config-next/typescript';

const eslintConfig = [
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.next-*/**',
      'bench/floor-app/.next/**',
      '.emulator/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypeScript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The emulator follows Microsoft, not the portal: it never imports product code.
    files: ['emulator/**/*.ts'],
    ignores: ['emulator/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/lib/*',
                '**/lib/*',
                '@/app/*',
                '**/app/*',
                '@/components/*',
                '**/components/*',
              ],
              message: "The emulator must not import the portal's code.",
            },
          ],
        },
      ],
    },
  },
];

export default eslintConfig;
