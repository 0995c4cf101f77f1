import type { RouterType } from "itty-router";
import { FlowBody, OtpVerifyBody, PasswordBody, RegistrationStartBody } from "../../../shared/schemas";
import {
  cancelRegistration,
  completeRegistration,
  registrationStatus,
  resendRegistrationOtp,
  startRegistration,
  verifyRegistrationOtp,
} from "../domain/registration";
import { json, readJson } from "../http";
import { type Args, type Req, ctxOf, unwrap } from "./util";

/** `/api/registration/*`: "Đăng ký", with the same step names and bodies as activation. */
export function registrationRoutes(router: RouterType<Req, Args>): void {
  router
    .post("/api/registration/start", async (req, env) => {
      const body = await readJson(req, RegistrationStartBody);
      return json(unwrap(await startRegistration(await ctxOf(env, req), body)).state);
    })
    .post("/api/registration/status", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      return json(unwrap(await registrationStatus(await ctxOf(env, req), flowId)).state);
    })
    .post("/api/registration/otp", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      return json(unwrap(await resendRegistrationOtp(await ctxOf(env, req), flowId)).state);
    })
    .post("/api/registration/verify", async (req, env) => {
      const { flowId, otp } = await readJson(req, OtpVerifyBody);
      return json(unwrap(await verifyRegistrationOtp(await ctxOf(env, req), flowId, otp)).state);
    })
    .post("/api/registration/password", async (req, env) => {
      const { flowId, password } = await readJson(req, PasswordBody);
      return json(unwrap(await completeRegistration(await ctxOf(env, req), flowId, password)).state);
    })
    .post("/api/registration/cancel", async (req, env) => {
      const { flowId } = await readJson(req, FlowBody);
      await cancelRegistration(await ctxOf(env, req), flowId);
      return json({ ok: true });
    });
}
