/** `GET /_xpack`: feature and license summary (older Beats probe it). */
import type { EsRequest, EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import { BUILD_DATE, BUILD_HASH } from './node-info';

export function xpackHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  const l = ctx.store.cluster.license;
  const type = l.installed ? String(l.installed.type ?? 'trial') : 'basic';
  const feature = (available: boolean): Record<string, boolean> => ({ available, enabled: available });
  return {
    status: 200,
    body: {
      build: { hash: BUILD_HASH, date: BUILD_DATE },
      license: { uid: l.installed ? String(l.installed.uid ?? '') : l.basicUid, type, mode: type, status: 'active' },
      features: { ilm: feature(true), security: feature(false), ml: feature(false), monitoring: feature(true), watcher: feature(false), data_streams: feature(true) },
      tagline: 'You know, for X',
    },
  };
}
