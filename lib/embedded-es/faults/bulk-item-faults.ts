/** Injected per-item bulk failures attached to a request by the fault layer. */
import type { EsRequest } from '../http/es-request';
import type { ItemFailure } from './fault-controller';

export const bulkItemFaults = new WeakMap<EsRequest, Record<string, ItemFailure>>();
