import { z } from 'zod';
import { requestSchemas, responseSchemas } from './schemas';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * What the document needs to know about one route; the route table in src/routes/api registers the same entries,
 * so that the document cannot drift from what the server does.
 */
export interface RouteDoc {
  method: HttpMethod;
  /** Hono style, e.g. '/events/:id/items/:itemId'; every path parameter is a positive integer id. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  /** A schema from `requestSchemas`. */
  body?: z.ZodType;
  status: 200 | 201 | 204;
  /** A schema from `responseSchemas`; none for 204. */
  response?: z.ZodType;
  /** The response is the bytes of a file, not JSON. */
  binary?: boolean;
  /** May answer 409 (a rule of the domain refuses, e.g. a slug in use). */
  conflict?: boolean;
  /** False for the document itself; everything else needs a bearer token. */
  auth?: boolean;
}

const REF = '#/components/schemas/';

function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(schemas)) registry.add(schema, { id: name });
  const { schemas: out } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, uri: (name) => REF + name, unrepresentable: 'any' });
  // Each component lives inside the OpenAPI document, which carries the dialect; an $id per component would make
  // every "#/components/…" reference inside it resolve against the component instead of the document.
  return Object.fromEntries(
    Object.entries(out).map(([name, schema]) => {
      const { $id: _id, $schema: _schema, ...rest } = schema as Record<string, unknown>;
      return [name, rest];
    }),
  );
}

function nameOf(schemas: Record<string, z.ZodType>, schema: z.ZodType): string {
  const entry = Object.entries(schemas).find(([, s]) => s === schema);
  if (!entry) throw new Error('API route uses a schema missing from schemas.ts: register it in requestSchemas/responseSchemas');
  return entry[0];
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: `${REF}Error` } } } });

function operation(route: RouteDoc) {
  const params = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'integer', minimum: 1 },
  }));
  const query = route.query
    ? Object.entries(
        (z.toJSONSchema(route.query, { target: 'draft-2020-12', io: 'input' }) as { properties: Record<string, Record<string, unknown>> })
          .properties,
      ).map(([name, schema]) => {
        const { description, ...rest } = schema;
        return { name, in: 'query', required: false, ...(description ? { description } : {}), schema: rest };
      })
    : [];
  const responses: Record<string, unknown> = {
    [route.status]: route.response
      ? {
          description: route.status === 201 ? 'Created' : 'OK',
          content: { 'application/json': { schema: { $ref: REF + nameOf(responseSchemas, route.response) } } },
        }
      : route.binary
        ? { description: 'The file, with its own Content-Type', content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } }
        : { description: route.status === 204 ? 'Done' : 'OK' },
  };
  if (route.auth !== false) {
    responses['401'] = errorResponse('No token, or an unknown or revoked one');
    if (params.length) responses['404'] = errorResponse('No such resource, or not one of your events');
  }
  if (route.conflict) responses['409'] = errorResponse('Refused by a rule of the domain; see error.message');
  if (route.body || route.query) responses['422'] = errorResponse('The request did not match the schema; see error.issues');
  // Every operation names its client errors; one that has none of its own still answers others (a method it lacks).
  if (!Object.keys(responses).some((code) => code.startsWith('4'))) responses['4XX'] = errorResponse('A request this document does not describe');
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.auth === false ? { security: [] } : {}),
    ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: REF + nameOf(requestSchemas, route.body) } } } } }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of /api/v1, from the route table and the zod schemas. Request bodies are described as
 * they are accepted (defaults optional), responses as they are sent.
 * @example buildOpenApi(apiRouteTable, { serverUrl: 'https://samling.example.no/api/v1' }).paths['/events'].get
 */
export function buildOpenApi(routes: readonly RouteDoc[], options: { serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Samling API',
      version: '1.0.0',
      description:
        'Events, programme, speakers, questions, registrations and materials of the events you organise. ' +
        'Create a token at /admin/api-tokens and send it as `Authorization: Bearer <token>`. ' +
        'Times are ISO 8601 in UTC; each event has the IANA time zone it is shown in.',
      // The project has no licence of its own yet: an SPDX "LicenseRef-" for that, until one is chosen.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: options.serverUrl }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from /admin/api-tokens' } },
      schemas: { ...components(requestSchemas, 'input'), ...components(responseSchemas, 'output') },
    },
  };
}
