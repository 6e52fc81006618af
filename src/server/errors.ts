/**
 * The one place where server errors become HTTP responses: `{ error: { code, message } }` with a
 * Chinese message, optional `details` (JSON paths) and extra top-level fields (e.g. `current` on
 * 409).
 * Never a stack trace: unexpected errors are logged and answered with a generic 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { formatPath, InputErrors, type InputError } from '../core/errors/input-error.ts';
import { CorruptStoredDossier } from './stored-dossier.ts';

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
  /** Source position (YAML/JSON uploads), 1-based. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * An expected failure with a stable code (thrown inside handlers, answered by the error handler).
 */
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

/** A 429 or 503 that tells the client when to come back (Retry-After, seconds). */
export class RetryLater extends HttpError {
  constructor(
    statusCode: 429 | 503,
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(statusCode, code, message);
    this.name = 'RetryLater';
  }
}

/** Stable codes of a 422 that carries input errors (core InputError data). */
export type RejectedInputCode = 'invalid-dossier' | 'unsupported-file' | 'invalid-input';

/**
 * Input errors rejected by a route: answered by the error handler as a 422 with `code`, `message`
 * and one detail per input error. Routes throw this (or let core's InputErrors through, which
 * becomes `invalid-input`); only this file decides the status and the body.
 */
export class RejectedInput extends Error {
  constructor(
    readonly code: RejectedInputCode,
    message: string,
    readonly errors: readonly InputError[],
  ) {
    super(message);
    this.name = 'RejectedInput';
  }
}

/** "文件有 2 处错误：<first message>" — the summary of a rejected document. */
export function countedErrorsMessage(noun: string, errors: readonly InputError[]): string {
  return `${noun}有 ${errors.length} 处错误：${errors[0]?.message ?? ''}`;
}

/** All messages joined with "；" — the summary of a file the importer could not read. */
export const joinedErrorsMessage = (errors: readonly InputError[]): string =>
  errors.map((e) => e.message).join('；');

/**
 * For `.catch(...)`: core's InputErrors become a RejectedInput with `code` (message: all errors
 * joined); anything else is rethrown unchanged.
 */
export const rejectInputAs =
  (code: RejectedInputCode) =>
  (err: unknown): never => {
    if (err instanceof InputErrors)
      throw new RejectedInput(code, joinedErrorsMessage(err.errors), err.errors);
    throw err;
  };

function inputErrorDetails(errors: readonly InputError[]): ErrorDetail[] {
  return errors.map((e) => ({
    path: e.where.path ?? '',
    message: e.message,
    code: e.code,
    ...(e.where.line ? { line: e.where.line, column: e.where.column } : {}),
  }));
}

function sendRejectedInput(
  reply: FastifyReply,
  code: string,
  message: string,
  errors: readonly InputError[],
) {
  return reply.code(422).send({ error: { code, message, details: inputErrorDetails(errors) } });
}
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

/** Names the dossier and version, so an administrator can find the row; no internals. */
const corruptDossierMessage = (e: CorruptStoredDossier) =>
  `档案 ${e.dossierId}（版本 ${e.version}）的存储数据已损坏，无法读取，请联系管理员`;

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError | ZodError | Error, request, reply) => {
    if (error instanceof RejectedInput)
      return sendRejectedInput(reply, error.code, error.message, error.errors);
    if (error instanceof InputErrors)
      return sendRejectedInput(
        reply,
        'invalid-input',
        joinedErrorsMessage(error.errors),
        error.errors,
      );
    if (error instanceof HttpError) {
      if (error instanceof RetryLater) reply.header('retry-after', String(error.retryAfterSeconds));
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
    if (error instanceof CorruptStoredDossier) {
      request.log.error(
        { err: error, dossierId: error.dossierId, version: error.version },
        'corrupt stored dossier',
      );
      return reply.code(500).send({
        error: { code: 'corrupt-dossier', message: corruptDossierMessage(error) },
      });
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
