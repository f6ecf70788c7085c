// The ad edit form, parsed the same way in the browser (zodResolver) and in the server action.
// Form values are strings; empty optional fields become null.
import { z } from "zod";
import { optionalText } from "@/lib/form-fields";

const money = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = Number(v.replace(/[£,\s]/g, ""));
    if (!Number.isFinite(n) || n < 0 || n > 10_000_000) {
      ctx.addIssue({ code: "custom", message: "Enter an amount in pounds, e.g. 28000 or 12.50" });
      return z.NEVER;
    }
    return n;
  });

export const CONTRACT_TYPES = ["FULL_TIME", "PART_TIME"] as const;
export const CONTRACT_TIMES = ["PERMANENT", "CONTRACT"] as const;
export const SALARY_PERIODS = ["YEAR", "MONTH", "WEEK", "DAY", "HOUR"] as const;

export const ZAdFields = z
  .object({
    title: z.string().trim().min(1, "Enter a title").max(300, "Use at most 300 characters"),
    description: z.string().trim().min(1, "Enter a description").max(100_000, "Use at most 100,000 characters"),
    company: optionalText(300),
    locationId: z
      .string()
      .transform((v) => (v === "" ? null : Number(v)))
      .pipe(z.number().int().positive().nullable()),
    category: optionalText(200),
    contractType: z.enum(["", ...CONTRACT_TYPES]).transform((v) => (v === "" ? null : v)),
    contractTime: z.enum(["", ...CONTRACT_TIMES]).transform((v) => (v === "" ? null : v)),
    salaryMin: money,
    salaryMax: money,
    salaryPeriod: z.enum(["", ...SALARY_PERIODS]).transform((v) => (v === "" ? null : v)),
    status: z.enum(["OPEN", "CLOSED"]),
  })
  .superRefine((v, ctx) => {
    if (v.salaryMin !== null && v.salaryMax !== null && v.salaryMin > v.salaryMax) {
      ctx.addIssue({ code: "custom", path: ["salaryMax"], message: "The maximum is below the minimum" });
    }
    if ((v.salaryMin !== null || v.salaryMax !== null) && v.salaryPeriod === null) {
      ctx.addIssue({ code: "custom", path: ["salaryPeriod"], message: "Say whether the salary is per year, month, week, day or hour" });
    }
  });

export const ZUpdateAd = z.object({
  id: z.coerce.number().int().positive(),
  /** The version the form was opened at: a save against a newer one is refused. */
  version: z.coerce.number().int().positive(),
  fields: ZAdFields,
});

export type TAdFieldsInput = z.input<typeof ZAdFields>;
export type TAdFields = z.output<typeof ZAdFields>;
export type TUpdateAdInput = z.input<typeof ZUpdateAd>;
