import { z } from 'zod';
import { enumSchema, intSchema, pathSchema } from '../schema-kit';
import type { SchemaContext } from '../schema-kit';
import type { EmbeddedElasticsearchConfig } from '../types';
import { DEFAULT_MAX_BODY_BYTES, MAX_BODY_BYTES_LIMIT } from './web-server';

// `[embedded_elasticsearch]` (Signet): the in-process Elasticsearch-compatible store used when
// `elasticsearch.url` is unset. It always listens on loopback.

export function embeddedElasticsearchSection(ctx: SchemaContext) {
  return z
    .strictObject({
      data_dir: pathSchema(ctx).prefault('./data/elasticsearch'),
      port: intSchema(0, 65_535, 'a port number 0-65535 (0 = any free port)').prefault(9200),
      max_content_length: intSchema(1, MAX_BODY_BYTES_LIMIT).prefault(DEFAULT_MAX_BODY_BYTES),
      // "child": its own process, so signing and storing use two cores; "inline": this process.
      process: enumSchema(['child', 'inline']).prefault('child'),
    })
    .transform((v): EmbeddedElasticsearchConfig => ({ dataDir: v.data_dir, port: v.port, maxContentLength: v.max_content_length, process: v.process }));
}
