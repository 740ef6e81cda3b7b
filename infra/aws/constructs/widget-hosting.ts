import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Distribution, HttpVersion, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy, CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { IOrigin } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, type IBucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/**
 * How long browsers and CloudFront keep the widget script (decision 38). One stable URL, which every
 * practice's embed snippet names: a browser uses its copy for five minutes, and for a day after
 * that it shows the copy it has at once while fetching the new one for the next page (a cheap
 * revalidation: S3 answers 304 to an unchanged ETag). An update reaches every visitor within five
 * minutes plus one page view; a deploy also invalidates CloudFront's copy.
 */
export const WIDGET_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

export interface WidgetHostingProps {
  /** Folder holding the built booking-widget.js. */
  widgetDir: string;
}

/**
 * The widget script on a private bucket behind CloudFront (origin access control, HTTPS only,
 * logged). The console is served from the same bucket and distribution, under `console/`
 * (ConsoleHosting).
 */
export class WidgetHosting extends Construct {
  readonly distribution: Distribution;
  readonly bucket: IBucket;
  /** The bucket as the distribution's origin: other behaviours reuse it (one origin, one access control). */
  readonly origin: IOrigin;

  constructor(scope: Construct, id: string, props: WidgetHostingProps) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED, // CloudFront standard logs need ACLs
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = bucket;
    this.origin = S3BucketOrigin.withOriginAccessControl(bucket);
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Booking widget',
      defaultBehavior: {
        origin: this.origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS_WITH_PREFLIGHT_AND_SECURITY_HEADERS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
    });
    new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.widgetDir)],
      destinationBucket: bucket,
      distribution: this.distribution,
      distributionPaths: ['/booking-widget.js'],
      // Never delete what is not in this source: the console's files share the bucket.
      prune: false,
      cacheControl: [CacheControl.fromString(WIDGET_CACHE_CONTROL)],
      memoryLimit: 256,
    });
  }
}
