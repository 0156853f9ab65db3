import { type ServerType, serve } from '@hono/node-server';
import { connect } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../env';
import { DomainError } from '../errors';
import { formBody, limitFormBody } from '../routes/request-helpers';
import { withFormBodies } from './node-http';

// A route that reads its form the way every route does, and says whether the adapter had read it already.
const app = new Hono<AppEnv>()
  .post('/form', limitFormBody(1024), async (c) => c.json({ preRead: c.env.formText !== undefined, body: await formBody(c) }))
  .get('/ok', (c) => c.text('ok'))
  .get('/client', (c) => c.text(c.env.clientIp ?? ''))
  .onError((error, c) => c.text(error.message, error instanceof DomainError ? error.status : 500));

let server: ServerType;
let base: string;
beforeAll(async () => {
  base = await new Promise<string>((resolve) => {
    server = serve({ fetch: withFormBodies(app.fetch), port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: BodyInit, headers: Record<string, string> = {}) => fetch(`${base}/form`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('withFormBodies', () => {
  it('reads a URL-encoded form ahead, with non-ASCII text and repeated names intact', async () => {
    const form = new URLSearchParams([['name', 'Åse Bjørnstad'], ['days', '2026-03-11'], ['days', '2026-03-12'], ['note', 'a+b & <c>']]);
    const response = await post(form);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      preRead: true,
      body: { name: 'Åse Bjørnstad', days: ['2026-03-11', '2026-03-12'], note: 'a+b & <c>' },
    });
  });

  it('still refuses a form above the route’s limit with 413', async () => {
    const response = await post(new URLSearchParams({ name: 'x'.repeat(2000) }));
    expect(response.status).toBe(413);
    // Above what the adapter reads ahead, the Request's own limit answers.
    expect((await post(new URLSearchParams({ name: 'x'.repeat(100_000) }))).status).toBe(413);
  });

  it('leaves a body without Content-Length (chunked) and multipart to the Request, which reads them the same', async () => {
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('name=Kari&'));
        controller.enqueue(new TextEncoder().encode('name=Ola'));
        controller.close();
      },
    });
    const streamed = await post(chunked, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await streamed.json()).toEqual({ preRead: false, body: { name: ['Kari', 'Ola'] } });

    const multipart = new FormData();
    multipart.append('name', 'Kari Nordmann');
    expect(await (await post(multipart)).json()).toEqual({ preRead: false, body: { name: 'Kari Nordmann' } });
  });
});

describe('the client address', () => {
  it('is the socket peer, handed to the app as c.env.clientIp', async () => {
    expect(await (await fetch(`${base}/client`)).text()).toBe('127.0.0.1');
  });
});

describe('an answer before the body is read', () => {
  /** Sends a request and then a GET on the same connection; returns everything the server wrote back. */
  async function twoOnOneConnection(head: string, body: string): Promise<string> {
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    let data = '';
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(`${head}\r\n\r\n`);
    socket.write(body);
    socket.write('GET /ok HTTP/1.1\r\nHost: localhost\r\n\r\n');
    // Either the second answer arrives, or the server closes the connection.
    await Promise.race([closed, new Promise<void>((resolve) => socket.on('data', () => data.includes('\r\n\r\nok') && resolve()))]);
    socket.destroy();
    return data;
  }

  it('either leaves the connection usable or says Connection: close', async () => {
    for (const size of [2_000, 3_000_000]) {
      const body = `name=${'x'.repeat(size)}`;
      const answer = await twoOnOneConnection(
        `POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}`,
        body,
      );
      expect(answer, `${size} bytes`).toMatch(/^HTTP\/1\.1 413 /);
      const secondAnswered = answer.includes('\r\n\r\nok');
      const saidClose = /\r\nconnection: close\r\n/i.test(answer.split('\r\n\r\n')[0]!);
      expect(secondAnswered || saidClose, `${size} bytes: ${answer.slice(0, 300)}`).toBe(true);
    }
  });
});
