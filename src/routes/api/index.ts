import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { EventRow } from '../../../db/schema';
import { type RouteDoc, buildOpenApi } from '../../api/openapi';
import * as S from '../../api/schemas';
import { authenticateApiToken } from '../../domain/api-tokens';
import type { SessionOrganiser } from '../../domain/auth';
import { manageableEvents } from '../../domain/auth';
import type { AppEnv } from '../../env';
import { localDateTime } from '../../time';
import { ApiError, type ApiIssue, apiErrorResponse, invalid, notFound, unauthorized, zodIssues } from './errors';
import * as q from './queries';
import { createRegistrationRoute } from './registration-create';
import { contentDisposition } from '../request-helpers';
import { absolute } from '../../urls';
import { findManagedEvent } from '../../domain/event-access';

/** Routes behind the bearer token: the organiser the token acts for. */
export interface ApiEnv {
  Variables: AppEnv['Variables'] & { apiOrganiser: SessionOrganiser };
}

type ApiContext = Context<ApiEnv>;
type OutputOf<T> = T extends z.ZodType ? z.output<T> : undefined;
/** Routes under /events/:id get the event, already checked to be one the token's organiser may manage. */
type EventOf<P extends string> = P extends `/events/:id${string}` ? EventRow : undefined;

interface Input<P extends string, Q, B> {
  c: ApiContext;
  organiser: SessionOrganiser;
  event: EventOf<P>;
  /** Path parameters other than :id, as numbers. */
  ids: Record<string, number>;
  query: OutputOf<Q>;
  body: OutputOf<B>;
}

export interface ApiRoute<P extends string = string, Q = unknown, B = unknown, R = unknown> extends RouteDoc {
  path: P;
  handler: (input: Input<P, Q, B>) => Promise<R extends z.ZodType ? z.input<R> : void | Response>;
}

/** One entry of the table: typed by its own schemas, registered and documented from the same object. */
function route<P extends string, Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined, R extends z.ZodType | undefined = undefined>(
  spec: Omit<RouteDoc, 'path' | 'query' | 'body' | 'response'> & { path: P; query?: Q; body?: B; response?: R; handler: ApiRoute<P, Q, B, R>['handler'] },
): ApiRoute {
  return spec as unknown as ApiRoute;
}

const deps = (c: ApiContext) => c.var.deps;
const now = (c: ApiContext) => c.var.deps.clock();
/** Local wall-clock time with the zone, for messages about the event's bounds: '2027-01-14T09:00 Europe/Oslo'. */
const zoneFormat = (_c: ApiContext, event: EventRow) => (instant: string) => `${localDateTime(instant, event.time_zone)} ${event.time_zone}`;
const fail = (issues: ApiIssue[]) => {
  if (issues.length) throw invalid(issues);
};
const located = (c: ApiContext, path: string) => c.header('location', `${new URL(c.req.url).origin}/api/v1${path}`);

