import { describe, expect, it } from 'vitest';
import { ExportError } from './export-error';
import { parseRfc3339 } from './parse-rfc3339';

describe('parseRfc3339', () => {
  it.each([
    ['2023-01-01T00:00:00Z', '2023-01-01T00:00:00.000Z'],
    ['2023-01-01T00:00:00+02:00', '2022-12-31T22:00:00.000Z'],
    ['2023-01-01t10:00:00.123456-05:30', '2023-01-01T15:30:00.123Z'],
    ['2024-02-29 23:59:59z', '2024-02-29T23:59:59.000Z'],
  ])('%s', (input, iso) => {
    expect(parseRfc3339(input, '--from').toISOString()).toBe(iso);
  });

  it.each(['2023-01-01', '2023-01-01T00:00:00', '2023-02-29T00:00:00Z', '2023-13-01T00:00:00Z', '2023-01-01T24:00:00Z', '2023-01-01T00:60:00Z', '2023-01-01T00:00:00+24:00', 'yesterday', '1700000000000', ''])(
    'refuses %j naming the flag',
    (input) => {
      let err: unknown;
      try {
        parseRfc3339(input, '--to');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ExportError);
      expect((err as ExportError).code).toBe('ERR_EXPORT_INPUT');
      expect((err as ExportError).message).toMatch(/^--to must be an RFC 3339 date-time/);
    },
  );
});
