/** Ids HeyMilo hands out are short alphanumerics; anything else is answered `null` without a request. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.~-]{0,127}$/;

export function isHeymiloId(value: string): boolean {
  return SAFE_ID.test(value);
}
