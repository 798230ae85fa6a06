const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker fewer than the cores: a single worker on a 2-core CI machine,
  // where most suites wait on sockets and timers. Two there: the whole run 569–658 s → 342 s.
  maxWorkers: Math.max(2, availableParallelism() - 1),
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
