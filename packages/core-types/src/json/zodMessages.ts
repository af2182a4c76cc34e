/**
 * zod/mini loads no message locale, so its default messages read "Invalid input". The parse
 * helpers (`txFromJson`, `accountFromJson`, the vote and certificate parsers) pass these options,
 * which fall back to zod's English messages when the application configured no locale of its own:
 * the text names what was expected, as it did with the classic zod API.
 */
import * as z from "zod/mini";
import english from "zod/v4/locales/en.js";

const fallback = english().localeError;

/** Parse options giving zod's English messages unless a global error map or locale is set. */
export const zodMessages: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) => {
    const config = z.config();
    return config.customError?.(issue) ?? config.localeError?.(issue) ?? fallback(issue);
  },
};
