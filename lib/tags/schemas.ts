import { z } from "zod";
import { TAG_COLORS } from "./colors";

export const ZTagFields = z.object({
  name: z.string().trim().min(1, "Name the tag").max(40, "Use at most 40 characters"),
  color: z.enum(TAG_COLORS, "Choose a colour"),
});
export type TTagFields = z.infer<typeof ZTagFields>;
