/** The Elasticsearch REST subset the store serves (SPEC §12), as one route table. */
import { catAliasesHandler, catCountHandler, catHealthHandler, catIndicesHandler, catNodesHandler, catShardsHandler, catTemplatesHandler } from '../cluster/cat-api';
import { deletePolicyHandler, explainHandler, getPolicyHandler, ilmModeHandler, ilmStatusHandler, putPolicyHandler, removePolicyHandler } from '../cluster/ilm-api';
import { getClusterSettingsHandler, healthHandler, infoHandler, nodesHandler, putClusterSettingsHandler } from '../cluster/info-api';
import { basicStatusHandler, deleteLicenseHandler, getLicenseHandler, putLicenseHandler, startBasicHandler, startTrialHandler, trialStatusHandler } from '../cluster/license-api';
import { xpackHandler } from '../cluster/xpack-api';
import { bulkHandler } from '../documents/bulk-api';
import { createWithId, deleteDoc, getDocument, getSource, indexAutoId, indexWithId, updateDoc } from '../documents/document-api';
import { mgetHandler } from '../documents/mget-api';
import { addFaultHandler, clearFaultsHandler, listFaultsHandler } from '../faults/faults-api';
import { aliasExistsHandler, deleteAliasHandler, getAliasHandler, putAliasHandler, updateAliasesHandler } from '../indices/aliases-api';
import { dataStreamStatsHandler, deleteDataStreamHandler, getDataStreamHandler, putDataStreamHandler, rolloverHandler } from '../indices/data-streams-api';
import {
  createIndexHandler, deleteIndexHandler, getFieldMappingHandler, getIndexHandler, getMappingHandler, getSettingsHandler, indexExistsHandler,
  putMappingHandler, putSettingsHandler, refreshHandler, reloadAnalyzersHandler, statsHandler,
} from '../indices/indices-api';
import {
  deleteComponentTemplateHandler, deleteIndexTemplateHandler, deleteLegacyTemplateHandler, getComponentTemplateHandler, getIndexTemplateHandler,
  getLegacyTemplateHandler, putComponentTemplateHandler, putIndexTemplateHandler, putLegacyTemplateHandler, templateExists,
} from '../indices/templates-api';
import { deletePipelineHandler, getPipelineHandler, putPipelineHandler, simulateHandler } from '../ingest/pipelines-api';
import { clearScrollHandler, closePitHandler, countHandler, msearchHandler, openPitHandler, scrollHandler, searchHandler } from '../search/search-api';
import { Router } from './router';

const GP = ['GET', 'POST'];
const PP = ['PUT', 'POST'];

