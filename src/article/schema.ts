import { z } from "zod";
import { isSafeSlug, isSlugShaped } from "./slug.ts";

/** YAML reads `2017` or `true` as non-strings; a tag or title written that way is still meant as text. */
const text = z.union([z.string(), z.number(), z.boolean()], { error: "must be text, e.g. \"Hạ Long\"" }).transform((v) => String(v).normalize("NFC").trim());
const optionalText = text.optional();

const image = z.strictObject({
  src: optionalText,
  caption: optionalText,
  credit: optionalText,
});

/**
 * Front matter schema (zod). `date` is checked for shape here and for being a real date in the loader,
 * which knows the site's time zone.
 */
export const frontMatterSchema = z.object({
  title: text.pipe(z.string().min(1, "required, and must not be empty")),
  date: z.string({
    error: (issue) => issue.input === undefined
      ? "required: an ISO 8601 date, e.g. 2017-08-24T14:47:00+07:00"
      : "must be a quoted ISO 8601 date, e.g. \"2017-08-24T14:47:00+07:00\"",
  }),
  slug: text
    .refine((s) => isSlugShaped(s), "must be one path segment of letters, digits, '-' or '_' (no '/', '..' or spaces)")
    .refine((s) => !isSlugShaped(s) || isSafeSlug(s), "is a name Windows reserves for a device (con, prn, aux, nul, com1…, lpt1…); choose another")
    .optional(),
  section: optionalText,
  tags: z.array(text).optional(),
  author: optionalText,
  summary: optionalText,
  images: z.array(image).optional(),
  source: optionalText,
  draft: z.boolean().optional(),
});

export type ParsedFrontMatter = z.output<typeof frontMatterSchema>;

export const knownFields: ReadonlySet<string> = new Set(Object.keys(frontMatterSchema.shape));
