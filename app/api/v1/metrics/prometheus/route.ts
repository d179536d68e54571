import { getServices, NOT_SERVING, toWebResponse } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/v1/metrics/prometheus: Prometheus text, El Proxy's metric names. */
export async function GET(): Promise<Response> {
  const s = getServices();
  return toWebResponse(s === null ? NOT_SERVING : await s.metrics());
}
