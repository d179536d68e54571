import { describe, expect, it } from 'vitest';
import { AppError, hasCode } from './app-error';

class FooError extends AppError<'ERR_FOO'> {}
class BarError extends AppError<'ERR_BAR'> {}

describe('AppError across module copies', () => {
  it('recognizes an AppError made by another copy of this module (another bundle in the same process)', () => {
    // What another bundle's AppError constructor leaves on its instances: the global brand.
    const foreign = Object.defineProperty(Object.assign(new Error('from the CLI bundle'), { code: 'ERR_VERIFY_KEY_FILE', status: 400, expose: true }), Symbol.for('signet.app-error'), { value: true });
    expect(foreign instanceof AppError).toBe(true);
    expect(hasCode(foreign, 'ERR_VERIFY_KEY_FILE')).toBe(true);
    expect(new Error('plain') instanceof AppError).toBe(false);
    expect((null as unknown as object) instanceof AppError).toBe(false);
  });

  it('keeps the usual check for subclasses', () => {
    const foo = new FooError('ERR_FOO', 'x', { status: 400 });
    expect(foo instanceof AppError).toBe(true);
    expect(foo instanceof FooError).toBe(true);
    expect(foo instanceof BarError).toBe(false);
    expect(new AppError('ERR_X', 'x') instanceof FooError).toBe(false);
  });
});
