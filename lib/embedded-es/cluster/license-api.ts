/**
 * License endpoints. The store runs on a self-issued basic license; a posted license (e.g. the
 * trial of the conformance tests) is stored and shown, and once a trial was installed the cluster
 * is no longer trial-eligible, as in Elasticsearch. Signatures are not verified.
 */
import { esError } from '../errors/embedded-es-error';
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import type { Json, LicenseMeta } from '../state/metadata';
import { CLUSTER_NAME } from './node-info';

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function setLicense(ctx: ServerContext, license: LicenseMeta): void {
  ctx.store.apply({ o: 'cluster', meta: { ...ctx.store.cluster, license } });
}

export function getLicenseHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  const l = ctx.store.cluster.license;
  const installed = l.installed;
  if (!installed) {
    return {
      status: 200,
      body: {
        license: {
          status: 'active', uid: l.basicUid, type: 'basic', issue_date: iso(l.basicIssueDate), issue_date_in_millis: l.basicIssueDate,
          max_nodes: 1000, max_resource_units: null, issued_to: CLUSTER_NAME, issuer: 'elasticsearch', start_date_in_millis: -1,
        },
      },
    };
  }
  const issue = Number(installed.issue_date_in_millis ?? Date.now());
  const expiry = Number(installed.expiry_date_in_millis ?? issue);
  return {
    status: 200,
    body: {
      license: {
        status: expiry < Date.now() ? 'expired' : 'active',
        uid: String(installed.uid ?? ''),
        type: String(installed.type ?? 'trial'),
        issue_date: iso(issue),
        issue_date_in_millis: issue,
        expiry_date: iso(expiry),
        expiry_date_in_millis: expiry,
        max_nodes: installed.max_nodes ?? null,
        max_resource_units: installed.max_resource_units ?? null,
        issued_to: String(installed.issued_to ?? ''),
        issuer: String(installed.issuer ?? ''),
        start_date_in_millis: Number(installed.start_date_in_millis ?? -1),
      },
    },
  };
}

export function putLicenseHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject(true);
  const list = Array.isArray(body.licenses) ? (body.licenses as Json[]) : body.license ? [body.license as Json] : [];
  const license = list[0];
  if (!license || typeof license.uid !== 'string' || typeof license.type !== 'string') {
    throw esError({ status: 400, type: 'illegal_argument_exception', reason: 'license is missing' });
  }
  const expiry = Number(license.expiry_date_in_millis ?? 0);
  if (expiry < Date.now()) return { status: 200, body: { acknowledged: true, license_status: 'expired' } };
  const cur = ctx.store.cluster.license;
  setLicense(ctx, { ...cur, installed: license, trialUsed: cur.trialUsed || license.type === 'trial' });
  return { status: 200, body: { acknowledged: true, license_status: 'valid' } };
}

export function deleteLicenseHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  const cur = ctx.store.cluster.license;
  if (cur.installed) setLicense(ctx, { basicUid: cur.basicUid, basicIssueDate: cur.basicIssueDate, trialUsed: cur.trialUsed });
  return acknowledged();
}

export function basicStatusHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  return { status: 200, body: { eligible_to_start_basic: ctx.store.cluster.license.installed !== undefined } };
}

export function startBasicHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  const cur = ctx.store.cluster.license;
  if (!cur.installed) {
    return { status: 403, body: { acknowledged: true, basic_was_started: false, error_message: 'Operation failed: Current license is basic.' } };
  }
  setLicense(ctx, { basicUid: cur.basicUid, basicIssueDate: cur.basicIssueDate, trialUsed: cur.trialUsed });
  return { status: 200, body: { acknowledged: true, basic_was_started: true } };
}

export function trialStatusHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  return { status: 200, body: { eligible_to_start_trial: !ctx.store.cluster.license.trialUsed } };
}

export function startTrialHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  const cur = ctx.store.cluster.license;
  if (cur.trialUsed) {
    return { status: 403, body: { acknowledged: true, trial_was_started: false, error_message: 'Operation failed: Trial was already activated.' } };
  }
  const now = Date.now();
  setLicense(ctx, {
    ...cur,
    trialUsed: true,
    installed: { uid: crypto.randomUUID(), type: 'trial', issue_date_in_millis: now, expiry_date_in_millis: now + 30 * 86_400_000, max_nodes: 1000, issued_to: CLUSTER_NAME, issuer: 'elasticsearch', start_date_in_millis: -1 },
  });
  return { status: 200, body: { acknowledged: true, trial_was_started: true, type: 'trial' } };
}
