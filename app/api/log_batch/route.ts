import { getServices, ingestFromWebRequest, NOT_SERVING, toWebResponse } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** El Proxy's `POST /api/log_batch`: a JSON array of logs (Logstash `format => "json_batch"`). */
export async function POST(req: Request): Promise<Response> {
  const s = getServices();
  if (s === null) return toWebResponse(NOT_SERVING);
  const r = await s.ingest(ingestFromWebRequest(req, 'batch'));
  return toWebResponse(r);
}
