import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnApiMapping, DomainName, HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AREAS } from '../../../shared/http/areas';
import { areaHandlerOf, ROUTES } from '../../routes';
import { apiCors } from '../api-cors';
import type { DeployConfig } from '../deploy-config';
import { areaNeeds, HTTP_FUNCTION_NEEDS } from '../function-needs';
import { acknowledgePublicRoute } from '../nag-acknowledgements';
import type { Alarms } from './alarms';
import type { FunctionFactory } from './function-factory';
import type { SignIn } from './sign-in';
import { keepLogicalId } from './stable-logical-id';

export interface BookingApiProps {
  config: Pick<DeployConfig, 'practiceName' | 'customDomain' | 'throttle' | 'allowedOrigins'>;
  logRetention: RetentionDays;
  functions: FunctionFactory;
  signIn: SignIn;
  alarms: Alarms;
  /** Origins the console is served from: allowed by the API's CORS beside the practice's sites. */
  consoleOrigins: string[];
}

/**
 * The HTTP API, from the route table: one function per area serves the area's routes (decision
 * 34), signed-in routes behind the user pool's JWT authorizer, throttled, access-logged.
 */
export class BookingApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: BookingApiProps) {
    super(scope, id);
    const { config } = props;
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    keepLogicalId(accessLogs, 'ApiAccessLogsE9DF007D');
    // The API keeps its logical id: a new one would be a new URL, in every practice's embed code.
    const api = new HttpApi(this, 'Api', { description: `${config.practiceName} booking API`, createDefaultStage: false, corsPreflight: apiCors(config, props.consoleOrigins) });
    keepLogicalId(api, 'ApiF70053CD');
    const domainName = config.customDomain
      ? new DomainName(this, 'ApiDomain', {
          domainName: config.customDomain.domainName,
          certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', config.customDomain.certificateArn),
        })
      : undefined;
    if (domainName) keepLogicalId(domainName, 'ApiDomain2D27DFFC');
    const stage = api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      ...(domainName ? { domainMapping: { domainName } } : {}),
      throttle: { rateLimit: config.throttle.rateLimit, burstLimit: config.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Request ids, route, status and timing: no query string (manage tokens), no headers, no IP.
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status', latency: '$context.responseLatency',
          integrationError: '$context.integrationErrorMessage', time: '$context.requestTimeEpoch',
        })),
      },
    });
    keepLogicalId(stage, 'ApiDefaultStage189A7074');
    // A domain's mapping has a fixed name too: a replacement would collide with the old one.
    const mapping = stage.node.findAll().find((c) => c instanceof CfnApiMapping);
    if (mapping) keepLogicalId(mapping, 'ApiDefaultStagePracticeBookingApiDomainundefined18EC1BDA');
    // The console sends the ID token: its `aud` is the console client's id, which the authorizer requires.
    const authorizer = new HttpUserPoolAuthorizer('TherapistSignIn', props.signIn.userPool, { userPoolClients: [props.signIn.consoleClient] });

    const integrations = new Map(AREAS.map((area) => {
      const fnId = `Http${area[0]!.toUpperCase()}${area.slice(1)}`;
      const fn = props.functions.make(this, fnId, areaHandlerOf(area), areaNeeds(area));
      // One invoke permission per area function, for this API, rather than one per route: a
      // route then costs one resource, and the function's resource policy (20 KB at most) does
      // not grow with the routes. Which routes reach the function is still the integration's say.
      return [area, new HttpLambdaIntegration(`${fnId}Integration`, fn, { scopePermissionToRoute: false })] as const;
    }));
    for (const route of ROUTES) {
      const [httpRoute] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method as keyof typeof HttpMethod]],
        integration: integrations.get(route.area)!,
        ...(route.auth === 'jwt' ? { authorizer } : {}),
      });
      if (route.auth === 'none') acknowledgePublicRoute(httpRoute!, HTTP_FUNCTION_NEEDS[route.operationId].manageTokenSecret === true);
    }
    props.alarms.watch(this, 'Api5xx', api.metricServerError({ period: Duration.minutes(5) }));
    this.api = api;
  }
}
