import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../mail/ses-mailer';
import { provide } from './dependencies';

/** Sending mail (SES v2, MIME built by nodemailer): imported only by the functions that send it. */
provide({
  mailer: ({ config }) =>
    new SesMailer(new SESv2Client({ region: config.region, ...(config.sesEndpoint ? { endpoint: config.sesEndpoint } : {}) }), config.sesConfigurationSet),
});
