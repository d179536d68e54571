import type { JsonObject } from '../json-value';

/** A log with nested, dotted, array and null members: what the field-selection tests select from. */
export const SELECTION_LOG: JsonObject = {
  message: 'm',
  host: { name: 'h', ip: '10.0.0.1', os: { family: 'debian', version: '12' } },
  event: { category: 'authentication' },
  tags: ['a', { k: 1 }],
  n: null,
  'user.name': 'dotted',
  user: { id: 7 },
};
