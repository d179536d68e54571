import type { ConfigProblem } from './config-error';
import { displayPath } from './display-path';
import { listDropinFiles } from './list-dropin-files';
import type { Layer } from './merge-layers';
import { readTomlFile } from './read-toml-file';

/**
 * Reads every drop-in file of `dir` (in file-name order) as one TOML layer each, collecting the
 * problems of unreadable or malformed files instead of stopping at the first.
 */
export function readDropinLayers(dir: string, extensions: readonly string[], baseDir: string): { layers: Layer[]; problems: ConfigProblem[] } {
  const layers: Layer[] = [];
  const dropins = listDropinFiles(dir, extensions, displayPath(dir, baseDir));
  const problems = [...dropins.problems];
  for (const dropin of dropins.files) {
    const label = displayPath(dropin, baseDir);
    const read = readTomlFile(dropin, label);
    if (read.status === 'ok') layers.push({ source: label, data: read.data });
    else if (read.status === 'error') problems.push(read.problem);
  }
  return { layers, problems };
}
