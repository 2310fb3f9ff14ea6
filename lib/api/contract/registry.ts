/**
 * The REST API's contract, in one place: every request body and every response body is a zod
 * schema registered here under a name, and every endpoint is described by an `Endpoint` (its
 * method, path, query, body and answers) in one of the modules of this folder. The OpenAPI
 * document (lib/api/openapi.ts) is generated from these with zod's JSON Schema output, the route
 * handlers validate their input with the same schemas, the presenters are typed by the response
 * schemas, and the API tests validate every answer against the generated document.
 */
import { z } from 'zod';

export interface SchemaMeta {
  /** The name under `#/components/schemas/`. */
  id: string;
  description?: string;
}

/** Request bodies: described as their input (what a client sends). */
export const requestSchemas = z.registry<SchemaMeta>();
/** Response bodies: described as their output (what the server answers). */
export const responseSchemas = z.registry<SchemaMeta>();

/** Registers a request body under `id`; returns the schema itself. */
export function requestBody<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  requestSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

/** Registers a response body under `id`; returns the schema itself. */
export function responseBody<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  responseSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json = Record<string, unknown>;

export interface Answer {
  description: string;
  /** A schema registered with `responseBody` (none: no body, e.g. 204). */
  schema?: z.ZodType;
  /** Answers carry an ETag header. */
  etag?: boolean;
  /** Non-JSON answers (files): media type → JSON Schema. */
  content?: Record<string, Json>;
}

export interface Endpoint {
  method: Method;
  /** Under /api/v1, with path parameters in braces: `/claims/{claimId}/comments`. */
  path: string;
  /** The OpenAPI tag (a section of the reference). */
  tag: string;
  summary: string;
  description?: string;
  /** The query string: an object schema of optional strings/enums/coerced numbers. */
  query?: z.ZodObject;
  /** Extra header parameters (If-Match is added by `ifMatch`). */
  headers?: { name: string; description: string; required?: boolean; schema?: Json }[];
  /** The JSON body: a schema registered with `requestBody`. */
  body?: z.ZodType;
  /** The same body as multipart/form-data (a file upload): registered with `requestBody`. */
  upload?: z.ZodType;
  ok: Answer & { status: number };
  /** A write: 403 for a role that may not. */
  write?: boolean;
  /** An edit: If-Match required (412, 428). */
  ifMatch?: boolean;
  /** Other answers: status → an answer, or the name of one of components/responses (e.g. 'Conflict'). */
  extra?: Record<number, Answer | string>;
  /** `[]` for the one endpoint that needs no token. */
  security?: Json[];
}
