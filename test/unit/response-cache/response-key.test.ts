import { canonicalJson, type ResponseKeyParts, responseKey } from '../../../src/response-cache/response-key';

const base: ResponseKeyParts = {
  deployment: 'schema-1',
  tenantId: 'acme',
  scope: 'key:abc',
  accept: 'application/json',
  documentHash: 'a'.repeat(64),
  operationName: 'Pipeline',
  variables: { first: 10, status: null },
};

describe('responseKey', () => {
  // Fails if any part stops being part of the key: two callers differing only in it would share an entry.
  it.each(Object.keys(base) as Array<keyof ResponseKeyParts>)('changes when %s changes', (part) => {
    const changed: ResponseKeyParts = {
      ...base,
      [part]: part === 'variables' ? { first: 11, status: null } : part === 'operationName' ? 'Other' : `${String(base[part])}-other`,
    };
    expect(responseKey(changed)).not.toBe(responseKey(base));
  });

  it('is the same for the same parts, whatever the variables’ key order', () => {
    expect(responseKey({ ...base, variables: { status: null, first: 10 } })).toBe(responseKey(base));
  });

  it('tells an explicit null from an absent variable (a default applies only when absent)', () => {
    expect(responseKey({ ...base, variables: { first: 10 } })).not.toBe(responseKey(base));
  });

  it('cannot be forged by moving text between parts', () => {
    expect(responseKey({ ...base, tenantId: 'acme', scope: 'xkey:abc' })).not.toBe(responseKey({ ...base, tenantId: 'acmex', scope: 'key:abc' }));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps nulls and array order', () => {
    expect(canonicalJson({ b: [2, 1, { d: null, c: 1 }], a: 'x' })).toBe('{"a":"x","b":[2,1,{"c":1,"d":null}]}');
  });
});
