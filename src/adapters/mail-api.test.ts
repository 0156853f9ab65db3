import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { nodeSocketConnect } from '../../test/node-socket';
import { mimeStructure, sampleInvitation } from '../../test/smtp';
import { mailApiTransport } from './mail-api';
import { chooseMailTransport } from './mail-choice';
import { composeMail } from './mime';

const URL_ = 'https://api.eu.mailgun.net/v3/mg.fylke.no/messages.mime';

/** A fetch that records each request and answers with `status`. */
function fakeFetch(status = 200, body = '{"id":"<x@mg>","message":"Queued. Thank you."}') {
  const requests: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { requests, fetchImpl };
}

describe('the HTTP mail API transport (Mailgun messages.mime)', () => {
  it('posts the raw MIME message and its recipient as a form, with Basic auth', async () => {
    const { requests, fetchImpl } = fakeFetch();
    await mailApiTransport(URL_, 'key-123', fetchImpl).send(sampleInvitation);
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(URL_);
    expect(request.headers.get('authorization')).toBe(`Basic ${btoa('api:key-123')}`);
    const form = await request.formData();
    expect(form.get('to')).toBe('kari@example.no');
    const file = form.get('message') as File;
    expect(file.name).toBe('message.eml');
    const raw = Buffer.from(await file.arrayBuffer());
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(sampleInvitation.subject);
    expect(parsed.messageId).toBe(sampleInvitation.messageId);
    // The same message SMTP would carry: calendar alternative and .ics attachment.
    expect(mimeStructure(raw)).toEqual(mimeStructure(Buffer.from((await composeMail(sampleInvitation)).raw)));
    expect(mimeStructure(raw)).toContain('    text/calendar; method=REQUEST');
  });

  it('rejects with the status and the provider’s words when the API refuses, so the outbox retries', async () => {
    const { fetchImpl } = fakeFetch(401, 'Forbidden');
    await expect(mailApiTransport(URL_, 'wrong', fetchImpl).send(sampleInvitation)).rejects.toThrow(/Mail API answered 401.*Forbidden/);
    const limited = fakeFetch(429, '{"message":"Too many requests"}');
    await expect(mailApiTransport(URL_, 'k', limited.fetchImpl).send(sampleInvitation)).rejects.toThrow(/429.*Too many requests/);
  });
});

describe('choosing the Worker’s mail transport', () => {
  const connect = nodeSocketConnect();
  it('uses the mail API when only MAIL_API_URL and MAIL_API_KEY are set, and says what is missing otherwise', async () => {
    const { requests, fetchImpl } = fakeFetch();
    await chooseMailTransport({ mailApiUrl: URL_, mailApiKey: 'k', baseUrl: 'https://samling.fylke.no' }, connect, fetchImpl).send(sampleInvitation);
    expect(requests).toHaveLength(1);
    expect(() => chooseMailTransport({ mailApiUrl: URL_, baseUrl: 'https://x.no' }, connect, fetchImpl)).toThrow(/MAIL_API_KEY/);
    await expect(chooseMailTransport({ baseUrl: 'https://x.no' }, connect).send(sampleInvitation)).rejects.toThrow(/SMTP_URL, or MAIL_API_URL and MAIL_API_KEY/);
  });

  it('prefers SMTP_URL when it is set', async () => {
    const { requests, fetchImpl } = fakeFetch();
    // Nothing listens on port 9 of this machine: the SMTP attempt fails, and the API is not used instead.
    const transport = chooseMailTransport({ smtpUrl: 'smtp://127.0.0.1:9', mailApiUrl: URL_, mailApiKey: 'k', baseUrl: 'https://x.no' }, connect, fetchImpl);
    await expect(transport.send(sampleInvitation)).rejects.toThrow(/ECONNREFUSED|closed/);
    expect(requests).toHaveLength(0);
  });
});
