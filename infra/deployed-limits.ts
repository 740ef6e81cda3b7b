/**
 * The limits the stack deploys with, in one place, so that the local runtime cuts off a slow
 * handler, batches records and gives each invocation its deadline exactly as AWS will: a handler
 * that only works because it runs locally with more time or smaller batches fails here first.
 * Plain numbers (no CDK types): `infra/aws` and `infra/local` both read them.
 */
export const DEPLOYED_LIMITS = {
  /** Every HTTP function. Below API Gateway's 30 s integration limit, so the function's own timeout is what a client meets. */
  httpFunctionTimeoutSeconds: 10,
  /** Each queue consumer of the event catalog. */
  consumerTimeoutSeconds: 30,
  /** The stream publisher (table changes → the bus). */
  streamPublisherTimeoutSeconds: 30,
  /** The reminder sweep: under its one-minute schedule, so sweeps do not pile up. */
  sweepTimeoutSeconds: 50,
  /** The SES bounce and complaint recorder. */
  emailFeedbackTimeoutSeconds: 10,
  /** Records per consumer invocation (the SQS event source). */
  consumerBatchSize: 5,
  /** Records per stream publisher invocation (the DynamoDB stream event source). */
  streamBatchSize: 25,
  /** A consumer queue's visibility timeout: six times the consumer's timeout, as Lambda advises. */
  consumerVisibilityTimeoutSeconds: 180,
} as const;
