import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured JSON logger. Log ids and outcomes only: never names, emails, phone numbers,
 * notes or request bodies (these clients are in sex therapy; a leaked detail is harm).
 */
// Level: POWERTOOLS_LOG_LEVEL (default INFO).
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'booking',
});
