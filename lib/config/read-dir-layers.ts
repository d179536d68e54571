import path from 'node:path';
import type { ConfigProblem } from './config-error';
import { displayPath } from './display-path';
import type { Layer } from './merge-layers';
import { readDropinLayers } from './read-dropin-layers';
import { readTomlFile } from './read-toml-file';

/** One directory's main file (null when missing or unreadable) and its drop-in files' layers. */
export interface DirLayers {
  readonly main: Layer | null;
  /** Where the main file is (or would be), for problems charged to it. */
  readonly mainSource: string;
  readonly dropins: Layer[];
  readonly problems: ConfigProblem[];
}

/**
 * Reads `{dir}/{file}` and `{dir}/{dropinDir}/*` (file-name order) as TOML layers, collecting
 * every problem. The same files are read from the configuration directory and, below it, from
 * the static configuration directory.
 */
export function readDirLayers(dir: string, file: string, dropinDir: string, extensions: readonly string[], baseDir: string): DirLayers {
  const mainPath = path.join(dir, file);
  const mainSource = displayPath(mainPath, baseDir);
  const problems: ConfigProblem[] = [];
  const read = readTomlFile(mainPath, mainSource);
  if (read.status === 'error') problems.push(read.problem);
  const dropins = readDropinLayers(path.join(dir, dropinDir), extensions, baseDir);
  problems.push(...dropins.problems);
  return { main: read.status === 'ok' ? { source: mainSource, data: read.data } : null, mainSource, dropins: dropins.layers, problems };
}
