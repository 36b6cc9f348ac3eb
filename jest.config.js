/** Jest runs TypeScript through ts-jest; `npm test` (scripts/test.ts) provisions the servers first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 120000,
  maxWorkers: 2,
  verbose: true,
  // Where jest keeps it by default, not in the run's own temporary folder, which goes with it
  // (scripts/jest-run.ts).
  ...(process.env.GOVSHARE_JEST_CACHE ? { cacheDirectory: process.env.GOVSHARE_JEST_CACHE } : {}),
};
