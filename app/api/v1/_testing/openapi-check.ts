/**
 * Test support: checks an answer of the REST API against the generated OpenAPI document — its
 * status must be described for the endpoint, and a JSON body must validate against the schema
 * described for that status (JSON Schema 2020-12, as OpenAPI 3.1 has it). The API tests' client
 * (client.ts) runs it on every answer, so a presenter cannot drift from the contract.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { openApiDocument } from '@/lib/api/openapi';

const DOC_ID = 'https://warrant.invalid/api/v1/openapi.json';

interface Operation {
  responses: Record<
    string,
    { $ref?: string; content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
  >;
}
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, NonNullable<Operation['responses'][string]>> };
};

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validator(pointer: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ ...openApiDocument(), $id: DOC_ID });
  }
  let v = compiled.get(pointer);
  if (!v) {
    v = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
    compiled.set(pointer, v);
  }
  return v;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const uriPointer = (parts: string[]) =>
  '/' + parts.map((p) => encodeURIComponent(escapePointer(p))).join('/');

/** The described path (`/claims/{claimId}`) of a request path (`/claims/abc`). */
export function describedPath(doc: Doc, path: string): string | undefined {
  const bare = path.split('?')[0]!;
  const matches = Object.keys(doc.paths).filter((template) =>
    new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare),
  );
  // A literal segment beats a parameter (/notifications/read before /notifications/{id}).
  return matches.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

/**
 * Throws when the answer is not what the document describes: an undescribed endpoint or status,
 * a body where none is described, or a JSON body that does not validate.
 */
export function checkAnswer(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  body: unknown,
): void {
  const doc = openApiDocument() as unknown as Doc;
  const template = describedPath(doc, path);
  const where = `${method} ${path} → ${status}`;
  if (!template) throw new Error(`OpenAPI: no endpoint describes ${where}`);
  const operation = doc.paths[template]![method.toLowerCase()];
  if (!operation) throw new Error(`OpenAPI: ${method} is not described for ${template}`);
  let response = operation.responses[String(status)];
  let pointer = uriPointer(['paths', template, method.toLowerCase(), 'responses', String(status)]);
  if (!response) throw new Error(`OpenAPI: status ${status} is not described for ${method} ${template}`);
  if (response.$ref) {
    const name = response.$ref.split('/').pop()!;
    response = doc.components.responses[name]!;
    pointer = uriPointer(['components', 'responses', name]);
  }
  if (!response.content) {
    if (body !== null && body !== undefined)
      throw new Error(`OpenAPI: ${where} has a body, none is described`);
    return;
  }
  const mediaType = (contentType ?? '').split(';')[0]!.trim();
  if (!(mediaType in response.content)) {
    throw new Error(`OpenAPI: ${where} answered ${mediaType || 'no content type'}, not one described`);
  }
  if (!mediaType.endsWith('json')) return;
  const validate = validator(`${pointer}/content/${encodeURIComponent(escapePointer(mediaType))}/schema`);
  if (!validate(body)) {
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`)
      .join('; ');
    throw new Error(`OpenAPI: the answer of ${where} does not validate: ${errors}`);
  }
}
