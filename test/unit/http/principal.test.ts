import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { principalOf } from '../../../shared/http/principal';

const withClaims = (claims: Record<string, string>) => ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as APIGatewayProxyEventV2;

describe('which therapist a sign-in acts as (decision 36)', () => {
  test('the mutable link the admin API sets', () => {
    expect(principalOf(withClaims({ sub: 's1', 'custom:linkedTherapistId': 'owner-therapist', 'cognito:groups': '[admin]' }))).toEqual({ subject: 's1', therapistId: 'owner-therapist', admin: true });
  });

  test('a sign-in made before the link existed: its immutable custom:therapistId', () => {
    expect(principalOf(withClaims({ sub: 's2', 'custom:therapistId': 'old-therapist', 'cognito:groups': '[therapists]' }))).toEqual({ subject: 's2', therapistId: 'old-therapist', admin: false });
  });

  test('the link wins over the immutable attribute', () => {
    expect(principalOf(withClaims({ sub: 's3', 'custom:linkedTherapistId': 'new', 'custom:therapistId': 'old' }))?.therapistId).toBe('new');
  });

  test('an admin linked to no therapist is no therapist', () => {
    expect(principalOf(withClaims({ sub: 's4', 'cognito:groups': '[admin]' }))).toEqual({ subject: 's4', admin: true });
  });
});
