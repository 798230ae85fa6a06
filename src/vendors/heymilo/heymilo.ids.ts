import { opaqueIdProblem } from '../../domain/vendor-ids';

/** HeyMilo documents its ids only as strings: the default check (vendor-ids.ts). Anything else is answered without a request. */
export function isHeymiloId(value: string): boolean {
  return opaqueIdProblem(value) === null;
}
