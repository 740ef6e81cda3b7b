import { loadConfig } from '../../../shared/config/config';

const base = { TABLE_NAME: 't' };

test('in AWS the allowed origins come from the deployed settings, where the stack puts them once', () => {
  const config = loadConfig({ ...base, PRACTICE_SETTINGS_DEFAULTS: JSON.stringify({ allowedOrigins: ['https://www.practice.example', 'https://practice.example'] }) });
  expect(config.allowedOrigins).toEqual(['https://www.practice.example', 'https://practice.example']);
});

test('ALLOWED_ORIGINS, where set (the local runtime), is used as it is', () => {
  const config = loadConfig({ ...base, ALLOWED_ORIGINS: 'http://127.0.0.1:3000, http://localhost:3000', PRACTICE_SETTINGS_DEFAULTS: JSON.stringify({ allowedOrigins: ['https://x.example'] }) });
  expect(config.allowedOrigins).toEqual(['http://127.0.0.1:3000', 'http://localhost:3000']);
});

test('no origins, or unreadable settings, allow no origin (and do not stop the function)', () => {
  expect(loadConfig(base).allowedOrigins).toEqual([]);
  expect(loadConfig({ ...base, PRACTICE_SETTINGS_DEFAULTS: '{not json' }).allowedOrigins).toEqual([]);
  expect(loadConfig({ ...base, PRACTICE_SETTINGS_DEFAULTS: JSON.stringify({ allowedOrigins: 'https://x.example' }) }).allowedOrigins).toEqual([]);
});
