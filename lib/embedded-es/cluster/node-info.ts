/** The identity the store reports (an Elasticsearch 8 single node). */
export const ES_VERSION = '8.19.2';
export const LUCENE_VERSION = '9.12.2';
export const NODE_NAME = 'signet-embedded';
export const NODE_ID = 'c2lnbmV0LWVtYmVkZGVk';
export const CLUSTER_NAME = 'signet-embedded';
export const BUILD_HASH = '0000000000000000000000000000000000000000';
export const BUILD_DATE = '2025-07-01T00:00:00.000Z';
