/** zod on every route: parse params, query and bodies; failures become 400 with JSON paths. */
import type { z } from 'zod';
import { HttpError, zodDetails } from './errors.ts';

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const details = zodDetails(r.error, where);
    throw new HttpError(
      400,
      'bad-request',
      `请求参数错误：${details.map((d) => d.path).join('、')}`,
      details,
    );
  }
  return r.data;
}