/** Every operation of /api/v1. The router and the OpenAPI document are both made from this list. */
export const apiRouteTable: ApiRoute[] = [
  route({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This document',
    tag: 'meta',
    status: 200,
    response: S.OpenApiDocument,
    auth: false,
    handler: async () => undefined as never,
  }),
  route({
    method: 'get',
    path: '/events',
    operationId: 'listEvents',
    summary: 'The events you organise (every event for an admin), newest first',
    tag: 'events',
    status: 200,
    response: S.EventList,
    handler: async ({ c, organiser }) => ({
      data: (await manageableEvents(deps(c).db, organiser)).map((e) => q.eventSummaryJson(deps(c).config, e)),
    }),
  }),
  route({
    method: 'post',
    path: '/events',
    operationId: 'createEvent',
    conflict: true,
    summary: 'Create an event (a draft unless status is published); you become its organiser',
    tag: 'events',
    body: S.EventCreate,
    status: 201,
    response: S.EventDetail,
    handler: async ({ c, organiser, body }) => {
      const { db, config } = deps(c);
      fail(q.eventIssues(body, c.var.t));
      const event = await q.createEvent(db, organiser, body, now(c));
      if (!event) throw new ApiError(409, 'slug_taken', 'api_error_slug_taken');
      located(c, `/events/${event.id}`);
      return q.eventDetail(db, config, event);
    },
  }),
  route({
    method: 'get',
    path: '/events/:id',
    operationId: 'getEvent',
    summary: 'An event with its rooms, speakers, programme items and registration questions',
    tag: 'events',
    status: 200,
    response: S.EventDetail,
    handler: async ({ c, event }) => q.eventDetail(deps(c).db, deps(c).config, event),
  }),
  route({
    method: 'patch',
    path: '/events/:id',
    operationId: 'updateEvent',
    conflict: true,
    summary: 'Change an event; a new time or place sends updated invitations, status cancelled cancels it',
    tag: 'events',
    body: S.EventUpdate,
    status: 200,
    response: S.EventDetail,
    handler: async ({ c, event, body }) => {
      const { db, config } = deps(c);
      fail(q.eventIssues({ ...event, ...body }, c.var.t));
      if (event.status === 'cancelled' && body.status && body.status !== 'cancelled') {
        throw invalid([{ path: ['status'], message: 'a cancelled event stays cancelled', code: 'invalid_value' }]);
      }
      const updated = await q.updateEvent(db, event, body, now(c), config);
      if (!updated) throw new ApiError(409, 'slug_taken', 'api_error_slug_taken');
      deps(c).outboxChanged();
      return q.eventDetail(db, config, updated);
    },
  }),
  route({
    method: 'get',
    path: '/events/:id/rooms',
    operationId: 'listRooms',
    summary: 'The rooms (or tracks) of an event',
    tag: 'programme',
    status: 200,
    response: S.RoomList,
    handler: async ({ c, event }) => ({ data: await q.listRooms(deps(c).db, event.id) }),
  }),
  route({
    method: 'post',
    path: '/events/:id/rooms',
    operationId: 'createRoom',
    summary: 'Add a room (or track)',
    tag: 'programme',
    body: S.RoomCreate,
    status: 201,
    response: S.Room,
    handler: async ({ c, event, body }) => q.insertRoom(deps(c).db, event.id, body.name, now(c)),
  }),
  route({
    method: 'get',
    path: '/events/:id/items',
    operationId: 'listItems',
    summary: 'The programme items, in time order',
    tag: 'programme',
    status: 200,
    response: S.ItemList,
    handler: async ({ c, event }) => ({ data: await q.listItems(deps(c).db, event.id) }),
  }),
  route({
    method: 'post',
    path: '/events/:id/items',
    operationId: 'createItem',
    summary: 'Add a programme item; its time must lie within the event',
    tag: 'programme',
    body: S.ItemCreate,
    status: 201,
    response: S.Item,
    handler: async ({ c, event, body }) => {
      const { db } = deps(c);
      fail(await q.itemIssues(db, event, body, c.var.t, zoneFormat(c, event)));
      const item = await q.insertItem(db, event, body, now(c));
      located(c, `/events/${event.id}/items/${item.id}`);
      return item;
    },
  }),
  route({
    method: 'patch',
    path: '/events/:id/items/:itemId',
    operationId: 'updateItem',
    summary: 'Change a programme item (speaker_ids replaces the list); status cancelled keeps it on the programme as cancelled',
    tag: 'programme',
    body: S.ItemUpdate,
    status: 200,
    response: S.Item,
    handler: async ({ c, event, ids, body }) => {
      const { db } = deps(c);
      const item = await q.findItem(db, event.id, ids.itemId!);
      if (!item) throw notFound();
      fail(await q.itemIssues(db, event, { ...item, ...body }, c.var.t, zoneFormat(c, event)));
      return q.updateItem(db, event, item, body, now(c));
    },
  }),
  route({
    method: 'delete',
    path: '/events/:id/items/:itemId',
    operationId: 'deleteItem',
    summary: 'Delete a programme item of an event never published (its files stay with the event); once published, cancel it instead',
    tag: 'programme',
    status: 204,
    conflict: true,
    handler: async ({ c, event, ids }) => {
      const { db } = deps(c);
      if (!(await q.findItem(db, event.id, ids.itemId!))) throw notFound();
      // People may have printed a published programme: an item then stays, marked as cancelled.
      if (!q.itemsDeletable(event)) throw new ApiError(409, 'programme_published', 'api_error_item_published');
      if (!(await q.deleteItem(db, event, ids.itemId!, now(c)))) throw notFound();
    },
  }),
  route({
    method: 'get',
    path: '/events/:id/speakers',
    operationId: 'listSpeakers',
    summary: 'The speakers of an event',
    tag: 'speakers',
    status: 200,
    response: S.SpeakerList,
    handler: async ({ c, event }) => ({ data: await q.listSpeakers(deps(c).db, deps(c).config, event.id) }),
  }),
  route({
    method: 'post',
    path: '/events/:id/speakers',
    operationId: 'createSpeaker',
    summary: 'Add a speaker',
    tag: 'speakers',
    body: S.SpeakerCreate,
    status: 201,
    response: S.Speaker,
    handler: async ({ c, event, body }) => {
      const speaker = (await q.saveSpeaker(deps(c).db, deps(c).config, event.id, body, null, now(c)))!;
      located(c, `/events/${event.id}/speakers/${speaker.id}`);
      return speaker;
    },
  }),
  route({
    method: 'patch',
    path: '/events/:id/speakers/:sid',
    operationId: 'updateSpeaker',
    summary: 'Change a speaker',
    tag: 'speakers',
    body: S.SpeakerUpdate,
    status: 200,
    response: S.Speaker,
    handler: async ({ c, event, ids, body }) => {
      const speaker = await q.saveSpeaker(deps(c).db, deps(c).config, event.id, body, ids.sid!, now(c));
      if (!speaker) throw notFound();
      return speaker;
    },
  }),
  route({
    method: 'get',
    path: '/events/:id/questions',
    operationId: 'listQuestions',
    summary: 'The questions of the registration form, in order',
    tag: 'questions',
    status: 200,
    response: S.QuestionList,
    handler: async ({ c, event }) => ({ data: (await q.eventDetail(deps(c).db, deps(c).config, event)).questions }),
  }),
  route({
    method: 'put',
    path: '/events/:id/questions',
    operationId: 'replaceQuestions',
    summary: 'Replace the registration questions with this list',
    tag: 'questions',
    body: S.QuestionsPut,
    status: 200,
    response: S.QuestionList,
    handler: async ({ c, event, body }) => {
      const result = await q.replaceQuestions(deps(c).db, event.id, body, c.var.t);
      if ('issues' in result) throw invalid(result.issues);
      return { data: result.questions };
    },
  }),
  route({
    method: 'get',
    path: '/events/:id/registrations',
    operationId: 'listRegistrations',
    summary: 'Registrations in arrival order, a page at a time, optionally of one status',
    tag: 'registrations',
    query: S.RegistrationQuery,
    status: 200,
    response: S.RegistrationPage,
    handler: async ({ c, event, query }) => q.registrationPage(deps(c).db, event.id, query),
  }),
  createRegistrationRoute,
  route({
    method: 'get',
    path: '/events/:id/registrations/:rid',
    operationId: 'getRegistration',
    summary: 'One registration with its answers',
    tag: 'registrations',
    status: 200,
    response: S.Registration,
    handler: async ({ c, event, ids }) => {
      const registration = await q.findRegistration(deps(c).db, event.id, ids.rid!);
      if (!registration) throw notFound();
      return registration;
    },
  }),
  route({
    method: 'get',
    path: '/events/:id/materials',
    operationId: 'listMaterials',
    summary: 'The files of an event (every visibility) with their download addresses',
    tag: 'materials',
    status: 200,
    response: S.MaterialList,
    handler: async ({ c, event }) => ({ data: await q.listMaterials(deps(c).db, deps(c).config, event.id) }),
  }),
  route({
    method: 'get',
    path: '/events/:id/materials/:fileId/content',
    operationId: 'getMaterialContent',
    summary: 'The bytes of one file, whatever its visibility',
    tag: 'materials',
    status: 200,
    binary: true,
    handler: async ({ c, event, ids }) => {
      const file = await q.findMaterial(deps(c).db, event.id, ids.fileId!);
      const body = file ? await deps(c).files.get(file.storage_key) : null;
      if (!file || !body) throw notFound();
      return new Response(body, {
        headers: {
          'content-type': file.content_type,
          'content-length': String(file.size),
          'content-disposition': contentDisposition('attachment', file.filename),
          'x-content-type-options': 'nosniff',
          etag: `"${file.sha256}"`,
        },
      });
    },
  }),
];

