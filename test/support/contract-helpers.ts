import type { Interview } from '../../src/domain/model';
import type { ErrorCode } from '../../src/errors/error-code';
import { GatewayError } from '../../src/errors/gateway.error';
import type { InterviewListArgs, ListResult, VendorAdapter } from '../../src/vendors/vendor-adapter';

/** The typed error code of a batch entry or rejection; undefined for anything else. */
export function codeOf(value: unknown): ErrorCode | undefined {
  return value instanceof GatewayError ? value.code : undefined;
}

/** The GatewayError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** The GatewayError `fn` throws (fails the test if it returns or throws anything else). */
export function thrown(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

/** Every page of `listInterviews`, following cursors until `hasNextPage` is false. */
export async function allInterviewPages(adapter: VendorAdapter, args: Omit<InterviewListArgs, 'after'>): Promise<Array<ListResult<Interview>>> {
  const pages: Array<ListResult<Interview>> = [];
  let after: string | null = null;
  for (let guard = 0; guard < 500; guard += 1) {
    const page: ListResult<Interview> = await adapter.listInterviews({ ...args, after });
    pages.push(page);
    if (!page.hasNextPage) return pages;
    after = page.edges[page.edges.length - 1].cursor;
  }
  throw new Error('paging did not end');
}
