import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

/**
 * The real C3VOC schemas, read where they live beside the checkout (`../shared/schemas`), never copied into the
 * project. Outside CI they may be missing: the tests that need them then say so and skip.
 */
export const SCHEMAS_DIR = fileURLToPath(new URL('../../shared/schemas/', import.meta.url));
export const haveSchemas = existsSync(`${SCHEMAS_DIR}c3voc-schema.json`);
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
export const haveXmllint = haveSchemas && (xmllint || process.env.CI === 'true');
if (!haveSchemas) console.warn(`No C3VOC schemas at ${SCHEMAS_DIR}: the schedule.json/xml schema checks are skipped.`);
else if (!haveXmllint) console.warn('No xmllint (apt-get install libxml2-utils): the schedule.xml schema check is skipped.');

let validate: ((data: unknown) => string[]) | null = null;

/** The errors of a schedule.json against c3voc-schema.json (draft-06), with every format checked; [] when valid. */
export function c3vocJsonErrors(data: unknown): string[] {
  if (!validate) {
    // strict: false because the schema uses keywords outside draft-06 ($oneOf, $todo, deprecated, examples).
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    ajv.addMetaSchema(draft06);
    addFormats(ajv);
    // The only format the schema names that ajv-formats lacks; we never emit colours, so any CSS colour is fine.
    ajv.addFormat('color', /^(#[0-9a-f]{3,8}|[a-z]+)$/i);
    const check = ajv.compile(JSON.parse(readFileSync(`${SCHEMAS_DIR}c3voc-schema.json`, 'utf8')));
    validate = (d) => (check(d) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
  }
  return validate(data);
}

/** xmllint's complaints about a schedule.xml against the C3VOC XSD; '' when it validates. */
export function scheduleXmlErrors(xml: string): string {
  const run = spawnSync('xmllint', ['--noout', '--schema', `${SCHEMAS_DIR}c3voc-schedule.xml.xsd`, '-'], { input: xml, encoding: 'utf8' });
  if (run.error) throw run.error;
  return run.status === 0 ? '' : `${run.stderr}`.trim() || `xmllint exited ${run.status}`;
}