const ID = /^[1-9][0-9]{0,14}$/;
const MAX_BODY = 1024 * 1024;

async function readJson(c: ApiContext): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'api_error_unsupported_media_type');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(422, 'malformed_json', 'api_error_malformed_json');
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(zodIssues(result.error));
  return result.data;
}

/** The event of `:id` if the organiser may manage it; otherwise the same 404 as for one that does not exist. */
async function eventFor(c: ApiContext, raw: string | undefined): Promise<EventRow> {
  if (!raw || !ID.test(raw)) throw notFound();
  const event = await findManagedEvent(deps(c).db, c.var.apiOrganiser, Number(raw));
  if (!event) throw notFound();
  return event;
}

function handle(spec: ApiRoute) {
  return async (c: ApiContext) => {
    const ids: Record<string, number> = {};
    for (const [name, value] of Object.entries(c.req.param() as Record<string, string>)) {
      if (name === 'id') continue;
      if (!ID.test(value)) throw notFound();
      ids[name] = Number(value);
    }
    const event = spec.path.startsWith('/events/:id') ? await eventFor(c, c.req.param('id')) : undefined;
    const query = spec.query ? parse(spec.query, c.req.query()) : undefined;
    const body = spec.body ? parse(spec.body, await readJson(c)) : undefined;
    const result = await (spec.handler as (input: Input<string, unknown, unknown>) => Promise<unknown>)({
      c,
      organiser: c.var.apiOrganiser,
      event: event as never,
      ids,
      query: query as never,
      body: body as never,
    });
    if (result instanceof Response) return result;
    if (spec.status === 204) return c.body(null, 204);
    return c.json(result as object, spec.status as ContentfulStatusCode);
  };
}

