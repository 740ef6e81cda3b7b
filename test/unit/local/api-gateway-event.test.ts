import { buildHttpApiEvent, toHttpReply } from '../../../infra/local/api-gateway-event';

test('builds a payload 2.0 event as API Gateway does', () => {
  const event = buildHttpApiEvent(
    {
      method: 'POST',
      url: '/v1/bookings/abc/cancel?token=t1&x=1&x=2',
      headers: { 'Content-Type': 'application/json', cookie: 'a=1; b=2', 'x-multi': ['p', 'q'] } as never,
      body: Buffer.from('{"reason":"r"}'),
      sourceIp: '127.0.0.1',
    },
    { routeKey: 'POST /v1/bookings/{bookingId}/cancel', pathParameters: { bookingId: 'abc' } },
  );
  expect(event).toMatchObject({
    version: '2.0',
    routeKey: 'POST /v1/bookings/{bookingId}/cancel',
    rawPath: '/v1/bookings/abc/cancel',
    rawQueryString: 'token=t1&x=1&x=2',
    cookies: ['a=1', 'b=2'],
    queryStringParameters: { token: 't1', x: '1,2' },
    pathParameters: { bookingId: 'abc' },
    body: '{"reason":"r"}',
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/v1/bookings/abc/cancel', sourceIp: '127.0.0.1' }, stage: '$default' },
  });
  expect(event.headers).toEqual({ 'content-type': 'application/json', 'x-multi': 'p,q', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', 'x-forwarded-port': '80' });
  expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
});

test('binary bodies arrive base64-encoded', () => {
  const event = buildHttpApiEvent(
    { method: 'POST', url: '/x', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2]), sourceIp: '::1' },
    { routeKey: 'POST /x' },
  );
  expect(event.isBase64Encoded).toBe(true);
  expect(Buffer.from(event.body!, 'base64')).toEqual(Buffer.from([0, 1, 2]));
});

test('maps structured and plain results as API Gateway does', () => {
  expect(toHttpReply({ statusCode: 201, headers: { 'Content-Type': 'text/plain' }, body: 'hi' })).toEqual({
    statusCode: 201, headers: { 'content-type': 'text/plain' }, body: Buffer.from('hi'),
  });
  expect(toHttpReply({ statusCode: 200, body: Buffer.from('bin').toString('base64'), isBase64Encoded: true }).body.toString()).toBe('bin');
  const plain = toHttpReply({ hello: 'world' } as never);
  expect(plain.statusCode).toBe(200);
  expect(JSON.parse(plain.body.toString())).toEqual({ hello: 'world' });
});
