import { parseAllDocuments } from 'yaml';
import { ConformanceError } from './conformance-error';
import { parseRequirement } from './parse-requirement';
import { parseStep } from './parse-step';
import type { Requirement, Section, Step, TestCase, TestFile } from './types';

function parseSection(value: unknown, where: string): Section {
  if (value === null || value === undefined) return { requirements: [], steps: [] };
  if (!Array.isArray(value)) {
    throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: a section must be a list of steps`);
  }
  const requirements: Requirement[] = [];
  const steps: Step[] = [];
  value.forEach((item, index) => {
    const parsed = parseStep(item, `${where} step ${index + 1}`);
    if (Array.isArray(parsed)) steps.push(...parsed);
    else requirements.push(parsed);
  });
  return { requirements, steps };
}

/**
 * Parses one YAML REST test file: documents holding `requires`/`skip` headers, `setup`,
 * `teardown` and named tests, in any order (es-wire.md, "YAML REST test format").
 * @param source the file's text
 * @param file the name used in results and messages
 * @throws {ConformanceError} ERR_CONFORMANCE_PARSE on invalid YAML or an invalid structure.
 * @example parseTestFile(fs.readFileSync(p, 'utf8'), 'bulk/10_basic.yml').tests[0]?.name
 */
export function parseTestFile(source: string, file: string): TestFile {
  const requirements: Requirement[] = [];
  const tests: TestCase[] = [];
  let setup: Section | undefined;
  let teardown: Section | undefined;
  const documents = parseAllDocuments(source, { prettyErrors: true });
  // parseAllDocuments returns an EmptyStream (not an array) for input without documents.
  if (!Array.isArray(documents)) return { file, requirements, tests };
  for (const document of documents) {
    const problem = document.errors[0];
    if (problem) throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${file}: ${problem.message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${file}: each document must be a mapping`);
    }
    for (const [key, body] of Object.entries(value as Record<string, unknown>)) {
      const where = `${file} [${key}]`;
      if ((key === 'requires' || key === 'skip') && !Array.isArray(body)) {
        requirements.push(parseRequirement(key, body, where));
      } else if (key === 'setup' || key === 'teardown') {
        if ((key === 'setup' ? setup : teardown) !== undefined) {
          throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: defined twice`);
        }
        if (key === 'setup') setup = parseSection(body, where);
        else teardown = parseSection(body, where);
      } else {
        if (tests.some((test) => test.name === key)) {
          throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: duplicate test name`);
        }
        tests.push({ name: key, section: parseSection(body, where) });
      }
    }
  }
  return { file, requirements, setup, teardown, tests };
}
