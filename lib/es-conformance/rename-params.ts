// The YAML tests name parameters as the REST spec (rest-api-spec JSON) does; the 8.x JS client is
// generated from the newer elasticsearch-specification, which renamed a few path parts. Each
// entry was checked against the `acceptedPath` of @elastic/elasticsearch 8.19.2.
const RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'ilm.put_lifecycle': { policy: 'name' },
  'ilm.get_lifecycle': { policy: 'name' },
  'ilm.delete_lifecycle': { policy: 'name' },
  'snapshot.create_repository': { repository: 'name' },
  'snapshot.get_repository': { repository: 'name' },
  'snapshot.delete_repository': { repository: 'name' },
  'snapshot.verify_repository': { repository: 'name' },
  'snapshot.cleanup_repository': { repository: 'name' },
};

/** The step's parameters under the client's names (`ilm.put_lifecycle` `policy` → `name`). */
export function renameParams(api: string, params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const renames = RENAMES[api];
  if (!renames) return { ...params };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) out[renames[key] ?? key] = value;
  return out;
}
