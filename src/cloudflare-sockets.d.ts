// The part of Workers' `cloudflare:sockets` that src/adapters/edge-mail.ts uses (present only inside workerd).
declare module 'cloudflare:sockets' {
  interface SocketOptions {
    secureTransport?: 'off' | 'on' | 'starttls';
    allowHalfOpen?: boolean;
  }
  interface Socket {
    readonly readable: ReadableStream<Uint8Array>;
    readonly writable: WritableStream<Uint8Array>;
    readonly opened: Promise<unknown>;
    readonly closed: Promise<void>;
    close(): Promise<void>;
    startTls(): Socket;
  }
  export function connect(address: string | { hostname: string; port: number }, options?: SocketOptions): Socket;
}
