import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import ts from 'typescript';
import { synthesize } from './synth';

const synthesized = synthesize();

test('cdk-nag AwsSolutions finds nothing unacknowledged in the stack', () => {
  const { assembly } = synthesized;
  const reports = readdirSync(assembly.directory).filter((f) => /validation-report\.json$/.test(f));
  for (const report of reports) {
    const json = JSON.parse(readFileSync(path.join(assembly.directory, report), 'utf8')) as { pluginReports?: { violations?: unknown[] }[] };
    expect((json.pluginReports ?? []).flatMap((r) => r.violations ?? [])).toEqual([]);
  }
});

/** Why a reason is no reason: empty, short, a placeholder. Undefined when it reads as one. */
function reasonProblem(reason: unknown): string | undefined {
  if (typeof reason !== 'string') return 'not a string';
  const text = reason.trim();
  if (/\b(todo|tbd|fixme|xxx|placeholder|lorem ipsum)\b|^(n\/?a|none|reason|ok|fine|see above|accepted|ignore)\W*$/i.test(text)) return 'a placeholder';
  if (text.length < 30 || text.split(/\s+/).length < 5) return 'too short to explain anything';
  return undefined;
}

test('the reason check refuses empty, short and placeholder reasons', () => {
  for (const bad of ['', '   ', 'n/a', 'Reason', 'TODO', 'TODO: explain why this is acceptable here, later', 'x'.repeat(40), 'Accepted.', 'fine']) {
    expect({ bad, problem: reasonProblem(bad) }).toEqual({ bad, problem: expect.any(String) });
  }
  expect(reasonProblem('The basic execution role only lets the function write its own logs.')).toBeUndefined();
});

test('every acknowledgement the stack makes carries a written reason, read in full', () => {
  // What synthesis recorded, whatever the source looks like: multi-line calls, reasons chosen by
  // a condition, reasons built in loops.
  const { stack } = synthesized;
  const acknowledged = [stack.node.root, ...stack.node.root.node.findAll()].flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>).map(([rule, reason]) => ({ at: construct.node.path, rule, reason }))),
  );
  expect(acknowledged.length).toBeGreaterThan(10);
  expect(acknowledged.map(({ rule }) => rule)).toEqual(expect.arrayContaining([expect.stringContaining('AwsSolutions-APIG4')]));
  const unreasoned = acknowledged.filter(({ reason }) => reasonProblem(reason) !== undefined).map((a) => ({ ...a, problem: reasonProblem(a.reason) }));
  expect(unreasoned).toEqual([]);
});

test('every acknowledgement in the source is written at its call, in full', () => {
  // The same, for branches this configuration does not take: read each `ack(...)` call's reason
  // argument with the TypeScript parser, across lines, both arms of a condition, concatenations.
  const file = 'infra/aws/nag-acknowledgements.ts';
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const reasons: { line: number; reason: string | undefined }[] = [];
  const texts = (node: ts.Expression): (string | undefined)[] => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
    if (ts.isParenthesizedExpression(node)) return texts(node.expression);
    if (ts.isConditionalExpression(node)) return [...texts(node.whenTrue), ...texts(node.whenFalse)];
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const [left, right] = [texts(node.left), texts(node.right)];
      return left.length === 1 && right.length === 1 && left[0] !== undefined && right[0] !== undefined ? [left[0] + right[0]] : [undefined];
    }
    return [undefined]; // computed elsewhere: cannot be read here, so it does not pass
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'ack') {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const argument = node.arguments[2];
      for (const reason of argument ? texts(argument) : [undefined]) reasons.push({ line, reason });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  expect(reasons.length).toBeGreaterThan(10);
  expect(reasons.filter(({ reason }) => reasonProblem(reason) !== undefined)).toEqual([]);
});

test('the check is live: an unacknowledged finding fails synthesis', () => {
  const app = new App({ outdir: path.join(require('node:os').tmpdir(), `nag-live-${Date.now()}`) });
  const stack = new Stack(app, 'Careless');
  new Queue(stack, 'NoDeadLetterNoSsl');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(() => app.synth()).toThrow();
  expect(existsSync(app.outdir)).toBe(true);
});