/** Builds the route table; fault endpoints exist only when fault injection is enabled. */
export function buildRouter(faultInjection: boolean): Router {
  const r = new Router();
  r.add('GET', '/', infoHandler);
  // cluster
  r.add('GET', '/_cluster/health', healthHandler).add('GET', '/_cluster/health/{index}', healthHandler);
  r.add('GET', '/_cluster/settings', getClusterSettingsHandler).add('PUT', '/_cluster/settings', putClusterSettingsHandler);
  r.add('GET', '/_nodes', nodesHandler).add('GET', '/_nodes/stats', nodesHandler).add('GET', '/_nodes/{node_id}', nodesHandler)
    .add('GET', '/_nodes/{node_id}/stats', nodesHandler).add('GET', '/_nodes/{node_id}/stats/{metric}', nodesHandler);
  r.add('GET', '/_cat/health', catHealthHandler).add('GET', '/_cat/indices', catIndicesHandler).add('GET', '/_cat/indices/{index}', catIndicesHandler)
    .add('GET', '/_cat/aliases', catAliasesHandler).add('GET', '/_cat/aliases/{name}', catAliasesHandler)
    .add('GET', '/_cat/templates', catTemplatesHandler).add('GET', '/_cat/templates/{name}', catTemplatesHandler)
    .add('GET', '/_cat/count', catCountHandler).add('GET', '/_cat/count/{index}', catCountHandler)
    .add('GET', '/_cat/nodes', catNodesHandler).add('GET', '/_cat/shards', catShardsHandler).add('GET', '/_cat/shards/{index}', catShardsHandler);
  r.add('GET', '/_license', getLicenseHandler).add(PP, '/_license', putLicenseHandler).add('DELETE', '/_license', deleteLicenseHandler)
    .add('GET', '/_license/basic_status', basicStatusHandler).add('POST', '/_license/start_basic', startBasicHandler)
    .add('GET', '/_license/trial_status', trialStatusHandler).add('POST', '/_license/start_trial', startTrialHandler);
  r.add('GET', '/_xpack', xpackHandler);
  // documents
  r.add(PP, '/_bulk', bulkHandler).add(PP, '/{index}/_bulk', bulkHandler);
  r.add(PP, '/{index}/_doc/{id}', indexWithId).add('POST', '/{index}/_doc', indexAutoId).add(PP, '/{index}/_create/{id}', createWithId);
  r.add('GET', '/{index}/_doc/{id}', getDocument).add('DELETE', '/{index}/_doc/{id}', deleteDoc);
  r.add('GET', '/{index}/_source/{id}', getSource).add('POST', '/{index}/_update/{id}', updateDoc);
  r.add(GP, '/_mget', mgetHandler).add(GP, '/{index}/_mget', mgetHandler);
  // search
  r.add(GP, '/_search', searchHandler).add(GP, '/{index}/_search', searchHandler);
  r.add(GP, '/_count', countHandler).add(GP, '/{index}/_count', countHandler);
  r.add(GP, '/_msearch', msearchHandler).add(GP, '/{index}/_msearch', msearchHandler);
  r.add(GP, '/_search/scroll', scrollHandler).add(GP, '/_search/scroll/{scroll_id}', scrollHandler)
    .add('DELETE', '/_search/scroll', clearScrollHandler).add('DELETE', '/_search/scroll/{scroll_id}', clearScrollHandler);
  r.add('POST', '/{index}/_pit', openPitHandler).add('DELETE', '/_pit', closePitHandler);
  // indices
  r.add('PUT', '/{index}', createIndexHandler).add('HEAD', '/{index}', indexExistsHandler).add('GET', '/{index}', getIndexHandler).add('DELETE', '/{index}', deleteIndexHandler);
  r.add('GET', '/_mapping', getMappingHandler).add('GET', '/{index}/_mapping', getMappingHandler).add(PP, '/{index}/_mapping', putMappingHandler)
    .add('GET', '/_mapping/field/{fields}', getFieldMappingHandler).add('GET', '/{index}/_mapping/field/{fields}', getFieldMappingHandler);
  r.add('GET', '/_settings', getSettingsHandler).add('GET', '/_settings/{name}', getSettingsHandler).add('GET', '/{index}/_settings', getSettingsHandler)
    .add('GET', '/{index}/_settings/{name}', getSettingsHandler).add('PUT', '/_settings', putSettingsHandler).add('PUT', '/{index}/_settings', putSettingsHandler);
  r.add(GP, '/_refresh', refreshHandler).add(GP, '/{index}/_refresh', refreshHandler).add(GP, '/_flush', refreshHandler).add(GP, '/{index}/_flush', refreshHandler);
  r.add('GET', '/_stats', statsHandler).add('GET', '/{index}/_stats', statsHandler);
  r.add(GP, '/{index}/_reload_search_analyzers', reloadAnalyzersHandler);
  // aliases
  r.add(PP, '/{index}/_alias/{name}', putAliasHandler).add(PP, '/{index}/_aliases/{name}', putAliasHandler)
    .add('DELETE', '/{index}/_alias/{name}', deleteAliasHandler).add('DELETE', '/{index}/_aliases/{name}', deleteAliasHandler);
  r.add('POST', '/_aliases', updateAliasesHandler);
  r.add('GET', '/_alias', getAliasHandler).add('GET', '/_alias/{name}', getAliasHandler).add('GET', '/{index}/_alias', getAliasHandler)
    .add('GET', '/{index}/_alias/{name}', getAliasHandler).add('HEAD', '/_alias/{name}', aliasExistsHandler).add('HEAD', '/{index}/_alias/{name}', aliasExistsHandler);
  // templates
  r.add(PP, '/_index_template/{name}', putIndexTemplateHandler).add('GET', '/_index_template', getIndexTemplateHandler)
    .add('GET', '/_index_template/{name}', getIndexTemplateHandler).add('HEAD', '/_index_template/{name}', templateExists('index'))
    .add('DELETE', '/_index_template/{name}', deleteIndexTemplateHandler);
  r.add(PP, '/_component_template/{name}', putComponentTemplateHandler).add('GET', '/_component_template', getComponentTemplateHandler)
    .add('GET', '/_component_template/{name}', getComponentTemplateHandler).add('HEAD', '/_component_template/{name}', templateExists('component'))
    .add('DELETE', '/_component_template/{name}', deleteComponentTemplateHandler);
  r.add(PP, '/_template/{name}', putLegacyTemplateHandler).add('GET', '/_template', getLegacyTemplateHandler)
    .add('GET', '/_template/{name}', getLegacyTemplateHandler).add('HEAD', '/_template/{name}', templateExists('legacy'))
    .add('DELETE', '/_template/{name}', deleteLegacyTemplateHandler);
  // data streams
  r.add('PUT', '/_data_stream/{name}', putDataStreamHandler).add('GET', '/_data_stream', getDataStreamHandler)
    .add('GET', '/_data_stream/{name}', getDataStreamHandler).add('DELETE', '/_data_stream/{name}', deleteDataStreamHandler)
    .add('GET', '/_data_stream/_stats', dataStreamStatsHandler).add('GET', '/_data_stream/{name}/_stats', dataStreamStatsHandler);
  r.add('POST', '/{alias}/_rollover', rolloverHandler).add('POST', '/{alias}/_rollover/{new_index}', rolloverHandler);
  // ILM
  r.add('PUT', '/_ilm/policy/{name}', putPolicyHandler).add('GET', '/_ilm/policy', getPolicyHandler).add('GET', '/_ilm/policy/{name}', getPolicyHandler)
    .add('DELETE', '/_ilm/policy/{name}', deletePolicyHandler).add('GET', '/{index}/_ilm/explain', explainHandler)
    .add('POST', '/{index}/_ilm/remove', removePolicyHandler).add('GET', '/_ilm/status', ilmStatusHandler)
    .add('POST', '/_ilm/start', ilmModeHandler('RUNNING')).add('POST', '/_ilm/stop', ilmModeHandler('STOPPED'));
  // ingest
  r.add('PUT', '/_ingest/pipeline/{id}', putPipelineHandler).add('GET', '/_ingest/pipeline', getPipelineHandler)
    .add('GET', '/_ingest/pipeline/{id}', getPipelineHandler).add('DELETE', '/_ingest/pipeline/{id}', deletePipelineHandler)
    .add(GP, '/_ingest/pipeline/_simulate', simulateHandler).add(GP, '/_ingest/pipeline/{id}/_simulate', simulateHandler);
  if (faultInjection) {
    r.add('POST', '/_signet/faults', addFaultHandler).add('GET', '/_signet/faults', listFaultsHandler).add('DELETE', '/_signet/faults', clearFaultsHandler);
  }
  return r;
}
