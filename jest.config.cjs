// One jest project per kind of test, so each kind runs alone: `npx jest --selectProjects unit`.
const transform = {
  '^.+\\.[tj]s$': ['ts-jest', {
    // Type checking is `npm run typecheck`; with isolatedModules ts-jest only transpiles, to CommonJS.
    tsconfig: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', isolatedModules: true, allowJs: true, esModuleInterop: true, target: 'ES2022' },
  }],
};
const common = {
  testEnvironment: 'node',
  transform,
  // middy and jose are ESM-only: let ts-jest turn them into CommonJS with the rest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleNameMapper: { '^@middy/([^/]+)$': '<rootDir>/node_modules/@middy/$1/index.js' },
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common, displayName: 'integration', setupFilesAfterEnv: ['<rootDir>/test/integration/timeouts.ts'], testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    {
      ...common, displayName: 'e2e', setupFilesAfterEnv: ['<rootDir>/test/e2e/timeouts.ts'], testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
    },
    {
      ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/e2e/timeouts.ts'],
    },
  ],
};
