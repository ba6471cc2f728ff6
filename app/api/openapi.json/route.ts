import { OpenApiDocumentSchema } from "@/lib/bff/contract";
import { openApiDocument } from "@/lib/bff/openapi/document";
import { apiRoute, json } from "@/lib/server/route";

/** The API's OpenAPI 3.1 document, generated from the zod contract (lib/bff/openapi). */
export const GET = apiRoute({}, async () => json(OpenApiDocumentSchema, openApiDocument()));
