import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { jsonDepthOver } from '../../ingest/http-body.ts';

/**
 * Numbers and sizes bounded at the edge (issue #20), for every route registered after this.
 *
 * Query numbers: the validator coerces "1e309" and "Infinity" to Infinity, and Infinity passed
 * `maximum` (ajv with coerceTypes), so `limit=1e309` reached ClickHouse and came back as a 503.
 * Before validation, every query value the route's schema types as a number must be written
 * as a plain decimal of at most 15 significant digits (finite and exact by construction) and
 * lie within the schema's minimum/maximum; otherwise 400 naming the field.
 *
 * JSON bodies: parsed here instead of by fastify's parser, refusing bodies nested deeper than
 * MAX_BODY_DEPTH (100,000 levels gave a 503 "Maximum call stack size exceeded" from code that
 * walks the value), numbers that parse to ±Infinity, and `__proto__` keys.
 */
export const MAX_BODY_DEPTH = 64;

const INTEGER = /^-?(0|[1-9]\d{0,14})$/;
const DECIMAL = /^-?(0|[1-9]\d{0,14})(\.\d{1,15})?$/;

interface NumberSchema {
  type?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export class InputError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Bad Request';
  }
}

async function boundedInput(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    const props = querystringProperties(req);
    if (!props) return;
    const query = req.query as Record<string, unknown>;
    for (const [field, schema] of Object.entries(props)) {
      const raw = query[field];
      if (raw === undefined) continue;
      const numeric = schema.type === 'integer' || schema.type === 'number';
      if (!numeric) continue;
      for (const v of Array.isArray(raw) ? raw : [raw]) {
        const text = String(v);
        const problem = numberProblem(text, schema);
        if (problem) throw new InputError(`querystring/${field} ${problem}`, field);
      }
    }
  });

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    if (jsonDepthOver(text, MAX_BODY_DEPTH)) return done(new InputError(`body is nested deeper than ${MAX_BODY_DEPTH} levels`));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return done(new InputError(`body is not valid JSON: ${(err as Error).message}`));
    }
    const problem = bodyProblem(value);
    return problem ? done(new InputError(problem.message, problem.field)) : done(null, value);
  });
}

function querystringProperties(req: FastifyRequest): Record<string, NumberSchema> | undefined {
  const schema = req.routeOptions.schema?.querystring as { properties?: Record<string, NumberSchema> } | undefined;
  return schema?.properties;
}

function numberProblem(text: string, s: NumberSchema): string | undefined {
  const pattern = s.type === 'integer' ? INTEGER : DECIMAL;
  const range = rangeText(s);
  if (!pattern.test(text)) return `must be a plain ${s.type === 'integer' ? 'integer' : 'decimal number'}${range}, got "${text.slice(0, 40)}"`;
  const n = Number(text);
  if ((s.minimum !== undefined && n < s.minimum) || (s.maximum !== undefined && n > s.maximum)) return `must be${range || ' in range'}, got ${text}`;
  if ((s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) || (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum)) return `is out of range, got ${text}`;
  return undefined;
}

function rangeText(s: NumberSchema): string {
  if (s.minimum !== undefined && s.maximum !== undefined) return ` between ${s.minimum} and ${s.maximum}`;
  if (s.minimum !== undefined) return ` ≥ ${s.minimum}`;
  if (s.maximum !== undefined) return ` ≤ ${s.maximum}`;
  return '';
}

/** A non-finite number or a __proto__ key anywhere in a parsed body (iterative: depth is bounded anyway). */
function bodyProblem(value: unknown): { message: string; field?: string } | undefined {
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { message: `body${path || ''}: number out of range`, field: path.replace(/^\//, '').replaceAll('/', '.') };
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ v: x, path: `${path}/${i}` }));
    } else if (typeof v === 'object' && v !== null) {
      for (const k of Object.keys(v)) {
        if (k === '__proto__') return { message: `body${path}: "__proto__" is not allowed as a key` };
        stack.push({ v: (v as Record<string, unknown>)[k], path: `${path}/${k}` });
      }
    }
  }
  return undefined;
}

/** Registered with skip-override, like the auth plugin: it must cover every route. */
export const boundedInputPlugin: FastifyPluginAsync = Object.assign(boundedInput, { [Symbol.for('skip-override')]: true });
