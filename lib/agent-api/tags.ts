import * as z from "./zod";

export const TagSchema = z.looseObject({ name: z.string(), value: z.string() });
export const TagsResponseSchema = z.looseObject({ tags: z.array(TagSchema) });
export type Tag = z.infer<typeof TagSchema>;
export type TagsResponse = z.infer<typeof TagsResponseSchema>;
