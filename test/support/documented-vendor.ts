import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A vendor's REST API answering with the bodies its docs show (the replay suites): `bodyAt(path)`
 * (query ignored, asked at every request, so a test may add bodies as it goes) is answered 200
 * as JSON; any other path 404 with `notFound`, the vendor's own error shape.
 */
export async function serveDocumentedBodies(bodyAt: (path: string) => unknown, notFound: unknown): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const body = bodyAt(new URL(request.url ?? '/', 'http://x').pathname);
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? notFound));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
