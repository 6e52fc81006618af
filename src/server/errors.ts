/**
 * The one place where server errors become HTTP responses: `{ error: { code, message } }` with a
 * Chinese message, optional `details` (JSON paths) and extra top-level fields (e.g. `current` on 409).
 * Never a stack trace: unexpected errors are logged and answered with a generic 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { formatPath } from '../core/errors/input-error.ts';

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
}

/** An expected failure with a stable code (thrown inside handlers, answered by the error handler). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: readonly ErrorDetail[],
    /** Extra top-level fields of the response body. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, details?: readonly ErrorDetail[]) =>
  new HttpError(400, 'bad-request', message, details);
export const unauthorized = () => new HttpError(401, 'unauthorized', '请先登录');
export const forbidden = (message = '无权执行此操作') => new HttpError(403, 'forbidden', message);
export const notFound = (message = '未找到') => new HttpError(404, 'not-found', message);

/** zod issues → details with JSON paths (prefixed, e.g. "body.version"). */
export function zodDetails(err: ZodError, prefix = ''): ErrorDetail[] {
  return err.issues.map((i) => {
    const p = formatPath(i.path);
    return {
      path: prefix && p ? `${prefix}${p.startsWith('[') ? '' : '.'}${p}` : prefix || p,
      message: i.message,
      code: i.code,
    };
  });
}

const STATUS_CODES: Record<number, { code: string; message: string }> = {
  400: { code: 'bad-request', message: '请求格式错误' },
  401: { code: 'unauthorized', message: '请先登录' },
  403: { code: 'forbidden', message: '无权执行此操作' },
  404: { code: 'not-found', message: '未找到' },
  405: { code: 'method-not-allowed', message: '不支持的请求方法' },
  406: { code: 'not-acceptable', message: '不支持的响应格式' },
  413: { code: 'too-large', message: '请求内容过大' },
  415: { code: 'unsupported-media-type', message: '不支持的内容类型' },
  429: { code: 'rate-limited', message: '请求过于频繁，请稍后再试' },
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError | ZodError | Error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
        ...error.extra,
      });
    }
    if (error instanceof ZodError) {
      return reply.code(400).send({
        error: { code: 'bad-request', message: '请求参数错误', details: zodDetails(error) },
      });
    }
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const known = STATUS_CODES[status] ?? { code: 'bad-request', message: '请求错误' };
      const fcode = (error as FastifyError).code ?? '';
      // Bad JSON gets its own code and the parser's short reason (no stack, no internals).
      if (status === 400 && (fcode.startsWith('FST_ERR_CTP') || error instanceof SyntaxError)) {
        const empty = fcode === 'FST_ERR_CTP_EMPTY_JSON_BODY';
        return reply.code(400).send({
          error: {
            code: empty ? 'empty-body' : 'bad-json',
            message: empty ? '请求体为空' : `JSON 格式错误：${error.message}`,
          },
        });
      }
      if (status === 429) return reply.code(429).send({ error: known });
      return reply.code(status).send({ error: { code: known.code, message: known.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误' } });
  });
}

/** JSON 404 for an unknown route. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({
    error: {
      code: 'not-found',
      message: `未找到：${request.method} ${request.url.split('?')[0]}`,
    },
  });
}
