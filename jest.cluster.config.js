/** The cluster tests (`npm run test:cluster`): one file at a time, each with a Temporal cluster of its own. */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.cluster-test.ts'],
  maxWorkers: 1,
  testTimeout: 300000,
};
