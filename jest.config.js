/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `npm run typecheck` (part of `npm test`); here we only transpile.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  // A handle a failing test leaves open (a socket, a timer) must not keep a finished run alive
  // until CI's own timeout: jest reports the failures and exits with their status.
  forceExit: true,
};