const BEARER = /^Bearer[ ]+([^ ]+)[ ]*$/i;

/** The JSON API, mounted at /api/v1: `app.route('/api/v1', apiRoutes)`. */
export const apiRoutes = new Hono<ApiEnv>();

// Whatever goes wrong below becomes a JSON error (a sub-app's onError wraps each of its own handlers in Hono 4).
apiRoutes.onError((error, c) => apiErrorResponse(error, c as unknown as Context<AppEnv>));
apiRoutes.use('*', async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
});

const documents = new Map<string, unknown>();
apiRoutes.get('/openapi.json', (c) => {
  const serverUrl = absolute(c.var.deps.config.baseUrl, '/api/v1');
  let doc = documents.get(serverUrl);
  if (!doc) {
    doc = buildOpenApi(apiRouteTable, { serverUrl });
    documents.set(serverUrl, doc);
  }
  c.header('access-control-allow-origin', '*');
  return c.json(doc as object);
});

apiRoutes.use('*', async (c, next) => {
  const header = c.req.header('authorization');
  const token = header ? BEARER.exec(header)?.[1] : undefined;
  const organiser = token ? await authenticateApiToken(c.var.deps.db, token, c.var.deps.clock()) : null;
  if (!organiser) throw header ? new ApiError(401, 'invalid_token', 'api_error_unauthorized') : unauthorized();
  c.set('apiOrganiser', organiser);
  await next();
});
apiRoutes.use(
  '*',
  bodyLimit({
    maxSize: MAX_BODY,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', 'api_error_too_large');
    },
  }),
);

for (const spec of apiRouteTable) {
  if (spec.path === '/openapi.json') continue;
  apiRoutes.on(spec.method.toUpperCase(), spec.path, handle(spec));
}

// Under /api/v1 even an unknown address answers in JSON, never with the HTML 404 page.
apiRoutes.all('*', () => {
  throw notFound();
});
