import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  API_OPERATIONS,
  API_SCOPE_PERMISSIONS,
  API_SCOPES,
  API_SCOPES_BY_ROLE,
  keyMay,
  scopesAllowedFor,
  type ApiOperation,
  type ApiScope,
} from '@/lib/shared/permissions';
import { ROLES, type Role } from '@/lib/shared/enums';

// Every cell of the API's two tables (lib/shared/permissions.ts), written out here independently.
const OPENS: Record<ApiScope, ApiOperation[]> = {
  'content:read': ['readContent'],
  'drafts:write': ['createDraft', 'updateDraft', 'uploadImage', 'submit'],
  publish: ['transition'],
  webhooks: ['manageWebhooks'],
  wire: ['ingestWire'],
};
const MAY_HOLD: Record<Role, ApiScope[]> = {
  reporter: ['content:read', 'drafts:write'],
  editor: ['content:read', 'drafts:write', 'publish', 'wire'],
  admin: ['content:read', 'drafts:write', 'publish', 'webhooks', 'wire'],
};

describe('API scopes, every cell', () => {
  for (const scope of API_SCOPES)
    for (const operation of API_OPERATIONS) {
      const allowed = OPENS[scope].includes(operation);
      test(`${scope} ${allowed ? 'opens' : 'does not open'} ${operation}`, () => {
        assert.equal(API_SCOPE_PERMISSIONS[scope][operation], allowed);
      });
    }
  for (const role of ROLES)
    for (const scope of API_SCOPES) {
      const allowed = MAY_HOLD[role].includes(scope);
      test(`a ${role}'s key ${allowed ? 'may' : 'may not'} hold ${scope}`, () => {
        assert.equal(API_SCOPES_BY_ROLE[role][scope], allowed);
        assert.equal(scopesAllowedFor(role, [scope]), allowed);
      });
    }
  test('keyMay: a scope opens the operation only while the owner’s role may hold it', () => {
    for (const role of ROLES)
      for (const scope of API_SCOPES)
        for (const operation of API_OPERATIONS)
          assert.equal(
            keyMay({ scopes: [scope], owner: { id: 1, role } }, operation),
            OPENS[scope].includes(operation) && MAY_HOLD[role].includes(scope),
            `${role} ${scope} ${operation}`,
          );
  });
  test('no key without scopes may do anything', () => {
    for (const operation of API_OPERATIONS)
      assert.equal(keyMay({ scopes: [], owner: { id: 1, role: 'admin' } }, operation), false);
  });
  test('the tables have no cell the test does not list', () => {
    for (const scope of API_SCOPES)
      assert.deepEqual(Object.keys(API_SCOPE_PERMISSIONS[scope]).sort(), [...API_OPERATIONS].sort());
    for (const role of ROLES)
      assert.deepEqual(Object.keys(API_SCOPES_BY_ROLE[role]).sort(), [...API_SCOPES].sort());
  });
});
