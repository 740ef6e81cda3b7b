import type { $ZodType } from 'zod/v4/core';
import { OPERATIONS } from '../../../shared/http/operations';
import { DeployConfig } from '../../../infra/aws/deploy-config';
import { PracticeSettings } from '../../../shared/domain/practice-settings';

/**
 * Every string a request can carry, found by walking the schemas of every operation, must refuse
 * control characters (decision 31). A new field that forgets the shared refinement fails here.
 */
const MULTI_LINE_FIELDS = new Set(['note', 'reason', 'bio', 'description', 'cancellationPolicy']);
const LINE_BREAKS_AND_TABS = ['\n', '\r', '\t'];
const CONTROLS = ['\u0000', '\u0007', '\u0008', '\u000b', '\u001b', '\u001f', '\u007f', '\u0085', '\u009b', ...LINE_BREAKS_AND_TABS];
/** Values some string field accepts, one per kind of field; each leaf must accept at least one. */
const SAMPLES = [
  'Ana Lima', 'ana@example.com', '+49 30 1234567', 'https://example.com/room', 'ana-1', '2026-12-01', '2026-12-01T10:00:00Z',
  'Europe/Berlin', '10:00', '6a1c3d1e-6f3b-4bde-9a5e-1f2a3b4c5d6e', 'a-feed-token-1234', 'example.com',
  'arn:aws:acm:eu-west-1:123456789012:certificate/abc', 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/practice-api/1a2b3c', '123', 'requested', 'en-GB',
];

/** A schema of either API: the functions' schemas are zod/mini, the deploy config's classic zod; both share zod's core. */
type Schema = $ZodType & { safeParse(value: unknown): { success: boolean } };
interface Leaf { path: string; schema: Schema }

function stringLeaves(schema: Schema, path: string): Leaf[] {
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case 'string':
      return [{ path, schema }];
    case 'object':
      return Object.entries(def.shape as Record<string, Schema>).flatMap(([key, child]) => stringLeaves(child, `${path}.${key}`));
    case 'array':
      return stringLeaves(def.element, `${path}[]`);
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch':
      return stringLeaves(def.innerType, path);
    case 'pipe':
      return stringLeaves(def.in, path);
    case 'union':
      return (def.options as Schema[]).flatMap((option) => stringLeaves(option, path));
    case 'intersection':
      return [...stringLeaves(def.left, path), ...stringLeaves(def.right, path)];
    case 'enum': case 'literal': case 'number': case 'boolean':
      return []; // no free text: nothing but the listed values or no string at all
    default:
      throw new Error(`${path}: a ${def.type} schema; teach this walker what it may contain`);
  }
}

const leaves: Leaf[] = [
  ...Object.values(OPERATIONS).flatMap((op) =>
    (['params', 'query', 'body'] as const).flatMap((part) => (op[part] ? stringLeaves(op[part] as Schema, `${op.id}.${part}`) : [])),
  ),
  ...stringLeaves(PracticeSettings, 'PracticeSettings'),
  // The deploy config seeds the practice settings and names the stack's resources.
  ...stringLeaves(DeployConfig, 'DeployConfig'),
];

test('the walker finds the free-text fields of every kind of request', () => {
  const paths = leaves.map((l) => l.path);
  expect(paths).toEqual(expect.arrayContaining([
    'createBooking.body.clients[].name', 'createBooking.body.clients[].email', 'createBooking.body.clients[].phone', 'createBooking.body.note',
    'cancelBooking.body.reason', 'putSettings.body.practiceName', 'putSettings.body.senderName', 'putSettings.body.allowedOrigins[]',
    'createTimeOff.body.label', 'createSessionType.body.name', 'createSessionType.body.description',
  ]));
  expect(leaves.length).toBeGreaterThan(60);
});

test.each(leaves.map((l) => [l.path, l] as const))('%s refuses control characters', (_path, { path, schema }) => {
  const accepted = SAMPLES.filter((sample) => schema.safeParse(sample).success);
  if (accepted.length === 0) throw new Error(`${path} accepts none of the samples: add one it accepts`);
  const multiLine = MULTI_LINE_FIELDS.has(path.split('.').pop()!.replace('[]', ''));
  for (const sample of accepted) {
    for (const control of CONTROLS) {
      const value = sample.slice(0, 2) + control + sample.slice(2);
      const allowed = multiLine && LINE_BREAKS_AND_TABS.includes(control);
      expect({ path, control: JSON.stringify(control), accepted: schema.safeParse(value).success }).toEqual({ path, control: JSON.stringify(control), accepted: allowed });
    }
  }
});
