import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors';
import { errorResponse } from './error-response';

describe('errorResponse', () => {
  it('maps an AppError thrown by another bundle copy of lib/errors (signet serve runs services from the CLI bundle)', async () => {
    vi.resetModules();
    const foreign = (await import('../errors/app-error')) as { AppError: typeof AppError };
    expect(foreign.AppError).not.toBe(AppError);
    const err = new foreign.AppError('ERR_DLQ_CHANGED', 'the file changed since it was listed', { status: 409 });
    expect(err instanceof AppError).toBe(true); // the brand both copies share
    const res = errorResponse(err, () => undefined);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'ERR_DLQ_CHANGED', message: 'the file changed since it was listed' } });
  });

  it('still hides unknown errors and the message of 5xx AppErrors', async () => {
    const lines: string[] = [];
    const res = errorResponse(new Error('secret detail'), (l) => lines.push(l));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('secret');
    const five = errorResponse(new AppError('ERR_X', 'disk path /x', { status: 503 }), () => undefined);
    expect(await five.json()).toEqual({ error: { code: 'ERR_X', message: 'Internal error' } });
    // A plain object that merely looks like an AppError is not trusted.
    expect(errorResponse({ code: 'ERR_X', status: 400, expose: true, message: 'x' }, () => undefined).status).toBe(500);
  });
});
