import { CognitoError, cognitoUserApiUrl, groupInFours, otpauthUrl } from '../../../widget/src/console/cognito-user-api';

test('the user API of the pool\'s region', () => {
  expect(cognitoUserApiUrl('eu-west-1')).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
});

test('the key in groups of four, spaces the user might have copied ignored', () => {
  expect(groupInFours('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
  expect(groupInFours('ABCDEF')).toBe('ABCD EF');
  expect(groupInFours('ABCD EF')).toBe('ABCD EF');
});

test('the otpauth Key URI: issuer and account encoded (a colon or space cannot split the label), the issuer repeated as a parameter', () => {
  const url = otpauthUrl('Harbor: Light', 'robin+console@harbor-light.example', 'ABCD EFGH');
  expect(url).toBe('otpauth://totp/Harbor%3A%20Light:robin%2Bconsole%40harbor-light.example?secret=ABCDEFGH&issuer=Harbor%3A%20Light&algorithm=SHA1&digits=6&period=30');
});

test('which of Cognito\'s error types mean a refused token, which a wrong code', () => {
  expect(new CognitoError('NotAuthorizedException', '').refused).toBe(true);
  expect(new CognitoError('EnableSoftwareTokenMFAException', '').codeMismatch).toBe(true);
  expect(new CognitoError('CodeMismatchException', '').codeMismatch).toBe(true);
  expect(new CognitoError('InvalidParameterException', '').codeMismatch).toBe(false);
});
