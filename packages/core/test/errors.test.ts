import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AurigError, isAurigError } from '@aurig/core';

test('AurigError carries a code, a path and a value', () => {
  const e = new AurigError('E_BAD_RIG', 'params[3].min is NaN: give a finite number', { path: '/params/3/min', value: NaN });
  assert.ok(e instanceof Error);
  assert.equal(e.code, 'E_BAD_RIG');
  assert.equal(e.path, '/params/3/min');
  assert.ok(isAurigError(e, 'E_BAD_RIG'));
  assert.ok(!isAurigError(e, 'E_BAD_IMAGE'));
  assert.ok(!isAurigError(new Error('x')));
});
