import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { restrictedPathZones } from './tests/architecture/rooms.mjs';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'node_modules/**',
      'data/**',
      'tmp/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  // Imports only go down the rooms (docs/architecture.md, tests/architecture/rooms.mjs): an import
  // into a room this file's room may not use fails the lint. eslint-plugin-import comes with
  // eslint-config-next, with its TypeScript resolver, so `@/…` paths resolve.
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    rules: { 'import/no-restricted-paths': ['error', { zones: restrictedPathZones() }] },
  },
];

export default config;
