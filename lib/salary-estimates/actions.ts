"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { requestTraining } from "./jobs";
import { currentRun } from "./overview";

/** Admin → Salary model → "Retrain now": queues a training in its own process. */
export const retrainSalaryModelAction = authedAction("salary:train", z.object({}), async (_input, { user }) => {
  const id = await requestTraining({ reason: "admin", userId: user.id });
  revalidatePath("/admin/salary-model");
  return { id };
});

/** The training's progress, polled by the page while it runs. */
export const salaryTrainingStatusAction = authedAction("salary:train", z.object({}), async () => currentRun());
