import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Who is calling, from the claims the HTTP API's JWT authorizer verified. */
export interface Principal {
  subject: string;
  therapistId?: string;
  admin: boolean;
}

/**
 * The therapist a sign-in acts as: the mutable `custom:linkedTherapistId` (set by the admin API,
 * never by the user), else the immutable `custom:therapistId` that sign-ins made before carry.
 */
export const LINKED_THERAPIST_CLAIM = 'custom:linkedTherapistId';
export const LEGACY_THERAPIST_ID_CLAIM = 'custom:therapistId';
/** The claim the local issuer mints (the same path a sign-in made before the link takes). */
export const THERAPIST_ID_CLAIM = LEGACY_THERAPIST_ID_CLAIM;
export const GROUPS_CLAIM = 'cognito:groups';
export const ADMIN_GROUP = 'admin';

type ClaimsEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } } };
};

/**
 * The verified caller, or undefined when the gateway passed no claims. API Gateway hands every
 * claim over as a string and an array as `[a b c]`; both that and a real array are understood.
 */
export function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  const claims = (event as ClaimsEvent).requestContext.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string' || !claims.sub) return undefined;
  const linked = claims[LINKED_THERAPIST_CLAIM];
  const therapistId = typeof linked === 'string' && linked ? linked : claims[LEGACY_THERAPIST_ID_CLAIM];
  return {
    subject: claims.sub,
    ...(typeof therapistId === 'string' && therapistId ? { therapistId } : {}),
    admin: groupsOf(claims[GROUPS_CLAIM]).includes(ADMIN_GROUP),
  };
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}
