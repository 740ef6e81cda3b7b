import { busyReaders } from '../calendars/readers';
import { NO_SECRET_BOX, type SecretBox } from '../calendars/secret-box';
import { CalendarRepository } from '../store/calendar-repository';
import { provide } from './dependencies';

/**
 * The therapist's other calendars (issue 15): their repository, the reader of each kind, and the
 * box their passwords are sealed in (KMS in AWS, the local key locally). Imported by the functions
 * that add, sync or write to them, so no other bundle carries the readers or the signer.
 */
provide({
  calendars: (d) => new CalendarRepository(d.db, d.config.tableName),
  readers: ({ config }) => busyReaders({ allowLoopbackHttp: config.calendarAllowLoopbackHttp }),
  secretBox: ({ config }): SecretBox => {
    const { calendarKmsKeyId, calendarSecretKey, region } = config;
    let box: Promise<SecretBox> | undefined;
    // Loaded on first use: most requests of the therapist area never seal or open a password.
    const load = () =>
      (box ??= calendarKmsKeyId
        ? import('../calendars/kms-secret-box').then(({ kmsSecretBox }) => kmsSecretBox({ keyId: calendarKmsKeyId, region }))
        : calendarSecretKey
          ? import('../calendars/local-secret-box').then(({ localSecretBox }) => localSecretBox(calendarSecretKey))
          : Promise.resolve(NO_SECRET_BOX));
    return {
      seal: async (plaintext, context) => (await load()).seal(plaintext, context),
      open: async (ciphertext, context) => (await load()).open(ciphertext, context),
    };
  },
});
