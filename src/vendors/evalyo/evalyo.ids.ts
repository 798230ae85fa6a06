import { opaqueIdProblem } from '../../domain/vendor-ids';

/** Evalyo documents its ids only as strings: the default check (vendor-ids.ts). Anything else is answered without a request. */
export function isEvalyoId(value: unknown): value is string {
  return typeof value === 'string' && opaqueIdProblem(value) === null;
}
