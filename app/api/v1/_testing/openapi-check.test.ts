import { describe, expect, it } from 'vitest';
import { checkAnswer } from './openapi-check';

const JSON_TYPE = 'application/json; charset=utf-8';
const source = {
  id: 's1',
  name: 'Sahel Wire',
  kind: 'outlet',
  url: null,
  description: null,
  reliability: 'C',
  reliabilityLabel: 'Fairly reliable',
  evidenceCount: 0,
  version: 1,
};
const error = { error: { code: 'not_found:source', message: 'No such source.' } };

describe('checking an answer against the generated OpenAPI document', () => {
  it.each([
    ['a source as described', 'GET', '/sources/s1', 200, JSON_TYPE, source],
    ['an error as described', 'GET', '/sources/s1', 404, JSON_TYPE, error],
    ['a 204 without a body', 'DELETE', '/sources/s1', 204, null, null],
    ['a list', 'GET', '/workspaces/w1/sources', 200, JSON_TYPE, { sources: [source] }],
    [
      'a query string ignored when matching',
      'GET',
      '/workspaces/w1/sources?q=wire',
      200,
      JSON_TYPE,
      { sources: [] },
    ],
  ])('accepts %s', (_name, method, path, status, type, body) => {
    expect(() => checkAnswer(method, path, status, type, body)).not.toThrow();
  });

  it.each([
    ['a missing field', 'GET', '/sources/s1', 200, JSON_TYPE, { ...source, version: undefined }, /version/],
    ['a field not described', 'GET', '/sources/s1', 200, JSON_TYPE, { ...source, secret: 'x' }, /additional/],
    [
      'a value outside its enum',
      'GET',
      '/sources/s1',
      200,
      JSON_TYPE,
      { ...source, reliability: 'Z' },
      /enum|allowed/,
    ],
    ['an error without a message', 'GET', '/sources/s1', 404, JSON_TYPE, { error: { code: 'x' } }, /message/],
    ['a status not described', 'GET', '/sources/s1', 418, JSON_TYPE, error, /status 418/],
    ['a method not described', 'PUT', '/sources/s1', 200, JSON_TYPE, source, /PUT is not described/],
    ['a path not described', 'GET', '/nowhere', 200, JSON_TYPE, {}, /no endpoint/],
    ['a body on a 204', 'DELETE', '/sources/s1', 204, JSON_TYPE, {}, /has a body/],
    ['a media type not described', 'GET', '/sources/s1', 200, 'text/html', '<p>', /not one described/],
  ])('refuses %s', (_name, method, path, status, type, body, message) => {
    expect(() => checkAnswer(method, path, status, type, body)).toThrow(message);
  });
});
