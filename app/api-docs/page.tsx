import type { Metadata } from "next";
import { ApiDocs } from "@/components/api-docs/api-docs";
import { openApiDocument } from "@/lib/bff/openapi/document";

export const metadata: Metadata = { title: "API reference" };

/** The API reference: GET /api/openapi.json, readable. */
export default function ApiDocsPage() {
  return <ApiDocs doc={openApiDocument() as unknown as Parameters<typeof ApiDocs>[0]["doc"]} />;
}
