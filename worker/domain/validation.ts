/**
 * Field issues from zod: the dotted path of each field, the rule it
 * breaks, a message naming both. Used by request validation and by the
 * services that check an edit merged with the stored value.
 */
import type { ZodError } from 'zod';
import { type FieldIssue, type InputPlace, ValidationError } from './errors';

/** Field issues from a zod error: the dotted path of the field, the rule, a message naming both. */
export function zodIssues(error: ZodError): FieldIssue[] {
  return issuesOf(error.issues);
}

type Issue = ZodError['issues'][number];

/**
 * A value that matches no branch of a union (`network=a` or a list of
 * them) is reported by the branch that got furthest: the one whose
 * complaint is not only "wrong type" at the value itself.
 */
function unionBranch(issue: Issue & { code: 'invalid_union' }): Issue[] | null {
  const branches = (issue as { errors?: Issue[][] }).errors ?? [];
  const informative = branches.find((branch) => branch.some((i) => i.code !== 'invalid_type' || i.path.length > 0)) ?? branches[0];
  return informative ? informative.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue) : null;
}

function issuesOf(issues: Issue[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'invalid_union') {
      const branch = unionBranch(issue);
      if (branch) return issuesOf(branch);
    }
    const path = issue.path.reduce<string>((p, part) => (typeof part === 'number' ? `${p}[${part}]` : p ? `${p}.${String(part)}` : String(part)), '');
    if (issue.code === 'unrecognized_keys') {
      // Name each unknown field itself, so that a typo is easy to find.
      return issue.keys.map((key) => {
        const field = path ? `${path}.${key}` : key;
        return { field, rule: 'unknown-field', message: `\`${field}\` is not a known field` };
      });
    }
    const field = path || 'body';
    const params = 'params' in issue ? (issue.params as { rule?: string; values?: FieldIssue['values'] } | undefined) : undefined;
    const message = issue.message.startsWith('`') ? issue.message : `\`${field}\` ${describe(issue)}`;
    const values = params?.values ?? limitsOf(issue);
    return [{ field, rule: params?.rule ?? issue.code.replaceAll('_', '-'), message, ...(values ? { values } : {}) }];
  });
}

/** The limit of a too-big or too-small value (a length, a count, a number), named for the client's own text. */
function limitsOf(issue: Issue): FieldIssue['values'] | undefined {
  if (issue.code === 'too_big') return { max: Number(issue.maximum) };
  if (issue.code === 'too_small') return { min: Number(issue.minimum) };
  return undefined;
}

function describe(issue: ZodError['issues'][number]): string {
  if (issue.code === 'invalid_type') return /received undefined/.test(issue.message) ? 'is required' : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/** A value checked against a schema, or a 422 naming every broken field (for edits merged in the worker). */
export function parseOrThrow<T>(schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false; error: ZodError } }, value: unknown, place: InputPlace = 'body'): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodIssues(result.error), place);
  return result.data;
}

