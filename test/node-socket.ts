import { type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { SmtpConnect, SmtpSocket } from '../src/adapters/smtp-client';

/**
 * Cloudflare's `connect` from `cloudflare:sockets`, rebuilt on node:net and node:tls, so the Workers SMTP client is
 * tested against a real SMTP server. `ca` is the certificate to trust (a test's self-signed one); it is verified.
 */
export function nodeSocketConnect(options: { ca?: string } = {}): SmtpConnect {
  return ({ hostname, port }, { secureTransport }) => {
    const socket =
      secureTransport === 'on'
        ? tlsConnect({ host: hostname, port, servername: hostname, ...(options.ca ? { ca: options.ca } : {}) })
        : tcpConnect({ host: hostname, port });
    return webSocket(socket, (plain) => tlsConnect({ socket: plain, servername: hostname, ...(options.ca ? { ca: options.ca } : {}) }));
  };
}

function webSocket(socket: Socket, upgrade: (socket: Socket) => Socket): SmtpSocket {
  let detached = false;
  const readable = new ReadableStream<Uint8Array>({
    start(controller) {
      socket.on('data', (chunk: Buffer) => {
        if (!detached) controller.enqueue(new Uint8Array(chunk));
      });
      socket.on('end', () => !detached && controller.close());
      socket.on('error', (error) => !detached && controller.error(error));
    },
  });
  const writable = new WritableStream<Uint8Array>({
    write: (chunk) => new Promise<void>((resolve, reject) => socket.write(chunk, (error) => (error ? reject(error) : resolve()))),
  });
  return {
    readable,
    writable,
    startTls() {
      // From here on the TLS socket reads the raw bytes; this wrapper must not see them.
      detached = true;
      socket.removeAllListeners('data');
      return webSocket(upgrade(socket), upgrade);
    },
    async close() {
      socket.destroy();
    },
  };
}
