import { getServices, ingestFromWebRequest, NOT_SERVING, toWebResponse } from '@/lib/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** El Proxy's `POST /api/log`: one JSON log. */
export async function POST(req: Request): Promise<Response> {
  const s = getServices();
  if (s === null) return toWebResponse(NOT_SERVING);
  return toWebResponse(await s.ingest(ingestFromWebRequest(req, 'single')));
}
