import type { Client } from '@elastic/elasticsearch';
import { AuditError } from './audit-error';
import { AUDIT_INDEX, type AuditEvent, type AuditPage, type AuditQuery, type AuditRecord } from './audit-entry';

// The audit log on the store Signet uses (Elasticsearch or the embedded store), through the
// official client. The index is created with an explicit mapping on first use; records are
// indexed with op_type=create (never overwritten) and refresh=wait_for, so the audit page shows
// an action as soon as the action's answer arrives.

const MAPPINGS = {
  dynamic: false,
  properties: {
    '@timestamp': { type: 'date' },
    user: { properties: { name: { type: 'keyword' }, roles: { type: 'keyword' } } },
    action: { type: 'keyword' },
    target: { type: 'keyword' },
    outcome: { type: 'keyword' },
    sourceIp: { type: 'keyword' },
    details: { type: 'object', enabled: false },
  },
} as const;

/** Elasticsearch's default index.max_result_window: deeper pages need search_after. */
export const MAX_AUDIT_WINDOW = 10_000;

export interface AuditLog {
  /** Appends one record. @throws AuditError ERR_AUDIT_UNAVAILABLE */
  append(event: AuditEvent): Promise<void>;
  /** Newest first. @throws AuditError ERR_AUDIT_UNAVAILABLE, ERR_AUDIT_QUERY */
  search(query: AuditQuery): Promise<AuditPage>;
}

function isAlreadyExists(err: unknown): boolean {
  const body = (err as { meta?: { body?: { error?: { type?: string } } } }).meta?.body;
  return body?.error?.type === 'resource_already_exists_exception';
}

/** @param now injectable clock (tests). */
export function createAuditLog(client: Client, now: () => Date = () => new Date()): AuditLog {
  let ready: Promise<void> | null = null;
  const ensureIndex = (): Promise<void> => {
    ready ??= client.indices
      .create({ index: AUDIT_INDEX, mappings: MAPPINGS as never, settings: { number_of_replicas: 0 } as never })
      .then(
        () => undefined,
        (err: unknown) => {
          if (isAlreadyExists(err)) return;
          ready = null; // retry on the next call
          throw new AuditError('ERR_AUDIT_UNAVAILABLE', 'the audit index cannot be created', { cause: err });
        },
      );
    return ready;
  };

  return {
    async append(event) {
      await ensureIndex();
      const document = { '@timestamp': now().toISOString(), ...event, user: { name: event.user.name, roles: [...event.user.roles] } };
      try {
        await client.index({ index: AUDIT_INDEX, op_type: 'create', refresh: 'wait_for', document });
      } catch (err) {
        throw new AuditError('ERR_AUDIT_UNAVAILABLE', 'the audit record cannot be written', { cause: err });
      }
    },
    async search(q) {
      if (!Number.isSafeInteger(q.page) || !Number.isSafeInteger(q.size) || q.page < 0 || q.size < 1 || q.size > 100) throw new AuditError('ERR_AUDIT_QUERY', 'page must be ≥ 0 and size 1-100');
      if ((q.page + 1) * q.size > MAX_AUDIT_WINDOW) throw new AuditError('ERR_AUDIT_QUERY', `only the newest ${MAX_AUDIT_WINDOW} records can be paged; narrow the time range`);
      await ensureIndex();
      const filter: Record<string, unknown>[] = [];
      if (q.user !== undefined) filter.push({ term: { 'user.name': q.user } });
      if (q.action !== undefined) filter.push({ term: { action: q.action } });
      if (q.outcome !== undefined) filter.push({ term: { outcome: q.outcome } });
      if (q.from !== undefined || q.to !== undefined) filter.push({ range: { '@timestamp': { ...(q.from === undefined ? {} : { gte: q.from }), ...(q.to === undefined ? {} : { lte: q.to }) } } });
      try {
        const res = await client.search<Omit<AuditRecord, 'id'>>({
          index: AUDIT_INDEX,
          query: filter.length === 0 ? { match_all: {} } : { bool: { filter: filter as never } },
          sort: [{ '@timestamp': { order: 'desc' } }] as never,
          from: q.page * q.size,
          size: q.size,
          track_total_hits: true,
        });
        const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
        const records = res.hits.hits.flatMap((h) => (h._source === undefined ? [] : [{ ...h._source, id: h._id ?? '' } as AuditRecord]));
        return { total, records };
      } catch (err) {
        throw new AuditError('ERR_AUDIT_UNAVAILABLE', 'the audit log cannot be read', { cause: err });
      }
    },
  };
}
