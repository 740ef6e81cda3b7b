import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { EVENT_CATALOG, STREAM_PUBLISHER } from '../../events/catalog';
import { DEPLOYED_LIMITS } from '../../infra/deployed-limits';
import { AREAS } from '../../shared/http/areas';
import { camel, exampleConfig, stackLookups, synthesize, type Resource } from './synth';

/*
 * What a browser and the platform meet once the stack is deployed: CORS on the API's own answers
 * (decision 37), the widget script's caching (decision 38), and the timeouts and batch sizes the
 * local runtime copies (test/unit/local/deployed-limits.test.ts checks the local side).
 */
let template: Template;
let stack: Stack;
beforeAll(() => {
  ({ template, stack } = synthesize());
});

const { resources, functionLogicalId } = stackLookups(() => ({ template, stack }));
/** A booking function's logical id and resource, by its construct id (wherever it sits in the tree). */
const fn = (id: string): [string, Resource] => {
  const logicalId = functionLogicalId(id);
  expect([id, logicalId]).toEqual([id, expect.any(String)]);
  return [logicalId!, template.findResources('AWS::Lambda::Function')[logicalId!] as Resource];
};

describe('CORS on the HTTP API itself', () => {
  /** The console's origin, the widget distribution's domain: allowed beside the practice's sites (decision 48). */
  const consoleOrigin = (t: Template) => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Object.keys(t.findResources('AWS::CloudFront::Distribution'))[0], 'DomainName'] }]] });

  test("API Gateway's own errors carry CORS headers for the deployed origins", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [...exampleConfig().allowedOrigins, consoleOrigin(template)],
        AllowHeaders: Match.arrayWith(['authorization', 'content-type', 'idempotency-key']),
        AllowMethods: Match.arrayWith(['GET', 'POST', 'PUT', 'DELETE']),
        ExposeHeaders: ['retry-after'],
        AllowCredentials: false,
        MaxAge: Match.anyValue(),
      },
    });
  });

  test('every deployed origin and the console\'s, and only those (no wildcard)', () => {
    const config = { ...exampleConfig(), allowedOrigins: ['https://www.harbor-light.example', 'https://book.harbor-light.example'] };
    const { template: two } = synthesize(config);
    const [api] = Object.values(two.findResources('AWS::ApiGatewayV2::Api')) as Resource[];
    expect(api!.Properties.CorsConfiguration.AllowOrigins).toEqual([...config.allowedOrigins, consoleOrigin(two)]);
  });
});

describe('the widget script', () => {
  test('is served with a short max-age and stale-while-revalidate, at the URL embed snippets name', () => {
    const [deployment] = resources('Custom::CDKBucketDeployment');
    const cacheControl: string = deployment![1].Properties.SystemMetadata?.['cache-control'] ?? '';
    const maxAge = Number(/(?:^|,\s*)max-age=(\d+)/.exec(cacheControl)?.[1]);
    const swr = Number(/stale-while-revalidate=(\d+)/.exec(cacheControl)?.[1]);
    expect(cacheControl).toMatch(/^public,/);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(300);
    expect(swr).toBeGreaterThanOrEqual(3600);
    expect(deployment![1].Properties.DistributionPaths).toEqual(['/booking-widget.js']);
    template.hasOutput('WidgetScriptUrl', { Value: { 'Fn::Join': ['', ['https://', Match.anyValue(), '/booking-widget.js']] } });
  });
});

describe('timeouts and batch sizes come from infra/deployed-limits', () => {
  test('every HTTP function times out at the HTTP limit, below API Gateway’s 30 s', () => {
    expect(DEPLOYED_LIMITS.httpFunctionTimeoutSeconds).toBeLessThan(30);
    for (const area of AREAS) {
      const [id, f] = fn(`Http${camel(area)}`);
      expect([id, f.Properties.Timeout]).toEqual([id, DEPLOYED_LIMITS.httpFunctionTimeoutSeconds]);
    }
  });

  test('consumers: their timeout, their queue’s visibility timeout (six times it) and the SQS batch size', () => {
    expect(DEPLOYED_LIMITS.consumerVisibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * DEPLOYED_LIMITS.consumerTimeoutSeconds);
    for (const consumer of EVENT_CATALOG) {
      const [id, f] = fn(camel(consumer.name));
      expect([id, f.Properties.Timeout]).toEqual([id, DEPLOYED_LIMITS.consumerTimeoutSeconds]);
      const [mapping] = resources('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === id);
      expect([id, mapping![1].Properties.BatchSize]).toEqual([id, DEPLOYED_LIMITS.consumerBatchSize]);
      const queueId = mapping![1].Properties.EventSourceArn['Fn::GetAtt'][0];
      const queue = template.findResources('AWS::SQS::Queue')[queueId] as Resource;
      expect([id, queue.Properties.VisibilityTimeout]).toEqual([id, DEPLOYED_LIMITS.consumerVisibilityTimeoutSeconds]);
    }
  });

  test('the stream publisher, the sweep and the feedback recorder', () => {
    const [publisherId, publisher] = fn(camel(STREAM_PUBLISHER.name));
    expect(publisher.Properties.Timeout).toBe(DEPLOYED_LIMITS.streamPublisherTimeoutSeconds);
    const [mapping] = resources('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === publisherId);
    expect(mapping![1].Properties.BatchSize).toBe(DEPLOYED_LIMITS.streamBatchSize);
    expect(fn('SweepReminders')[1].Properties.Timeout).toBe(DEPLOYED_LIMITS.sweepTimeoutSeconds);
    expect(fn('RecordEmailFeedback')[1].Properties.Timeout).toBe(DEPLOYED_LIMITS.emailFeedbackTimeoutSeconds);
  });
});
