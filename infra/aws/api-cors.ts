import { Duration } from 'aws-cdk-lib';
import { CorsHttpMethod, type CorsPreflightOptions } from 'aws-cdk-lib/aws-apigatewayv2';
import { CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS } from '../../shared/http/allowed-origins';
import type { DeployConfig } from './deploy-config';

/**
 * The HTTP API's own CORS configuration, for the origins deployed with the stack. With it, API
 * Gateway answers preflights itself and puts CORS headers on every answer, its own errors included
 * (the JWT authorizer's 401, throttling's 429, a timed-out function's 500), so a browser can read
 * why a call failed. API Gateway then ignores the functions' CORS headers: an origin an admin adds
 * in the practice settings works only after it is added to the deploy config and deployed
 * (decision 37). The console's origins (the distribution's, and those of `signIn.extraCallbackUrls`)
 * are added: an HTTP API's CORS is one configuration for all routes, so they are allowed on every
 * route, which only matters for the therapist and admin routes the console calls (decision 48).
 */
export function apiCors(config: Pick<DeployConfig, 'allowedOrigins'>, consoleOrigins: string[] = []): CorsPreflightOptions {
  return {
    allowOrigins: [...new Set([...config.allowedOrigins, ...consoleOrigins])],
    allowMethods: CORS_ALLOWED_METHODS.split(',').map((m) => CorsHttpMethod[m as keyof typeof CorsHttpMethod]),
    allowHeaders: CORS_ALLOWED_HEADERS.split(','),
    exposeHeaders: ['retry-after'],
    // Browsers cap it (Chromium at 2 h); ten minutes keeps a changed configuration quick to reach them.
    maxAge: Duration.minutes(10),
    allowCredentials: false,
  };
}
