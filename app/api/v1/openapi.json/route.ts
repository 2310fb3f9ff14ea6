import { openApiDocument } from '@/lib/api/openapi';

/** The OpenAPI 3.1 description of the REST API. Public: it describes, it holds no data. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
