// zod pieces the forms share. Form values arrive as strings; empty optional fields become null.
import { z } from "zod";

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString("en-GB")} characters`)
    .transform((v) => (v === "" ? null : v));
