// The candidate form, parsed the same way in the browser (zodResolver) and in the server actions.
import { z } from "zod";
import { optionalText } from "@/lib/form-fields";
import { parseDesiredSalary } from "@/lib/import/candidate-csv";

export const CV_TEXT_MAX = 200_000;

export const ZCandidateFields = z.object({
  name: z.string().trim().min(1, "Enter the candidate's name").max(200, "Use at most 200 characters"),
  email: z
    .string()
    .trim()
    .max(254, "Use at most 254 characters")
    .refine((v) => v === "" || z.email().safeParse(v).success, "Enter an email address like name@example.com")
    .transform((v) => (v === "" ? null : v)),
  phone: z
    .string()
    .trim()
    .max(40, "Use at most 40 characters")
    .refine((v) => v === "" || /^[+()\d\s./-]{6,}$/.test(v), "Enter a phone number (digits, spaces, + ( ) - only)")
    .transform((v) => (v === "" ? null : v)),
  location: optionalText(200),
  currentTitle: optionalText(200),
  source: optionalText(100),
  cvText: optionalText(CV_TEXT_MAX),
  cvFileName: optionalText(255),
  /** Annual £, written any way a salary is ("£32,000", "30-35k", "£15 per hour"). */
  desiredSalary: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters")
    .refine((v) => v === "" || parseDesiredSalary(v) !== null, "Enter a salary like £32,000, 30-35k or £15 per hour")
    .transform((v) => (v === "" ? null : parseDesiredSalary(v)))
    .default(null),
  skills: optionalText(2000).default(null),
  willingToRelocate: z.boolean().default(false),
});

export const ZCreateCandidate = z.object({
  fields: ZCandidateFields,
  /** Set after the user saw the possible duplicates and chose to create anyway. */
  confirmDuplicate: z.boolean().default(false),
});

export const ZUpdateCandidate = z.object({
  id: z.number().int().positive(),
  version: z.number().int().positive(),
  fields: ZCandidateFields,
});

export type TCandidateFieldsInput = z.input<typeof ZCandidateFields>;
export type TCandidateFields = z.output<typeof ZCandidateFields>;
