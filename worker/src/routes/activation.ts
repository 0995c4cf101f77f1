import type { RouterType } from "itty-router";
import {
  ActivationStartBody,
  FlowBody,
  OtpVerifyBody,
  PasscodeBody,
  PasswordBody,
  SecurityBody,
} from "../../../shared/schemas";
import {
  activationStatus,
  cancelActivation,
  completeActivation,
  sendActivationOtp,
  setActivationPasscode,
  setActivationPassword,
  startActivation,
  verifyActivationOtp,
} from "../domain/activation";
import { json, readJson } from "../http";
import { type Args, type Req, ctxOf, unwrap } from "./util";

/** `/api/activation/*`: the web activation flow, one route per step. */
export function activationRoutes(router: RouterType<Req, Args>): void {
  router
    .post("/api/activation/start", async (req, env) => {
      const body = await readJson(req, ActivationStartBody);
      return json(unwrap(await startActivation(await ctxOf(env, req), body)).state);
    })
    .post("/api/activation/status", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      return json(unwrap(await activationStatus(await ctxOf(env, req), flowId)).state);
    })
    .post("/api/activation/otp", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      return json(unwrap(await sendActivationOtp(await ctxOf(env, req), flowId)).state);
    })
    .post("/api/activation/verify", async (req, env) => {
      const { flowId, otp } = await readJson(req, OtpVerifyBody);
      return json(unwrap(await verifyActivationOtp(await ctxOf(env, req), flowId, otp)).state);
    })
    .post("/api/activation/password", async (req, env) => {
      const { flowId, password } = await readJson(req, PasswordBody);
      return json(unwrap(await setActivationPassword(await ctxOf(env, req), flowId, password)).state);
    })
    .post("/api/activation/passcode", async (req, env) => {
      const { flowId, passcode } = await readJson(req, PasscodeBody);
      return json(unwrap(await setActivationPasscode(await ctxOf(env, req), flowId, passcode)).state);
    })
    .post("/api/activation/security", async (req, env) => {
      const { flowId, answers } = await readJson(req, SecurityBody);
      return json(unwrap(await completeActivation(await ctxOf(env, req), flowId, answers)).state);
    })
    .post("/api/activation/cancel", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      await cancelActivation(await ctxOf(env, req), flowId);
      return json({ ok: true });
    });
}
